//! Upload checks and derived sizes with the `image` crate: JPEG, PNG and WebP only.

use std::io::Cursor;
use std::num::NonZeroUsize;
use std::sync::Arc;

use application::ports::{
    ImageError, ImageProcessor, ImageRejection, ProcessedImage, StoredObject,
};
use async_trait::async_trait;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, ImageResult, Limits,
};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// What an upload may weigh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageLimits {
    /// Largest accepted upload in bytes.
    pub max_bytes: u64,
    /// Largest accepted width × height, read from the header before anything is decoded, so a
    /// small file declaring a huge image (a decompression bomb) costs nothing.
    pub max_pixels: u64,
}

impl Default for ImageLimits {
    /// 5 MB and 40 megapixels: any phone photo, and at most ~320 MB while decoding one.
    fn default() -> Self {
        Self {
            max_bytes: 5_000_000,
            max_pixels: 40_000_000,
        }
    }
}

/// The longest side of the card size, in pixels (never upscaled).
pub const CARD_SIDE: u32 = 800;
/// The side of the square thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 256;

/// JPEG quality of the re-encoded original.
const ORIGINAL_QUALITY: u8 = 90;
/// JPEG quality of the derived sizes.
const DERIVED_QUALITY: u8 = 82;

/// Checks uploads by content and derives the card and thumbnail sizes.
///
/// The original keeps its format (JPEG at quality 90, PNG, or lossless WebP since the `image`
/// crate only encodes lossless WebP); the derived sizes are JPEG, or PNG when the photo has
/// transparency. Every output is re-encoded from pixels, so EXIF (GPS position, camera serial)
/// and text chunks are dropped; the EXIF orientation is applied first and the ICC colour profile
/// is kept. Decoding runs on Tokio's blocking pool, one upload per CPU core at a time, which also
/// bounds the memory decoding takes.
#[derive(Debug, Clone)]
pub struct ImagePipeline {
    limits: ImageLimits,
    workers: Arc<Semaphore>,
}

impl ImagePipeline {
    /// A pipeline enforcing `limits`.
    pub fn new(limits: ImageLimits) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self {
            limits,
            workers: Arc::new(Semaphore::new(cores)),
        }
    }
}

impl Default for ImagePipeline {
    fn default() -> Self {
        Self::new(ImageLimits::default())
    }
}

#[async_trait]
impl ImageProcessor for ImagePipeline {
    #[tracing::instrument(skip(self, upload), fields(bytes = upload.len()))]
    async fn process(&self, upload: Vec<u8>) -> Result<ProcessedImage, ImageError> {
        let limits = self.limits;
        let _worker = self
            .workers
            .acquire()
            .await
            .map_err(|e| ImageError::Backend(e.into()))?;
        tokio::task::spawn_blocking(move || process(&upload, limits))
            .await
            .map_err(|e| ImageError::Backend(e.into()))?
    }
}

/// The whole check and derivation, synchronously.
fn process(upload: &[u8], limits: ImageLimits) -> Result<ProcessedImage, ImageError> {
    let size = u64::try_from(upload.len()).unwrap_or(u64::MAX);
    if size > limits.max_bytes {
        return Err(ImageRejection::TooLarge {
            size,
            limit: limits.max_bytes,
        }
        .into());
    }
    let (image, format, icc) = decode(upload, limits)?;
    let original = encode(&image, format, ORIGINAL_QUALITY, icc.as_deref())?;
    let card_image = if image.width().max(image.height()) > CARD_SIDE {
        image.resize(CARD_SIDE, CARD_SIDE, FilterType::Lanczos3)
    } else {
        image.clone()
    };
    let derived_format = if image.color().has_alpha() {
        ImageFormat::Png
    } else {
        ImageFormat::Jpeg
    };
    let card = encode(&card_image, derived_format, DERIVED_QUALITY, icc.as_deref())?;
    let thumbnail_image =
        image.resize_to_fill(THUMBNAIL_SIDE, THUMBNAIL_SIDE, FilterType::Lanczos3);
    let thumbnail = encode(
        &thumbnail_image,
        derived_format,
        DERIVED_QUALITY,
        icc.as_deref(),
    )?;
    Ok(ProcessedImage {
        digest: digest(upload),
        original,
        card,
        thumbnail,
    })
}

