//! Cross-crate tests, in one binary: the port contract suites, run against every backend.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a panic is a failed test, with its message"
)]

mod builders;
mod contract;
