//! The home page: a search box, categories and some services.

use poem::handler;
use poem::http::StatusCode;
use poem::web::Data;
use serde_json::json;

use super::PageResult;
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::Visitor;

/// `GET /`.
#[handler]
pub async fn home(state: Data<&SharedState>, visitor: Visitor) -> PageResult {
    Ok(state.templates.respond(
        StatusCode::OK,
        "home.html",
        &Layout::of(visitor.data()),
        &json!({}),
    ))
}