/// Decodes an accepted upload, upright. Returns its format and ICC profile.
fn decode(
    upload: &[u8],
    limits: ImageLimits,
) -> Result<(DynamicImage, ImageFormat, Option<Vec<u8>>), ImageRejection> {
    let mut reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| ImageRejection::Corrupt)?;
    let format = match reader.format() {
        None => return Err(ImageRejection::NotAnImage),
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        Some(other) => return Err(unsupported(other)),
    };
    // Reading the header allocates nothing in proportion to the declared size; the pixel
    // check comes before any decoding.
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|_| ImageRejection::Corrupt)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(ImageRejection::Corrupt);
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(ImageRejection::TooManyPixels {
            width,
            height,
            limit_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    let mut decode_limits = Limits::default();
    // The largest buffer: 16-bit RGBA, plus the decoders' working memory.
    decode_limits.max_alloc = Some(limits.max_pixels.saturating_mul(8).max(64 << 20));
    decoder
        .set_limits(decode_limits)
        .map_err(|_| ImageRejection::Corrupt)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| ImageRejection::Corrupt)?;
    image.apply_orientation(orientation);
    Ok((image, format, icc))
}

fn unsupported(format: ImageFormat) -> ImageRejection {
    let name = format
        .extensions_str()
        .first()
        .map_or_else(|| format!("{format:?}"), |ext| ext.to_uppercase());
    ImageRejection::UnsupportedFormat(name)
}

/// Encodes `image` as `format` with nothing but the pixels and the colour profile.
fn encode(
    image: &DynamicImage,
    format: ImageFormat,
    jpeg_quality: u8,
    icc: Option<&[u8]>,
) -> Result<StoredObject, ImageError> {
    let mut bytes = Vec::new();
    let written = match format {
        ImageFormat::Jpeg => {
            let pixels = if image.color().has_color() {
                DynamicImage::ImageRgb8(image.to_rgb8())
            } else {
                DynamicImage::ImageLuma8(image.to_luma8())
            };
            write(
                &pixels,
                JpegEncoder::new_with_quality(&mut bytes, jpeg_quality),
                icc,
            )
        }
        ImageFormat::WebP => {
            // The WebP encoder takes 8-bit RGB(A) only.
            let pixels = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            write(&pixels, WebPEncoder::new_lossless(&mut bytes), icc)
        }
        _ => write(image, PngEncoder::new(&mut bytes), icc),
    };
    written.map_err(|e| ImageError::Backend(e.into()))?;
    Ok(StoredObject {
        bytes,
        content_type: format.to_mime_type().to_owned(),
    })
}

fn write(
    image: &DynamicImage,
    mut encoder: impl ImageEncoder,
    icc: Option<&[u8]>,
) -> ImageResult<()> {
    if let Some(icc) = icc {
        // An encoder that cannot embed a profile still writes the pixels.
        let _ = encoder.set_icc_profile(icc.to_vec());
    }
    image.write_with_encoder(encoder)
}

/// The first 128 bits of the upload's SHA-256, in lower-case hex.
fn digest(upload: &[u8]) -> String {
    hex::encode(&Sha256::digest(upload)[..16])
}

#[cfg(test)]
mod tests {
    use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

    use super::*;

