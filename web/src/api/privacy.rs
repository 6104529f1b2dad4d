//! `/api/v1/me/export`: a program downloads everything stored about its user.

use application::export_personal_data::ExportError;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, OpenApi};

use super::problem::Problem;
use super::{ApiAuth, ApiTags};
use crate::pages::account_data::export_file_name;
use crate::state::SharedState;

/// The caller's data.
#[derive(Debug, ApiResponse)]
pub enum Exported {
    /// Everything stored about the caller, versioned by its `format` field
    /// (`bys-export/1`, described in docs/privacy.md); times are UTC with the caller's zone.
    #[oai(status = 200)]
    Ok(
        Json<serde_json::Value>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

/// Personal data endpoints.
pub struct PrivacyApi;

#[OpenApi(tag = "ApiTags::Privacy")]
impl PrivacyApi {
    /// Export your data: profile, appointments (as customer and as provider, with both
    /// parties' names and the service), reviews written and received, API tokens' and the
    /// calendar feed's metadata (never secrets), and audit entries about you.
    #[oai(path = "/me/export", method = "get")]
    async fn export(&self, state: Data<&SharedState>, auth: ApiAuth) -> Result<Exported, Problem> {
        let actor = auth.actor();
        match state
            .use_cases
            .export_personal_data
            .run(&actor, actor.id)
            .await
        {
            Ok(doc) => Ok(Exported::Ok(
                Json(doc),
                format!(
                    "attachment; filename=\"{}\"",
                    export_file_name(state.clock.now())
                ),
            )),
            Err(ExportError::Forbidden) => Err(Problem::forbidden("problem-forbidden-export")),
            Err(ExportError::UnknownUser) => Err(Problem::not_found("account")),
            Err(e @ ExportError::Store(_)) => Err(Problem::internal(&e, "export failed")),
        }
    }
}
