//! Pictures for the demo marketplace, drawn when it starts (nothing is downloaded or shipped):
//! for each provider and service a soft diagonal gradient in two colours chosen by its name,
//! with a few translucent discs, uploaded through [`UploadImage`] like a provider's own photo.

use std::io::Cursor;

use anyhow::Context as _;
use application::Actor;
use application::ports::{PageRequest, ServiceStore, UserQuery, UserStore};
use application::upload_image::{PhotoOf, UploadImage};
use domain::Role;
use image::{ImageFormat, Rgb, RgbImage};

/// The drawn pictures' size: the proportions of the cards.
const WIDTH: u32 = 800;
const HEIGHT: u32 = 600;

/// Gives every demo provider a profile picture and each of their services a picture.
///
/// # Errors
/// When a store or the upload refuses one (a bug: the demo data is fixed).
pub async fn add(
    upload: &UploadImage,
    users: &dyn UserStore,
    services: &dyn ServiceStore,
) -> anyhow::Result<()> {
    let providers = users
        .list(&UserQuery {
            role: Some(Role::Provider),
            page: PageRequest::new(1, PageRequest::MAX_PER_PAGE),
            ..UserQuery::default()
        })
        .await?;
    for provider in &providers.items {
        let actor = Actor::new(provider.id, provider.role);
        let portrait = draw(provider.name.as_str())?;
        upload
            .run(&actor, PhotoOf::Profile(provider.id), portrait)
            .await
            .with_context(|| format!("picture of {}", provider.name.as_str()))?;
        for service in services.by_provider(provider.id).await? {
            let picture = draw(service.name.as_str())?;
            upload
                .run(&actor, PhotoOf::Service(service.id), picture)
                .await
                .with_context(|| format!("picture of {}", service.name.as_str()))?;
        }
    }
    Ok(())
}

/// A PNG for `name`: the same name always gives the same picture.
fn draw(name: &str) -> anyhow::Result<Vec<u8>> {
    let seed = name.bytes().fold(2_166_136_261_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    });
    let (from, to) = PALETTES[seed as usize % PALETTES.len()];
    let discs: Vec<(f64, f64, f64)> = (0..4_u32)
        .map(|i| {
            let bits = seed.rotate_left(i * 8);
            (
                f64::from(bits % WIDTH),
                f64::from((bits / 7) % HEIGHT),
                f64::from(90 + (bits / 13) % 160),
            )
        })
        .collect();
    let span = f64::from(WIDTH + HEIGHT);
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (f64::from(x), f64::from(y));
        let t = (fx + fy) / span;
        let mut pixel = [0.0; 3];
        for (c, value) in pixel.iter_mut().enumerate() {
            *value = from[c] + (to[c] - from[c]) * t;
        }
        for &(cx, cy, r) in &discs {
            if (fx - cx).powi(2) + (fy - cy).powi(2) < r * r {
                for value in &mut pixel {
                    *value += (255.0 - *value) * 0.18;
                }
            }
        }
        Rgb(pixel.map(channel))
    });
    let mut png = Cursor::new(Vec::new());
    image.write_to(&mut png, ImageFormat::Png)?;
    Ok(png.into_inner())
}

/// A colour channel in 0..=255 (rounded, clamped).
fn channel(value: f64) -> u8 {
    // Clamped into u8's range first, so the conversion cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = value.round().clamp(0.0, 255.0) as u8;
    byte
}

/// Pairs of colours (dark to light) a picture's gradient runs between.
const PALETTES: [([f64; 3], [f64; 3]); 8] = [
    ([38.0, 70.0, 83.0], [231.0, 111.0, 81.0]),
    ([42.0, 157.0, 143.0], [233.0, 196.0, 106.0]),
    ([69.0, 123.0, 157.0], [168.0, 218.0, 220.0]),
    ([106.0, 76.0, 147.0], [255.0, 173.0, 173.0]),
    ([52.0, 78.0, 65.0], [163.0, 177.0, 138.0]),
    ([157.0, 2.0, 8.0], [250.0, 163.0, 7.0]),
    ([2.0, 48.0, 71.0], [142.0, 202.0, 230.0]),
    ([88.0, 49.0, 1.0], [221.0, 161.0, 94.0]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_always_draws_the_same_picture_and_names_differ() {
        let yoga = draw("Yoga class").unwrap();
        assert_eq!(yoga, draw("Yoga class").unwrap());
        assert_ne!(yoga, draw("Haircut").unwrap());
        let decoded = image::load_from_memory(&yoga).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (WIDTH, HEIGHT));
    }
}
