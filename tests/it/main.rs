//! Cross-crate tests, in one binary: the port contract suites run against every backend, and
//! adapters against real servers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a failed test, with its message"
)]

mod builders;
mod contract;
mod databases;
mod images;
mod persistence;
