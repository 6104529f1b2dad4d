//! Prices: integer minor units of an ISO 4217 currency, never floating point.

use iso_currency::Currency;

/// A non-negative price, e.g. 2500 minor units of EUR = €25.00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Price {
    minor: i64,
    currency: Currency,
}

/// Why a price was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    /// Not an active ISO 4217 currency code.
    #[error("unknown currency {0:?}: use an ISO 4217 code such as EUR or USD")]
    UnknownCurrency(String),
    /// Negative or absurdly large.
    #[error("the price must be between 0 and {max} (in minor units)")]
    OutOfRange {
        /// The largest accepted amount in minor units.
        max: i64,
    },
}

impl Price {
    /// The largest accepted amount: a hundred million major units.
    pub const MAX_MINOR: i64 = 10_000_000_000;

    /// A price of `minor` units (cents for EUR/USD, yen for JPY) in `currency_code`.
    ///
    /// # Errors
    /// [`PriceError`] for an unknown currency or an amount outside `0..=MAX_MINOR`.
    pub fn new(minor: i64, currency_code: &str) -> Result<Self, PriceError> {
        let code = currency_code.trim().to_ascii_uppercase();
        let currency = Currency::from_code(&code)
            .filter(|c| c.exponent().is_some())
            .ok_or(PriceError::UnknownCurrency(currency_code.to_owned()))?;
        if !(0..=Self::MAX_MINOR).contains(&minor) {
            return Err(PriceError::OutOfRange {
                max: Self::MAX_MINOR,
            });
        }
        Ok(Self { minor, currency })
    }

    /// Parses a decimal amount typed by a person ("25", "25.5", "25.50") in `currency_code`.
    ///
    /// # Errors
    /// [`PriceError`] as for [`Price::new`]; more decimals than the currency has are out of range.
    pub fn parse(amount: &str, currency_code: &str) -> Result<Self, PriceError> {
        let zero = Self::new(0, currency_code)?;
        let digits = u32::from(zero.decimals());
        let out_of_range = PriceError::OutOfRange {
            max: Self::MAX_MINOR,
        };
        let (whole, fraction) = amount.trim().split_once('.').unwrap_or((amount.trim(), ""));
        let fraction_len = u32::try_from(fraction.len()).map_err(|_| out_of_range.clone())?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction_len > digits
        {
            return Err(out_of_range);
        }
        let scale = 10_i64.pow(digits);
        let whole: i64 = whole.parse().map_err(|_| out_of_range.clone())?;
        let fraction: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| out_of_range.clone())?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(fraction * 10_i64.pow(digits - fraction_len)))
            .ok_or(out_of_range)?;
        Self::new(minor, currency_code)
    }

    /// The amount in minor units.
    pub const fn minor_units(&self) -> i64 {
        self.minor
    }

    /// The ISO 4217 code, e.g. `EUR`.
    pub fn currency_code(&self) -> &'static str {
        self.currency.code()
    }

    /// How many decimals the currency has (2 for EUR, 0 for JPY).
    pub fn decimals(&self) -> u16 {
        self.currency.exponent().unwrap_or(0)
    }

    /// The amount as a decimal string without currency, e.g. `25.00`.
    pub fn amount(&self) -> String {
        let digits = u32::from(self.decimals());
        if digits == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(digits);
        format!(
            "{}.{:0width$}",
            self.minor / scale,
            self.minor % scale,
            width = digits as usize
        )
    }
}

impl std::fmt::Display for Price {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_display_with_the_currency_decimals() {
        assert_eq!(Price::new(2500, "eur").unwrap().to_string(), "25.00 EUR");
        assert_eq!(Price::new(5, "USD").unwrap().to_string(), "0.05 USD");
        assert_eq!(Price::new(1500, "JPY").unwrap().to_string(), "1500 JPY");
    }

    #[test]
    fn unknown_currencies_and_negative_amounts_are_rejected() {
        assert_eq!(
            Price::new(100, "XYZ").unwrap_err(),
            PriceError::UnknownCurrency("XYZ".into())
        );
        assert!(matches!(
            Price::new(-1, "EUR"),
            Err(PriceError::OutOfRange { .. })
        ));
        assert!(Price::new(Price::MAX_MINOR + 1, "EUR").is_err());
    }

    #[test]
    fn typed_amounts_parse_into_minor_units() {
        assert_eq!(Price::parse("25", "EUR").unwrap().minor_units(), 2500);
        assert_eq!(Price::parse("25.5", "EUR").unwrap().minor_units(), 2550);
        assert_eq!(Price::parse(" 0.05 ", "USD").unwrap().minor_units(), 5);
        assert_eq!(Price::parse("1500", "JPY").unwrap().minor_units(), 1500);
    }

    #[test]
    fn malformed_amounts_are_rejected() {
        for bad in [
            "",
            "-1",
            "1.234",
            "1,50",
            "abc",
            ".5",
            "99999999999999999999",
        ] {
            assert!(Price::parse(bad, "EUR").is_err(), "{bad:?} was accepted");
        }
        assert!(Price::parse("1.5", "JPY").is_err());
    }
}
