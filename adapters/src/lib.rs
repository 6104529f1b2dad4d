//! Adapters: implementations of the application's ports, one module per technology.

pub mod image_pipeline;
pub mod local_disk;
pub mod s3;

pub use image_pipeline::{ImageLimits, ImagePipeline};
pub use local_disk::{LocalDiskConfig, LocalDiskImages};
pub use s3::{S3Config, S3Credentials, S3Images};
