//! Object storage in an S3 bucket: AWS, or any S3-compatible store (Garage, R2, moto, …).

use std::time::Duration;

use application::ports::{BackendError, ObjectStorage, StoredObject, is_valid_key};
use async_trait::async_trait;
use aws_config::BehaviorVersion;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_s3::config::{Credentials, Region};
use aws_sdk_s3::operation::get_object::GetObjectError;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use secrecy::{ExposeSecret, SecretString};

/// Where and how to reach the bucket.
#[derive(Debug, Clone)]
pub struct S3Config {
    /// The bucket (it must exist).
    pub bucket: String,
    /// The region, e.g. `eu-west-3`; S3-compatible stores usually accept `us-east-1`.
    pub region: String,
    /// The endpoint of an S3-compatible store, e.g. `http://127.0.0.1:9000`; `None` for AWS.
    pub endpoint_url: Option<String>,
    /// Address buckets as `endpoint/bucket/key` instead of `bucket.endpoint/key`; most
    /// S3-compatible stores need it.
    pub force_path_style: bool,
    /// Static credentials; `None` uses the standard AWS chain (environment, profile, instance
    /// or container role).
    pub credentials: Option<S3Credentials>,
}

/// A static access key.
#[derive(Debug, Clone)]
pub struct S3Credentials {
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: SecretString,
}

/// How long one S3 call (with its retries) may take before it fails.
const OPERATION_TIMEOUT: Duration = Duration::from_secs(30);

/// Stores objects in one bucket, one S3 object per key, with the content type as the object's
/// `Content-Type`; presigned `GET` URLs let browsers fetch them straight from the store.
#[derive(Debug, Clone)]
pub struct S3Images {
    client: aws_sdk_s3::Client,
    bucket: String,
}

impl S3Images {
    /// A client for `config.bucket`. Does not contact the store.
    pub async fn new(config: S3Config) -> Self {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .region(Region::new(config.region))
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(OPERATION_TIMEOUT)
                    .build(),
            );
        if let Some(endpoint) = config.endpoint_url {
            loader = loader.endpoint_url(endpoint);
        }
        if let Some(keys) = config.credentials {
            loader = loader.credentials_provider(Credentials::new(
                keys.access_key_id,
                keys.secret_access_key.expose_secret(),
                None,
                None,
                "bys-config",
            ));
        }
        let shared = loader.load().await;
        let s3 = aws_sdk_s3::config::Builder::from(&shared)
            .force_path_style(config.force_path_style)
            .build();
        Self {
            client: aws_sdk_s3::Client::from_conf(s3),
            bucket: config.bucket,
        }
    }

    /// The underlying client, for test setup (creating buckets).
    pub fn client(&self) -> &aws_sdk_s3::Client {
        &self.client
    }
}

fn checked(key: &str) -> Result<&str, BackendError> {
    if is_valid_key(key) {
        Ok(key)
    } else {
        Err(format!("invalid storage key {key:?}").into())
    }
}

#[async_trait]
impl ObjectStorage for S3Images {
    #[tracing::instrument(skip(self, object), fields(bytes = object.bytes.len()))]
    async fn put(&self, key: &str, object: StoredObject) -> Result<(), BackendError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(checked(key)?)
            .content_type(object.content_type)
            .body(ByteStream::from(object.bytes))
            .send()
            .await?;
        Ok(())
    }

    #[tracing::instrument(skip(self))]
    async fn get(&self, key: &str) -> Result<Option<StoredObject>, BackendError> {
        let response = match self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(checked(key)?)
            .send()
            .await
        {
            Ok(response) => response,
            Err(e)
                if e.as_service_error()
                    .is_some_and(GetObjectError::is_no_such_key) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        let content_type = response
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let bytes = response.body.collect().await?.into_bytes().to_vec();
        Ok(Some(StoredObject {
            bytes,
            content_type,
        }))
    }

    #[tracing::instrument(skip(self))]
    async fn delete(&self, key: &str) -> Result<(), BackendError> {
        // S3 answers 204 for a missing key too.
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(checked(key)?)
            .send()
            .await?;
        Ok(())
    }

    #[tracing::instrument(skip(self))]
    async fn presigned_get(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<Option<String>, BackendError> {
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(checked(key)?)
            .presigned(PresigningConfig::expires_in(expires_in)?)
            .await?;
        Ok(Some(request.uri().to_owned()))
    }
}
