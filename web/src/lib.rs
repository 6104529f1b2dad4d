//! The Book Your Services server: server-rendered pages, the JSON API, sessions, and the
//! `bys` operator commands. [`startup`] is the only place that wires adapters to use cases.

pub mod api;
pub mod assets;
pub mod calendar_push;
pub mod cli;
pub mod commands;
pub mod csrf;
pub mod demo;
pub mod failure;
pub mod feeds;
pub mod guards;
pub mod health;
pub mod images;
pub mod language;
pub mod limits;
pub mod links;
pub mod login_throttle;
pub mod pages;
pub mod password_reset;
pub mod present;
pub mod prometheus;
pub mod refusals;
pub mod render;
pub mod session;
pub mod settings;
pub mod startup;
pub mod state;
pub mod sync_cues;
pub mod telemetry;
pub mod use_cases;
pub mod visitor;
pub mod workers;
