//! Photos: `GET /images/{prefix...}/{size}` serves a stored size of a photo (or
//! `/images/default/{size}`, the placeholder), and the upload forms
//! `GET|POST /account/photo` and `GET|POST /services/{id}/photo` (multipart; the CSRF token
//! travels in the query string). The pages place links to the forms.
//!
//! Photo keys are content-addressed, so a stored object never changes: it is served with a
//! year-long immutable cache lifetime and its key as a strong `ETag`.

use application::Actor;
use application::ports::is_valid_key;
use application::upload_image::{ImageSize, PhotoOf, UploadError};
use domain::ServiceId;
use poem::http::{HeaderMap, StatusCode, header};
use poem::web::{Data, Multipart, Path};
use poem::{IntoResponse, Request, Response, handler};
use serde::Serialize;

use crate::guards::{PathId, SignedIn};
use crate::pages::{PageResult, internal, language_of, redirect, say};
use crate::refusals::image_rejection;
use crate::render::Layout;
use crate::settings::ImageServing;
use crate::state::SharedState;

/// The placeholder shown where there is no photo.
const DEFAULT_PHOTO: &str = include_str!("../assets/default-photo.svg");

/// Cache lifetime of stored photos: they never change under their key.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The form field carrying the file.
const FIELD: &str = "photo";

/// `GET /images/{prefix...}/{size}`.
#[handler]
pub async fn serve(
    state: Data<&SharedState>,
    Path(path): Path<String>,
    req: &Request,
) -> PageResult {
    let Some((prefix, size)) = path.rsplit_once('/') else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let Some(size) = ImageSize::from_name(size) else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if prefix == "default" {
        return Ok(DEFAULT_PHOTO
            .with_content_type("image/svg+xml")
            .with_header(header::CACHE_CONTROL, "public, max-age=86400")
            .with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .into_response());
    }
    let key = size.key(prefix);
    let ours = prefix.starts_with("services/") || prefix.starts_with("users/");
    if !ours || !is_valid_key(&key) {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let images = &state.images;
    if images.mode == ImageServing::Redirect {
        match images.storage.presigned_get(&key, images.presign_for).await {
            Ok(Some(url)) => {
                return Ok(StatusCode::FOUND
                    .with_header(header::LOCATION, url)
                    .with_header(header::CACHE_CONTROL, "private, max-age=300")
                    .into_response());
            }
            Ok(None) => {}
            Err(e) => return Err(internal(e.as_ref(), "presigning a photo URL failed")),
        }
    }
    let etag = format!("\"{key}\"");
    if none_match(req.headers(), &etag) {
        return Ok(StatusCode::NOT_MODIFIED
            .with_header(header::ETAG, etag)
            .with_header(header::CACHE_CONTROL, IMMUTABLE)
            .into_response());
    }
    let object = match images.storage.get(&key).await {
        Ok(Some(object)) => object,
        Ok(None) => return Ok(StatusCode::NOT_FOUND.into_response()),
        Err(e) => return Err(internal(e.as_ref(), "reading a photo failed")),
    };
    let length = object.bytes.len();
    let builder = Response::builder()
        .content_type(object.content_type)
        .header(header::ETAG, etag)
        .header(header::CACHE_CONTROL, IMMUTABLE)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::ACCEPT_RANGES, "bytes");
    let range = req
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    Ok(match range.map(|r| single_range(r, length)) {
        Some(RangeAnswer::Part(start, end)) => builder
            .status(StatusCode::PARTIAL_CONTENT)
            .header(
                header::CONTENT_RANGE,
                format!("bytes {start}-{end}/{length}"),
            )
            .body(object.bytes[start..=end].to_vec()),
        Some(RangeAnswer::Unsatisfiable) => builder
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{length}"))
            .body(Vec::new()),
        Some(RangeAnswer::Whole) | None => builder.body(object.bytes),
    })
}

/// Whether `If-None-Match` names `etag` (or `*`); weak tags compare by their value.
fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

/// How to answer a `Range` header.
#[derive(Debug, PartialEq, Eq)]
enum RangeAnswer {
    /// Bytes `start..=end`.
    Part(usize, usize),
    /// No byte of the range exists: 416.
    Unsatisfiable,
    /// Not a single byte range this server handles: the whole object.
    Whole,
}

/// Reads a single `bytes=` range (`a-b`, `a-`, `-n`) of an object of `length` bytes.
fn single_range(header: &str, length: usize) -> RangeAnswer {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return RangeAnswer::Whole;
    };
    if spec.contains(',') {
        return RangeAnswer::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeAnswer::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = if first.is_empty() {
        match last.parse::<usize>() {
            Ok(0) => return RangeAnswer::Unsatisfiable,
            Ok(suffix) => Some((length.saturating_sub(suffix), length.saturating_sub(1))),
            Err(_) => None,
        }
    } else {
        match (first.parse::<usize>(), last) {
            (Ok(start), "") => Some((start, length.saturating_sub(1))),
            (Ok(start), last) => match last.parse::<usize>() {
                Ok(end) if end >= start => Some((start, end.min(length.saturating_sub(1)))),
                _ => None,
            },
            (Err(_), _) => None,
        }
    };
    match parsed {
        None => RangeAnswer::Whole,
        Some((start, _)) if length == 0 || start >= length => RangeAnswer::Unsatisfiable,
        Some((start, end)) => RangeAnswer::Part(start, end),
    }
}

