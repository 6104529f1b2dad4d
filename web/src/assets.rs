//! The stylesheet, script and icon, compiled into the binary (no CDN, nothing to install), and
//! the names of the time zones for the zone picker.

use std::sync::OnceLock;

use poem::http::header;
use poem::{Response, Route, get, handler};

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/icon.svg");

/// `/assets/app.css`, `/assets/app.js`, `/assets/icon.svg` and `/assets/zones.json`.
pub fn routes() -> Route {
    Route::new()
        .at("/app.css", get(css))
        .at("/app.js", get(js))
        .at("/icon.svg", get(icon))
        .at("/zones.json", get(zones))
}

/// `GET /assets/icon.svg` (also answers `/favicon.ico`).
#[handler]
pub fn icon() -> Response {
    asset(ICON, "image/svg+xml")
}

/// `GET /assets/zones.json`: every IANA zone name of the rules in force, sorted.
#[handler]
fn zones() -> Response {
    static NAMES: OnceLock<String> = OnceLock::new();
    let body = NAMES.get_or_init(|| {
        serde_json::to_string(domain::zone::installed().names()).unwrap_or_else(|_| "[]".into())
    });
    asset(body, "application/json")
}

#[handler]
fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

#[handler]
fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    Response::builder()
        .content_type(content_type)
        .header(header::CACHE_CONTROL, "public, max-age=3600")
        .body(body)
}
