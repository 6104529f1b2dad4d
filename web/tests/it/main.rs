//! HTTP tests: each spawns the real app on a random port and drives it with reqwest.

// clippy.toml allows these inside #[test] functions only; the shared helpers are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod account_page;
mod accounts;
mod admin;
mod api;
mod api_tokens;
mod authorization;
mod backup;
mod bench_data;
mod classes;
mod dashboards;
mod health;
mod helpers;
mod hostile_input;
mod limits;
mod moves;
mod operations;
mod pages;
mod privacy;
mod provider_pages;
mod reviews;
mod self_service_api;
mod series;
mod series_moves;
mod staff_api;
mod verification;
mod waitlist;
mod webhooks;
mod wiring;
mod zones;
