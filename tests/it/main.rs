//! The integration test binary: adapters against real servers, end to end.

mod images;