#[derive(Serialize)]
struct UploadPage<'a> {
    /// The catalogue key of the page's title.
    title: &'a str,
    action: String,
    max_mb: u64,
    error: Option<String>,
}

/// `GET /account/photo`: the profile photo form.
#[handler]
pub fn profile_photo_form(
    Data(state): Data<&SharedState>,
    SignedIn { layout, .. }: SignedIn,
) -> Response {
    upload_page(
        state,
        &layout,
        StatusCode::OK,
        "photo-upload-title-profile",
        "/account/photo".to_owned(),
        None,
    )
}

/// `GET /services/{id}/photo`: a service's photo form (its provider or an admin uploads).
#[handler]
pub fn service_photo_form(
    Data(state): Data<&SharedState>,
    SignedIn { layout, .. }: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let action = format!("/services/{id}/photo");
    upload_page(
        state,
        &layout,
        StatusCode::OK,
        "photo-upload-title-service",
        action,
        None,
    )
}

/// `POST /account/photo`: replaces the logged-in user's photo.
#[handler]
pub async fn upload_profile_photo(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    multipart: Multipart,
) -> PageResult {
    let target = Target {
        of: PhotoOf::Profile(actor.id),
        title: "photo-upload-title-profile",
        action: "/account/photo".to_owned(),
        done: "/".to_owned(),
    };
    upload(&state, &layout, &actor, target, multipart).await
}

/// `POST /services/{id}/photo`: replaces a service's photo.
#[handler]
pub async fn upload_service_photo(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ServiceId>,
    multipart: Multipart,
) -> PageResult {
    let target = Target {
        of: PhotoOf::Service(id),
        title: "photo-upload-title-service",
        action: format!("/services/{id}/photo"),
        done: format!("/services/{id}"),
    };
    upload(&state, &layout, &actor, target, multipart).await
}

/// Whose photo an upload replaces and where the form lives.
struct Target {
    of: PhotoOf,
    /// The catalogue key of the form's title.
    title: &'static str,
    action: String,
    done: String,
}

async fn upload(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    target: Target,
    mut multipart: Multipart,
) -> PageResult {
    let language = language_of(layout);
    let again = |status, message: String| {
        upload_page(
            state,
            layout,
            status,
            target.title,
            target.action.clone(),
            Some(message),
        )
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some(FIELD) => match field.bytes().await {
                Ok(bytes) => {
                    file = Some(bytes);
                    break;
                }
                Err(_) => return Ok(StatusCode::BAD_REQUEST.into_response()),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return Ok(StatusCode::BAD_REQUEST.into_response()),
        }
    }
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return Ok(again(
            StatusCode::UNPROCESSABLE_ENTITY,
            say(&language, "h-acct-photo-missing"),
        ));
    };
    match state
        .use_cases
        .upload_image
        .run(actor, target.of, file)
        .await
    {
        Ok(_) => Ok(redirect(&target.done)),
        Err(UploadError::Rejected(why)) => Ok(again(
            StatusCode::UNPROCESSABLE_ENTITY,
            image_rejection(&language, &why),
        )),
        Err(UploadError::Forbidden) => Ok(StatusCode::FORBIDDEN.into_response()),
        Err(UploadError::NotFound) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(e) => Err(internal(&e, "photo upload failed")),
    }
}

fn upload_page(
    state: &SharedState,
    layout: &Layout,
    status: StatusCode,
    title: &str,
    action: String,
    error: Option<String>,
) -> Response {
    state.templates.respond(
        status,
        "photo_upload.html",
        layout,
        &UploadPage {
            title,
            action,
            max_mb: state.images.max_upload_bytes.div_ceil(1_000_000),
            error,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_are_read_like_rfc_9110_says() {
        assert_eq!(single_range("bytes=0-9", 100), RangeAnswer::Part(0, 9));
        assert_eq!(single_range("bytes=90-", 100), RangeAnswer::Part(90, 99));
        assert_eq!(single_range("bytes=-10", 100), RangeAnswer::Part(90, 99));
        assert_eq!(single_range("bytes=50-500", 100), RangeAnswer::Part(50, 99));
        assert_eq!(single_range("bytes=100-", 100), RangeAnswer::Unsatisfiable);
        assert_eq!(single_range("bytes=0-1,5-6", 100), RangeAnswer::Whole);
        assert_eq!(single_range("items=0-1", 100), RangeAnswer::Whole);
        assert_eq!(single_range("bytes=9-3", 100), RangeAnswer::Whole);
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, "\"a\", W/\"b\"".parse().unwrap());
        assert!(none_match(&headers, "\"b\""));
        assert!(!none_match(&headers, "\"c\""));
        headers.insert(header::IF_NONE_MATCH, "*".parse().unwrap());
        assert!(none_match(&headers, "\"c\""));
    }
}
