//! CSRF protection for the HTML pages: every state-changing request must carry its session's
//! token, in the `csrf_token` form field, the `X-CSRF-Token` header or (for multipart forms) the
//! `csrf_token` query parameter. Checked once here for every page route, so a new form cannot
//! forget it. The JSON API is covered differently: its cookie is SameSite=Lax and its bodies
//! must be `application/json`, which a cross-site form cannot send. Opt-out links
//! (`/unsubscribe/…`) are authorized by the token in their path and act on no session, so
//! there is nothing to forge; mail clients post to them without a token (RFC 8058).

use std::sync::Arc;

use poem::http::{Method, StatusCode};
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::present::say;
use crate::state::SharedState;
use crate::visitor;

/// Paths with rules of their own (see the module docs): the API, calendar hooks (checked by
/// their channel tokens) and opt-out links (authorized by the token in their path).
const EXEMPT: [&str; 3] = ["/api/", "/hooks/", "/unsubscribe/"];

/// The form field and query parameter carrying the token.
pub const FIELD: &str = "csrf_token";
/// The header carrying the token.
pub const HEADER: &str = "X-CSRF-Token";

/// Lets safe requests through; refuses unsafe ones whose token does not match the session's
/// with a 403 page.
///
/// # Errors
/// Whatever the wrapped endpoint returns.
pub async fn guard<E: Endpoint>(ep: Arc<E>, mut req: Request) -> poem::Result<Response> {
    let path = req.uri().path();
    let exempt = EXEMPT.iter().any(|prefix| path.starts_with(prefix));
    if exempt || matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return ep.call(req).await.map(IntoResponse::into_response);
    }
    let Some(state) = req.data::<SharedState>().cloned() else {
        return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let visitor = visitor::load(&state, req.cookie()).await?;
    let expected = visitor.data().map(|s| s.csrf_token.clone());
    let presented = match presented_token(&mut req).await {
        Ok(token) => token,
        Err(response) => return Ok(response),
    };
    let valid = matches!((&expected, &presented), (Some(e), Some(p)) if constant_time_eq(e, p));
    if valid {
        ep.call(req).await.map(IntoResponse::into_response)
    } else {
        tracing::info!(path = %req.uri().path(), "refused a form without a valid CSRF token");
        Ok(state.templates.respond(
            StatusCode::FORBIDDEN,
            "error.html",
            &visitor.layout(),
            &serde_json::json!({
                "title": say(&visitor.language, "h-acct-form-expired-title"),
                "message": say(&visitor.language, "h-acct-form-expired-message"),
            }),
        ))
    }
}

/// The token from the header, the query string or an url-encoded body (which is put back for
/// the handler). An url-encoded body that is not UTF-8, raw or percent-encoded, is refused
/// with 400.
async fn presented_token(req: &mut Request) -> Result<Option<String>, Response> {
    if let Some(token) = req.header(HEADER) {
        return Ok(Some(token.to_owned()));
    }
    if let Some(token) = field_of(req.uri().query().unwrap_or_default()) {
        return Ok(Some(token));
    }
    let is_form = req
        .content_type()
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(None);
    }
    let body = req
        .take_body()
        .into_bytes()
        .await
        .map_err(|_| StatusCode::BAD_REQUEST.into_response())?;
    // Browsers send UTF-8; anything else would be stored with replacement characters.
    if !is_utf8_form(&body) {
        return Err(StatusCode::BAD_REQUEST.into_response());
    }
    let token = field_of(&String::from_utf8_lossy(&body));
    req.set_body(body);
    Ok(token)
}

/// Whether `body` and every percent-escape in it decode to UTF-8.
fn is_utf8_form(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    text.split(['&', '=']).all(|part| {
        let bytes = part.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&byte) = bytes.get(i) {
            let escaped = bytes
                .get(i + 1..i + 3)
                .filter(|hex| byte == b'%' && hex.iter().all(u8::is_ascii_hexdigit))
                .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
            if let Some(value) = escaped {
                decoded.push(value);
                i += 3;
            } else {
                decoded.push(byte);
                i += 1;
            }
        }
        String::from_utf8(decoded).is_ok()
    })
}

fn field_of(urlencoded: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(urlencoded)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v)
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_utf8_only_raw_and_percent_encoded() {
        assert!(is_utf8_form(b"name=Caf%C3%A9&note=caf\xc3\xa9+ok&x=100%25"));
        assert!(is_utf8_form(b"odd=%zz&tail=%4"));
        assert!(!is_utf8_form(b"name=caf\xe9"));
        assert!(!is_utf8_form(b"name=caf%E9"));
        assert!(!is_utf8_form(b"na%FFme=x"));
    }

    #[test]
    fn the_token_is_found_among_other_form_fields() {
        assert_eq!(
            field_of("email=a%40b.org&csrf_token=abc123&x=1"),
            Some("abc123".to_owned())
        );
        assert_eq!(field_of("email=a%40b.org"), None);
    }

    #[test]
    fn tokens_compare_equal_only_when_identical() {
        assert!(constant_time_eq("abcd", "abcd"));
        assert!(!constant_time_eq("abcd", "abce"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
