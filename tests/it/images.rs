//! Photo storage and uploads: the object storage contract on local disk and on a real
//! S3-compatible server (moto), and bad uploads refused end to end with nothing stored.

// Test code throughout; clippy's allow-unwrap-in-tests covers `#[test]` functions only, not the
// helpers and contract suites they call.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod moto;
mod storage_contract;
mod test_images;
mod uploads;
