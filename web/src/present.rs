//! How domain values are shown: times in a viewer's zone with the zone named.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use domain::Zone;

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

/// "Tue 2 Jun 2026".
pub fn day(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
pub fn moment(instant: DateTime<Utc>, zone: Zone) -> String {
    format!(
        "{}, {} {} ({})",
        day(zone.date_of(instant)),
        clock(instant, zone),
        zone.abbreviation(instant),
        zone.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_names_the_zone_and_its_abbreviation() {
        let paris = Zone::parse("Europe/Paris").unwrap();
        let t: DateTime<Utc> = "2026-06-02T12:30:00Z".parse().unwrap();
        assert_eq!(
            moment(t, paris),
            "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)"
        );
        assert_eq!(
            local_time(t, paris).to_rfc3339(),
            "2026-06-02T14:30:00+02:00"
        );
    }
}
