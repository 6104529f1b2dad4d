//! How the app proves to Entra ID that it is the app registration when it asks for a token: a
//! client secret, or a certificate. With a certificate the token request carries a client
//! assertion (RFC 7523): a JWT for the token endpoint, valid for 10 minutes, signed with the
//! certificate's private key (PS256) and naming the certificate by its SHA-256 thumbprint
//! (`x5t#S256`), which Entra ID checks against the certificate uploaded to the registration.

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, TimeDelta, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::json;
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use super::errors::GraphError;

/// How long a client assertion is valid.
const ASSERTION_LIFE: TimeDelta = TimeDelta::minutes(10);

/// The form field that says a client assertion follows.
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The credential as the configuration names it.
#[derive(Debug, Clone)]
pub enum GraphCredential {
    /// A client secret of the app registration.
    Secret(SecretString),
    /// A PEM file holding a certificate uploaded to the app registration and its RSA private
    /// key.
    Certificate(std::path::PathBuf),
}

/// The credential, loaded and ready to sign.
pub(super) enum Credential {
    Secret(SecretString),
    Certificate(SigningCertificate),
}

/// A certificate's private key and the thumbprint that names it.
pub(super) struct SigningCertificate {
    key: EncodingKey,
    thumbprint: String,
}

impl Credential {
    /// Reads the certificate file, if the credential is one.
    pub(super) fn load(credential: &GraphCredential) -> Result<Self, GraphError> {
        Ok(match credential {
            GraphCredential::Secret(secret) => Self::Secret(secret.clone()),
            GraphCredential::Certificate(path) => {
                Self::Certificate(SigningCertificate::read(path)?)
            }
        })
    }

    /// The token request's fields that prove who asks, for `client_id` at `token_url`.
    pub(super) fn proof(
        &self,
        client_id: &str,
        token_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<(&'static str, String)>, GraphError> {
        Ok(match self {
            Self::Secret(secret) => vec![("client_secret", secret.expose_secret().to_owned())],
            Self::Certificate(certificate) => vec![
                ("client_assertion_type", JWT_BEARER.to_owned()),
                (
                    "client_assertion",
                    certificate.assertion(client_id, token_url, now)?,
                ),
            ],
        })
    }
}

impl SigningCertificate {
    /// The first certificate and private key in the PEM file at `path`.
    fn read(path: &Path) -> Result<Self, GraphError> {
        let refuse = |why: &str| {
            GraphError::permanent(
                "setup",
                &format!("the certificate file {}: {why}", path.display()),
            )
        };
        let text = std::fs::read(path).map_err(|e| refuse(&e.to_string()))?;
        let blocks = pem::parse_many(&text).map_err(|e| refuse(&e.to_string()))?;
        let certificate = blocks
            .iter()
            .find(|b| b.tag() == "CERTIFICATE")
            .ok_or_else(|| refuse("no CERTIFICATE block"))?;
        let key = blocks
            .iter()
            .find(|b| matches!(b.tag(), "PRIVATE KEY" | "RSA PRIVATE KEY"))
            .ok_or_else(|| refuse("no PRIVATE KEY block"))?;
        let key = EncodingKey::from_rsa_pem(pem::encode(key).as_bytes())
            .map_err(|e| refuse(&format!("the private key is not an RSA key: {e}")))?;
        Ok(Self {
            key,
            thumbprint: URL_SAFE_NO_PAD.encode(Sha256::digest(certificate.contents())),
        })
    }

    /// A client assertion for `client_id` at `token_url`, issued at `now`.
    fn assertion(
        &self,
        client_id: &str,
        token_url: &str,
        now: DateTime<Utc>,
    ) -> Result<String, GraphError> {
        let mut header = Header::new(Algorithm::PS256);
        header.x5t_s256 = Some(self.thumbprint.clone());
        let claims = json!({
            "aud": token_url,
            "iss": client_id,
            "sub": client_id,
            "jti": Uuid::now_v7().to_string(),
            "iat": now.timestamp(),
            "nbf": now.timestamp(),
            "exp": (now + ASSERTION_LIFE).timestamp(),
        });
        jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|e| GraphError::permanent("token", &format!("cannot sign: {e}")))
    }
}
