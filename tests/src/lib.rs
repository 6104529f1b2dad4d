//! Empty: the cross-crate tests live in the `it` test binary (`it/main.rs`).
