//! How domain values are shown: times in a viewer's zone with the zone named, photos or their
//! placeholders, in the reader's language (refusals are worded in [`crate::refusals`]).

use adapters::catalogue;
use adapters::local_format::LocalFormat;
use application::upload_image::ImageSize;
use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use domain::{Language, PersonName, Price, Role, User, Zone};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;

use crate::render::Layout;

/// The language of the page `layout` frames (the marketplace's default if its tag is unknown).
pub fn language_of(layout: &Layout) -> Language {
    Language::parse(&layout.lang).unwrap_or_else(|_| catalogue::default_language())
}

pub use adapters::catalogue::{text as say, text_with as say_with};

/// A message argument read as text.
pub fn arg(value: &(impl std::fmt::Display + ?Sized)) -> FluentValue<'static> {
    FluentValue::from(value.to_string())
}

/// A number argument (it chooses plural forms).
pub fn number_arg(value: impl Into<i64>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

/// `name` as readers of `language` see it: an erased account's stored pseudonym
/// ([`User::erased_name`]) is said in their language.
pub fn person(language: &Language, name: &PersonName) -> String {
    [Role::Customer, Role::Provider, Role::Admin]
        .into_iter()
        .find(|role| *name == User::erased_name(*role))
        .map_or_else(
            || name.as_str().to_owned(),
            |role| catalogue::erased_name(language, role),
        )
}

/// "Tue, 2 Jun 2026" in `language`.
pub fn day_in(language: &Language, date: NaiveDate) -> String {
    LocalFormat::of(language).short_date(date)
}

/// "2 June 2026" in `language`.
pub fn date_in(language: &Language, date: NaiveDate) -> String {
    LocalFormat::of(language).plain_date(date)
}

/// `price` as readers of `language` write amounts (`25,00 EUR`); in the source language, as
/// the domain writes it (`25.00 EUR`, no grouping), which pages have always shown.
pub fn price_in(language: &Language, price: &Price) -> String {
    if *language == catalogue::source_language() {
        price.to_string()
    } else {
        LocalFormat::of(language).price(price)
    }
}

/// "Tue, 2 Jun 2026, 14:30 CEST (Europe/Paris)" in `language`.
pub fn moment_in(language: &Language, instant: DateTime<Utc>, zone: Zone) -> String {
    format!(
        "{}, {} {} ({})",
        day_in(language, zone.date_of(instant)),
        clock(instant, zone),
        zone.abbreviation(instant),
        zone.name()
    )
}

/// `instant` as the wall clock in `zone` shows it, with the offset in force.
pub fn local_time(instant: DateTime<Utc>, zone: Zone) -> DateTime<FixedOffset> {
    // Offsets are always under a day, so `east_opt` cannot fail; UTC is a harmless fallback.
    let offset = i32::try_from(zone.offset_at(instant).num_seconds())
        .ok()
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| Utc.fix());
    instant.with_timezone(&offset)
}

/// "14:30".
pub fn clock(instant: DateTime<Utc>, zone: Zone) -> String {
    zone.wall_clock(instant).format("%H:%M").to_string()
}

/// A photo on a card or page (`partials_picture.html`): the URLs of its stored sizes, or a
/// placeholder made of the name's initials on a colour derived from the name.
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    /// The card size (longest side 800 px), if a photo was uploaded.
    card: Option<String>,
    /// The 256 px square thumbnail, if a photo was uploaded.
    thumb: Option<String>,
    /// Up to two initials for the placeholder.
    initials: String,
    /// The placeholder's hue in degrees, the same for the same name.
    hue: u32,
}

impl Picture {
    /// The photo stored under `photo` (a key prefix), or the placeholder for `name`.
    pub fn of(photo: Option<&str>, name: &str) -> Self {
        let url = |size: ImageSize| photo.map(|p| format!("/images/{}", size.key(p)));
        Self {
            card: url(ImageSize::Card),
            thumb: url(ImageSize::Thumbnail),
            initials: name
                .split_whitespace()
                .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
                .flat_map(char::to_uppercase)
                .take(2)
                .collect(),
            hue: name
                .chars()
                .fold(7_u32, |h, c| h.wrapping_mul(31).wrapping_add(u32::from(c)))
                % 360,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_links_its_sizes_and_a_missing_one_gets_stable_initials() {
        let shown = Picture::of(Some("services/1/ab"), "Beard trim");
        assert_eq!(shown.card.as_deref(), Some("/images/services/1/ab/card"));
        assert_eq!(shown.thumb.as_deref(), Some("/images/services/1/ab/thumb"));
        let drawn = Picture::of(None, "  yoga for (beginners) and more");
        assert_eq!((drawn.card, drawn.initials.as_str()), (None, "YF"));
        assert_eq!(
            drawn.hue,
            Picture::of(None, "  yoga for (beginners) and more").hue
        );
        assert_ne!(drawn.hue, Picture::of(None, "Beard trim").hue);
        assert!(drawn.hue < 360);
    }

    #[test]
    fn days_are_written_in_the_reader_s_language() {
        let day: NaiveDate = "2026-06-02".parse().unwrap();
        let en = catalogue::source_language();
        assert_eq!(day_in(&en, day), "Tue, 2 Jun 2026");
        assert_eq!(date_in(&en, day), "2 June 2026");
        let de = Language::parse("de").unwrap();
        assert_eq!(day_in(&de, day), "Di., 02.06.2026");
        assert_eq!(date_in(&de, day), "2. Juni 2026");
    }

    #[test]
    fn a_moment_names_the_zone_and_its_abbreviation() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let t: DateTime<Utc> = "2026-06-02T12:30:00Z".parse().unwrap();
        assert_eq!(
            moment_in(&catalogue::source_language(), t, paris),
            "Tue, 2 Jun 2026, 14:30 CEST (Europe/Paris)"
        );
        assert_eq!(
            local_time(t, paris).to_rfc3339(),
            "2026-06-02T14:30:00+02:00"
        );
    }
}
