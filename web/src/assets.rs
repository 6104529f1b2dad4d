//! The stylesheet and script, compiled into the binary: no CDN, nothing to install.

use poem::http::header;
use poem::{Response, Route, get, handler};

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

/// `/assets/app.css` and `/assets/app.js`.
pub fn routes() -> Route {
    Route::new().at("/app.css", get(css)).at("/app.js", get(js))
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
