//! Providers' CalDAV logins at rest: AES-256-GCM with a random nonce per login, the calendar's
//! URL as associated data (a sealed login copied onto another calendar does not open), under
//! a key kept in a file of its own, never in the database.

use std::io::Write as _;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use application::ports::CalendarLogin;
use serde::{Deserialize, Serialize};

/// What marks the format, so that a later one can be told apart.
const VERSION: &str = "v1.";
/// AES-GCM's nonce length.
const NONCE_LEN: usize = 12;

/// Seals and opens logins with one key.
pub(super) struct LoginSeal {
    cipher: Aes256Gcm,
}

/// The sealed plaintext.
#[derive(Serialize, Deserialize)]
struct Sealed {
    username: String,
    password: String,
}

impl LoginSeal {
    /// The key in `path` (64 hex digits), or a new random one written there (readable by the
    /// owner only) when the file does not exist.
    ///
    /// # Errors
    /// When the file cannot be read or written, or holds no key.
    pub(super) fn from_key_file(path: &Path) -> Result<Self, String> {
        let key_hex = match std::fs::read_to_string(path) {
            Ok(text) => text.trim().to_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_key(path)?,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let key = hex::decode(&key_hex)
            .ok()
            .filter(|k| k.len() == 32)
            .ok_or_else(|| format!("{} does not hold 64 hex digits", path.display()))?;
        let cipher = Aes256Gcm::new_from_slice(&key).map_err(|e| e.to_string())?;
        Ok(Self { cipher })
    }

    /// `login` sealed for the calendar at `url`.
    ///
    /// # Errors
    /// When the random source fails.
    pub(super) fn seal(&self, url: &str, login: &CalendarLogin) -> Result<String, String> {
        let plain = serde_json::to_vec(&Sealed {
            username: login.username.clone(),
            password: login.password.clone(),
        })
        .map_err(|e| e.to_string())?;
        let mut nonce = [0_u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| e.to_string())?;
        let sealed = self
            .cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &plain,
                    aad: url.as_bytes(),
                },
            )
            .map_err(|_| "sealing failed".to_owned())?;
        Ok(format!(
            "{VERSION}{}{}",
            hex::encode(nonce),
            hex::encode(&sealed)
        ))
    }

    /// The login sealed for the calendar at `url`.
    ///
    /// # Errors
    /// When `sealed` was not sealed with this key for this URL, or is damaged.
    pub(super) fn open(&self, url: &str, sealed: &str) -> Result<CalendarLogin, String> {
        let refused = || "the stored login cannot be opened with this key".to_owned();
        let bytes = sealed
            .strip_prefix(VERSION)
            .and_then(|text| hex::decode(text).ok())
            .filter(|b| b.len() > NONCE_LEN)
            .ok_or_else(refused)?;
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| refused())?;
        let plain = self
            .cipher
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: url.as_bytes(),
                },
            )
            .map_err(|_| refused())?;
        let login: Sealed = serde_json::from_slice(&plain).map_err(|_| refused())?;
        Ok(CalendarLogin {
            username: login.username,
            password: login.password,
        })
    }
}

/// Writes a new random key to `path` (which must not exist), mode 0600.
fn create_key(path: &Path) -> Result<String, String> {
    let failed = |e: std::io::Error| format!("cannot create the key file {}: {e}", path.display());
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let mut key = [0_u8; 32];
    getrandom::fill(&mut key).map_err(|e| e.to_string())?;
    let key_hex = hex::encode(key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(key_hex.as_bytes()).map_err(failed)?;
    tracing::info!(path = %path.display(), "created a key for providers' calendar logins");
    Ok(key_hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://dav.example/ann/work/";

    fn ann() -> CalendarLogin {
        CalendarLogin {
            username: "ann".to_owned(),
            password: "app-password".to_owned(),
        }
    }

    #[test]
    fn a_sealed_login_opens_only_with_its_key_and_for_its_calendar() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/caldav.key");
        let seal = LoginSeal::from_key_file(&path).unwrap();
        let sealed = seal.seal(URL, &ann()).unwrap();
        assert!(!sealed.contains("app-password"));
        assert_eq!(seal.open(URL, &sealed).unwrap(), ann());
        // The key file is read back on the next start.
        assert_eq!(
            LoginSeal::from_key_file(&path)
                .unwrap()
                .open(URL, &sealed)
                .unwrap(),
            ann()
        );
        assert!(seal.open("https://dav.example/bob/", &sealed).is_err());
        let other = LoginSeal::from_key_file(&dir.path().join("other.key")).unwrap();
        assert!(other.open(URL, &sealed).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
