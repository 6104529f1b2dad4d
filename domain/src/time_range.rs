//! Half-open ranges of UTC instants, `[start, end)`: the unit of every overlap rule.

use chrono::{DateTime, TimeDelta, Utc};

/// A non-empty half-open range of instants `[start, end)`. Back-to-back ranges do not overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// A range whose end is not after its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the end ({end}) must be after the start ({start})")]
pub struct EmptyRange {
    /// The rejected start.
    pub start: DateTime<Utc>,
    /// The rejected end.
    pub end: DateTime<Utc>,
}

impl TimeRange {
    /// 9999-12-31T23:59:59Z, the last second a four-digit RFC 3339 year can write: the end of
    /// an open window. Not `DateTime::MAX_UTC`, whose six-digit `+262143` year a database
    /// comparing times as text sorts before every real one.
    pub const LAST_WRITABLE_SECOND: i64 = 253_402_300_799;

    /// [`Self::LAST_WRITABLE_SECOND`] as an instant.
    pub fn last_writable() -> DateTime<Utc> {
        DateTime::from_timestamp(Self::LAST_WRITABLE_SECOND, 0).unwrap_or_default()
    }

    /// A range from `start` (inclusive) to `end` (exclusive).
    ///
    /// # Errors
    /// [`EmptyRange`] when `end <= start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, EmptyRange> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(EmptyRange { start, end })
        }
    }

    /// A range from bounds the caller has already ordered (`start < end`).
    pub(crate) fn from_ordered(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        debug_assert!(start < end, "unordered range {start}..{end}");
        Self { start, end }
    }

    /// A range of `length` starting at `start`.
    ///
    /// # Errors
    /// [`EmptyRange`] when `length` is not positive.
    pub fn starting_at(start: DateTime<Utc>, length: TimeDelta) -> Result<Self, EmptyRange> {
        Self::new(start, start + length)
    }

    /// The first instant inside the range.
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The first instant after the range.
    pub const fn end(&self) -> DateTime<Utc> {
        self.end
    }

    /// How long the range lasts.
    pub fn length(&self) -> TimeDelta {
        self.end - self.start
    }

    /// Whether the two ranges share at least one instant.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies entirely inside this range.
    pub fn contains(&self, other: &Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether `instant` lies inside this range.
    pub fn contains_instant(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// The range grown by `before` at the start and `after` at the end (both non-negative).
    #[must_use]
    pub fn widened(&self, before: TimeDelta, after: TimeDelta) -> Self {
        Self {
            start: self.start - before.max(TimeDelta::zero()),
            end: self.end + after.max(TimeDelta::zero()),
        }
    }

    /// The part of this range inside `other`, if any.
    pub fn intersection(&self, other: &Self) -> Option<Self> {
        Self::new(self.start.max(other.start), self.end.min(other.end)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
    }

    fn range(a: (u32, u32), b: (u32, u32)) -> TimeRange {
        TimeRange::new(at(a.0, a.1), at(b.0, b.1)).unwrap()
    }

    #[test]
    fn an_empty_or_inverted_range_is_rejected() {
        assert!(TimeRange::new(at(9, 0), at(9, 0)).is_err());
        assert!(TimeRange::new(at(10, 0), at(9, 0)).is_err());
    }

    #[test]
    fn back_to_back_ranges_do_not_overlap() {
        assert!(!range((9, 0), (10, 0)).overlaps(&range((10, 0), (11, 0))));
        assert!(range((9, 0), (10, 1)).overlaps(&range((10, 0), (11, 0))));
    }

    #[test]
    fn a_range_inside_another_overlaps_and_is_contained() {
        let outer = range((9, 0), (12, 0));
        let inner = range((10, 0), (11, 0));
        assert!(outer.overlaps(&inner) && inner.overlaps(&outer));
        assert!(outer.contains(&inner) && !inner.contains(&outer));
    }

    #[test]
    fn widening_adds_buffers_on_both_sides() {
        let r = range((10, 0), (11, 0)).widened(TimeDelta::minutes(15), TimeDelta::minutes(5));
        assert_eq!(r, range((9, 45), (11, 5)));
    }

    #[test]
    fn intersection_is_none_for_disjoint_ranges() {
        assert_eq!(
            range((9, 0), (10, 0)).intersection(&range((10, 0), (11, 0))),
            None
        );
        assert_eq!(
            range((9, 0), (10, 30)).intersection(&range((10, 0), (11, 0))),
            Some(range((10, 0), (10, 30)))
        );
    }
}
