//! The iCalendar feed, read back with the `icalendar` crate's parser.