    fn photo(width: u32, height: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
            Rgb([x.to_le_bytes()[0], y.to_le_bytes()[0], 128])
        }))
    }

    fn encoded(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).unwrap();
        bytes.into_inner()
    }

    /// A big-endian TIFF block holding one tag: orientation 6 (rotate 90° clockwise).
    fn exif_rotated_90() -> Vec<u8> {
        let mut tiff = b"MM\0*\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&[0, 1]); // one entry
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]); // no next directory
        tiff
    }

    fn process_default(upload: &[u8]) -> Result<ProcessedImage, ImageError> {
        process(upload, ImageLimits::default())
    }

    fn rejection(upload: &[u8], limits: ImageLimits) -> ImageRejection {
        match process(upload, limits) {
            Err(ImageError::Rejected(r)) => r,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    fn dimensions(object: &StoredObject) -> (u32, u32) {
        image::load_from_memory(&object.bytes).unwrap().dimensions()
    }

    #[test]
    fn jpeg_png_and_webp_uploads_keep_their_format_and_get_jpeg_sizes() {
        for (format, mime) in [
            (ImageFormat::Jpeg, "image/jpeg"),
            (ImageFormat::Png, "image/png"),
            (ImageFormat::WebP, "image/webp"),
        ] {
            let out = process_default(&encoded(&photo(1600, 1000), format)).unwrap();
            assert_eq!(out.original.content_type, mime, "{format:?}");
            assert_eq!(dimensions(&out.original), (1600, 1000), "{format:?}");
            assert_eq!(out.card.content_type, "image/jpeg");
            assert_eq!(dimensions(&out.card), (800, 500));
            assert_eq!(out.thumbnail.content_type, "image/jpeg");
            assert_eq!(dimensions(&out.thumbnail), (THUMBNAIL_SIDE, THUMBNAIL_SIDE));
        }
    }

    #[test]
    fn a_small_photo_is_not_enlarged_for_the_card() {
        let out = process_default(&encoded(&photo(300, 200), ImageFormat::Png)).unwrap();
        assert_eq!(dimensions(&out.card), (300, 200));
    }

    #[test]
    fn transparent_photos_get_png_sizes() {
        let logo = DynamicImage::ImageRgba8(RgbaImage::from_pixel(64, 64, Rgba([0, 0, 0, 0])));
        let out = process_default(&encoded(&logo, ImageFormat::Png)).unwrap();
        assert_eq!(out.card.content_type, "image/png");
        assert_eq!(out.thumbnail.content_type, "image/png");
    }

    #[test]
    fn exif_is_stripped_after_its_orientation_is_applied() {
        let mut upload = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut upload, 90);
        encoder.set_exif_metadata(exif_rotated_90()).unwrap();
        photo(40, 20).write_with_encoder(encoder).unwrap();
        assert!(
            upload.windows(4).any(|w| w == b"Exif"),
            "test input has EXIF"
        );

        let out = process_default(&upload).unwrap();
        assert_eq!(dimensions(&out.original), (20, 40), "rotated upright");
        for object in [&out.original, &out.card, &out.thumbnail] {
            assert!(!object.bytes.windows(4).any(|w| w == b"Exif"));
        }
    }

    #[test]
    fn the_digest_changes_exactly_when_the_upload_does() {
        let a = encoded(&photo(30, 30), ImageFormat::Png);
        let b = encoded(&photo(31, 30), ImageFormat::Png);
        let digest_a = process_default(&a).unwrap().digest;
        assert_eq!(digest_a.len(), 32);
        assert!(
            digest_a
                .bytes()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(process_default(&a).unwrap().digest, digest_a);
        assert_ne!(process_default(&b).unwrap().digest, digest_a);
    }

    #[test]
    fn text_and_svg_are_not_images() {
        assert_eq!(
            rejection(
                b"just some notes, saved as photo.jpg",
                ImageLimits::default()
            ),
            ImageRejection::NotAnImage
        );
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(
            rejection(svg, ImageLimits::default()),
            ImageRejection::NotAnImage
        );
    }

    #[test]
    fn a_gif_is_a_recognised_but_unsupported_format() {
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        let refused = rejection(gif, ImageLimits::default());
        assert_eq!(refused, ImageRejection::UnsupportedFormat("GIF".to_owned()));
        assert_eq!(
            refused.to_string(),
            "GIF images are not accepted: please upload a JPEG, PNG or WebP image"
        );
    }

    #[test]
    fn a_truncated_png_is_corrupt() {
        let png = encoded(&photo(200, 200), ImageFormat::Png);
        let truncated = &png[..png.len() / 2];
        assert_eq!(
            rejection(truncated, ImageLimits::default()),
            ImageRejection::Corrupt
        );
    }

    #[test]
    fn uploads_over_the_byte_limit_are_refused_before_reading_them() {
        let limits = ImageLimits {
            max_bytes: 100,
            ..ImageLimits::default()
        };
        assert_eq!(
            rejection(&[0; 101], limits),
            ImageRejection::TooLarge {
                size: 101,
                limit: 100
            }
        );
    }

    #[test]
    fn images_over_the_pixel_limit_are_refused() {
        let limits = ImageLimits {
            max_pixels: 10_000,
            ..ImageLimits::default()
        };
        assert!(process(&encoded(&photo(100, 100), ImageFormat::Png), limits).is_ok());
        assert_eq!(
            rejection(&encoded(&photo(101, 100), ImageFormat::Png), limits),
            ImageRejection::TooManyPixels {
                width: 101,
                height: 100,
                limit_megapixels: 0
            }
        );
    }

    #[tokio::test]
    async fn processing_runs_through_the_port() {
        let upload = encoded(&photo(10, 10), ImageFormat::Png);
        let out = ImagePipeline::default().process(upload).await.unwrap();
        assert_eq!(out.original.content_type, "image/png");
    }
}
