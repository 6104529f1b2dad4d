//! Checking uploaded photos and deriving the sizes the pages show.

use async_trait::async_trait;

use super::{BackendError, StoredObject};

/// Why an upload is not accepted as a photo. Each message is written for the person uploading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageRejection {
    /// The bytes are not a picture format we recognise (text, SVG, PDF, …).
    #[error("this file is not a photo: please upload a JPEG, PNG or WebP image")]
    NotAnImage,
    /// A picture format we recognise but do not accept (GIF, TIFF, BMP, AVIF, …).
    #[error("{0} images are not accepted: please upload a JPEG, PNG or WebP image")]
    UnsupportedFormat(String),
    /// More bytes than the configured limit.
    #[error(
        "the file is {} MB; photos can be at most {} MB",
        megabytes(*.size),
        megabytes(*.limit)
    )]
    TooLarge {
        /// The upload's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// More pixels than the configured limit (read from the header, before decoding).
    #[error(
        "the image is {width}×{height} pixels; photos can have at most {limit_megapixels} megapixels"
    )]
    TooManyPixels {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The limit in millions of pixels.
        limit_megapixels: u64,
    },
    /// The file starts like a photo but cannot be decoded: truncated or corrupt.
    #[error("the image is damaged or incomplete: please upload it again or choose another file")]
    Corrupt,
}

/// `bytes` in megabytes (10⁶ bytes) with one decimal, as people read file sizes.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Why processing failed.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// The upload is refused; tell the person why.
    #[error(transparent)]
    Rejected(#[from] ImageRejection),
    /// Processing itself failed (encoder or worker thread error); not the upload's fault.
    #[error("image processing failed")]
    Backend(#[source] BackendError),
}

/// An accepted photo, re-encoded without metadata, and its derivatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// A fingerprint of the uploaded bytes: lower-case hex, 32 characters. Equal uploads have
    /// equal digests, so keys built from it change exactly when the photo changes.
    pub digest: String,
    /// The photo at full size, upright, without EXIF.
    pub original: StoredObject,
    /// A medium size for cards and pages.
    pub card: StoredObject,
    /// A small square crop for lists and avatars.
    pub thumbnail: StoredObject,
}

/// Validates uploads by content and produces the stored sizes.
///
/// Contract: accepts only JPEG, PNG and WebP that decode completely; refuses more bytes or
/// pixels than its limits before decoding; applies the EXIF orientation and writes no EXIF
/// into any output.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ImageProcessor: Send + Sync {
    /// Checks `upload` and derives the stored sizes.
    ///
    /// # Errors
    /// [`ImageError::Rejected`] for anything that is not an acceptable photo.
    async fn process(&self, upload: Vec<u8>) -> Result<ProcessedImage, ImageError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_messages_are_in_megabytes_rounded_up() {
        let message = ImageRejection::TooLarge {
            size: 5_000_001,
            limit: 5_000_000,
        }
        .to_string();
        assert_eq!(message, "the file is 5.1 MB; photos can be at most 5.0 MB");
    }
}
