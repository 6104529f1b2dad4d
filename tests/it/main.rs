//! Cross-crate tests, in one binary: the port contract suites run against every backend; the
//! calendar adapters against a local fake Google; mail against a real SMTP server; images
//! against a real S3-compatible server.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a failed test, with its message"
)]

mod app;
mod builders;
mod calendar;
mod contract;
mod crash;
mod databases;
mod images;
mod mail;
mod outage;
mod persistence;
mod read_cache;
mod waitlist;
