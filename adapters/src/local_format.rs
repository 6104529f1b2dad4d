//! Dates, times and amounts written the way a language's readers write them (ICU4X with the
//! CLDR data compiled in): `Dienstag, 2. Juni 2026 um 12:00`, `25,00 EUR`. The locale of each
//! language comes from its catalogue (`language-locale`).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use domain::{Language, Price};
use fixed_decimal::Decimal;
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{MDE, T, YM, YMD, YMDE, YMDET};
use icu_datetime::input::{Date, DateTime, Time};
use icu_decimal::DecimalFormatter;
use icu_decimal::options::DecimalFormatterOptions;
use icu_locale_core::Locale;

use crate::catalogue;

/// The formatters of one language.
pub struct LocalFormat {
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDET>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    short_date: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    plain_date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    day_of_month: FixedCalendarDateTimeFormatter<Gregorian, MDE>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    time: FixedCalendarDateTimeFormatter<Gregorian, T>,
    decimal: DecimalFormatter,
}

/// The formats made so far, one per language (a handful, made once each).
static MADE: LazyLock<Mutex<HashMap<Language, &'static LocalFormat>>> =
    LazyLock::new(Mutex::default);

impl std::fmt::Debug for LocalFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalFormat")
    }
}

impl LocalFormat {
    /// The formats of `language`'s locale (CLDR's root formats if ICU lacks it), made once.
    pub fn of(language: &Language) -> &'static Self {
        let mut made = MADE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        made.entry(language.clone())
            .or_insert_with(|| Box::leak(Box::new(Self::new(language))))
    }

    #[allow(
        clippy::expect_used,
        reason = "the compiled CLDR data covers every locale and these field sets"
    )]
    fn new(language: &Language) -> Self {
        let locale: Locale = catalogue::text(language, "language-locale")
            .parse()
            .unwrap_or(Locale::UNKNOWN);

        // Compiled data covers every locale and these field sets: construction cannot fail.
        Self {
            date_time: FixedCalendarDateTimeFormatter::try_new(
                (&locale).into(),
                YMDE::long().with_time_hm(),
            )
            .expect("compiled date and time data"),
            date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMDE::long())
                .expect("compiled date data"),
            short_date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMDE::medium())
                .expect("compiled date data"),
            plain_date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long())
                .expect("compiled date data"),
            day_of_month: FixedCalendarDateTimeFormatter::try_new((&locale).into(), MDE::long())
                .expect("compiled date data"),
            month: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YM::long())
                .expect("compiled date data"),
            time: FixedCalendarDateTimeFormatter::try_new((&locale).into(), T::hm())
                .expect("compiled time data"),
            decimal: DecimalFormatter::try_new(
                (&locale).into(),
                DecimalFormatterOptions::default(),
            )
            .expect("compiled decimal data"),
        }
    }

    /// `Tuesday, 2 June 2026 at 12:00`.
    pub fn date_time(&self, wall: NaiveDateTime) -> String {
        let input = DateTime {
            date: gregorian(wall.date()),
            time: time(wall.time()),
        };
        self.date_time.format(&input).to_string()
    }

    /// `Tuesday, 2 June 2026`.
    pub fn date(&self, day: NaiveDate) -> String {
        self.date.format(&gregorian(day)).to_string()
    }

    /// `Tue, 2 Jun 2026`.
    pub fn short_date(&self, day: NaiveDate) -> String {
        self.short_date.format(&gregorian(day)).to_string()
    }

    /// `2 June 2026`.
    pub fn plain_date(&self, day: NaiveDate) -> String {
        self.plain_date.format(&gregorian(day)).to_string()
    }

    /// `Tuesday 2 June`.
    pub fn day_of_month(&self, day: NaiveDate) -> String {
        self.day_of_month.format(&gregorian(day)).to_string()
    }

    /// `June 2026`: the month of `day`.
    pub fn month(&self, day: NaiveDate) -> String {
        self.month.format(&gregorian(day)).to_string()
    }

    /// `13:30` (or `1:30 PM` where the locale writes the time so).
    pub fn time(&self, wall: NaiveTime) -> String {
        self.time.format(&time(wall)).to_string()
    }

    /// `1,234.50 EUR`, `1.234,50 EUR`: the amount with the currency's decimals and the
    /// locale's separators, then the ISO code.
    pub fn price(&self, price: &Price) -> String {
        let mut amount = Decimal::from(price.minor_units());
        let decimals = i16::try_from(price.decimals()).unwrap_or(0);
        amount.multiply_pow10(-decimals);
        amount.pad_end(-decimals);
        format!("{} {}", self.decimal.format(&amount), price.currency_code())
    }
}

#[allow(
    clippy::expect_used,
    reason = "chrono's dates are valid Gregorian dates"
)]
fn gregorian(day: NaiveDate) -> Date<Gregorian> {
    let month = u8::try_from(day.month()).expect("months are 1 to 12");
    let date = u8::try_from(day.day()).expect("days are 1 to 31");
    Date::try_new_gregorian(day.year(), month, date).expect("a chrono date is a valid date")
}

#[allow(clippy::expect_used, reason = "chrono's times are valid times")]
fn time(wall: NaiveTime) -> Time {
    let hour = u8::try_from(wall.hour()).expect("hours are 0 to 23");
    let minute = u8::try_from(wall.minute()).expect("minutes are 0 to 59");
    Time::try_new(hour, minute, 0, 0).expect("a chrono time is a valid time")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 2).unwrap()
    }

    #[test]
    fn each_language_writes_dates_and_amounts_its_own_way() {
        let price = Price::new(123_450, "EUR").unwrap();
        let at = day().and_hms_opt(12, 0, 0).unwrap();
        for (tag, date_time, short, amount) in [
            (
                "en",
                "Tuesday, 2 June 2026 at 12:00",
                "Tue, 2 Jun 2026",
                "1,234.50 EUR",
            ),
            (
                "de",
                "Dienstag, 2. Juni 2026 um 12:00",
                "Di., 02.06.2026",
                "1.234,50 EUR",
            ),
            (
                "fr",
                "mardi 2 juin 2026 à 12:00",
                "mar. 2 juin 2026",
                "1\u{202f}234,50 EUR",
            ),
            (
                "es",
                "martes, 2 de junio de 2026 a las 12:00",
                "mar, 2 jun 2026",
                "1234,50 EUR",
            ),
        ] {
            let format = LocalFormat::of(&Language::parse(tag).unwrap());
            assert_eq!(format.date_time(at), date_time);
            assert_eq!(format.short_date(day()), short);
            assert_eq!(format.price(&price), amount);
        }
        let english = LocalFormat::of(&Language::parse("en").unwrap());
        assert_eq!(english.plain_date(day()), "2 June 2026");
        assert_eq!(english.day_of_month(day()), "Tuesday 2 June");
        assert_eq!(english.month(day()), "June 2026");
    }
}
