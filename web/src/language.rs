//! The language of a request's pages, and the footer's language switcher.

use adapters::catalogue;
use domain::Language;
use poem::http::{Uri, header};
use poem::web::Data;
use poem::web::Query;
use poem::web::cookie::{Cookie, CookieJar, SameSite};
use poem::{Request, Response, handler};
use serde::Deserialize;

use crate::pages::{redirect, safe_next};
use crate::state::SharedState;

/// The cookie the switcher sets for visitors.
pub const COOKIE: &str = "bys_lang";

/// The language of `req`'s pages: the signed-in user's choice, else the switcher's cookie,
/// else the first language of `Accept-Language` the catalogue has, else the marketplace's
/// default. A language the catalogue lacks is skipped wherever it comes from.
pub fn of_request(req: &Request, chosen: Option<&Language>) -> Language {
    let cookie = req
        .cookie()
        .get(COOKIE)
        .and_then(|c| Language::parse(c.value_str()).ok());
    chosen
        .cloned()
        .into_iter()
        .chain(cookie)
        .find(catalogue::speaks)
        .or_else(|| {
            req.header(header::ACCEPT_LANGUAGE)
                .and_then(catalogue::negotiate)
        })
        .unwrap_or_else(catalogue::default_language)
}

/// The switcher's query.
#[derive(Debug, Deserialize)]
pub struct Switch {
    /// The language to read pages in.
    set: String,
}

/// `GET /language?set=de`: remembers the language for this browser (a year) and goes back to
/// the page the switcher was on (same site only). An unknown language changes nothing.
#[handler]
#[allow(clippy::needless_pass_by_value)] // poem extracts the query by value
pub fn switch(
    req: &Request,
    jar: &CookieJar,
    state: Data<&SharedState>,
    Query(switch): Query<Switch>,
) -> Response {
    if let Some(language) = Language::parse(&switch.set).ok().filter(catalogue::speaks) {
        let mut cookie = Cookie::new_with_str(COOKIE, language.as_str());
        cookie.set_http_only(true);
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(state.cookies.secure);
        cookie.set_path("/");
        cookie.set_max_age(std::time::Duration::from_hours(365 * 24));
        jar.add(cookie);
    }
    redirect(&back(req))
}

/// The path of the page that linked here when it is on this site, else `/`.
fn back(req: &Request) -> String {
    let host = req.header(header::HOST);
    req.header(header::REFERER)
        .and_then(|referer| referer.parse::<Uri>().ok())
        .filter(|uri| uri.authority().map(poem::http::uri::Authority::as_str) == host)
        .and_then(|uri| uri.path_and_query().map(|p| p.as_str().to_owned()))
        .map_or_else(|| "/".to_owned(), |path| safe_next(&path).to_owned())
}
