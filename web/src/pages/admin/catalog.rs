//! Categories (create, rename, reorder, deactivate) and the list of every service.

use application::ports::CatalogQuery;
use application::update_category::CategoryChanges;
use domain::{CategoryId, CategoryName, Language, ServiceId, UserId};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::{
    FieldErrors, Key, PageQuery, Pager, Refusal, Sent, failure, field, render, render_with,
};
use crate::guards::{PathId, Staff};
use crate::pages::{PageResult, language_of, redirect};
use crate::state::SharedState;

#[derive(Serialize)]
struct CategoryRow {
    id: String,
    name: String,
    slug: String,
    position: i32,
    active: bool,
    /// The row's form: the stored values, or the typed ones sent back with messages.
    edit: Sent<CategoryForm>,
}

#[derive(Serialize)]
struct CategoriesPage<'a> {
    categories: Vec<CategoryRow>,
    new: Sent<&'a CategoryForm>,
}

/// `GET /admin/categories`.
#[handler]
pub(super) async fn categories(state: Data<&SharedState>, staff: Staff) -> PageResult {
    categories_page(&state, &staff, None).await
}

/// Which form a refusal is about: the new category's, or an existing one's.
enum Sender<'a> {
    New(&'a CategoryForm),
    Row(CategoryId, &'a CategoryForm),
}

/// The categories with their forms; after a `refusal`, the form that was sent comes back with
/// what was typed and the messages beside its fields.
async fn categories_page(
    state: &SharedState,
    staff: &Staff,
    refusal: Option<(Sender<'_>, Refusal)>,
) -> PageResult {
    let all = match state.use_cases.admin.categories.run(&staff.actor).await {
        Ok(all) => all,
        Err(e) => return failure(state, &staff.layout, &e),
    };
    let (status, sender, mut errors) = match refusal {
        Some((sender, r)) => (r.status, Some(sender), r.errors),
        None => (StatusCode::OK, None, FieldErrors::new()),
    };
    let blank = CategoryForm {
        position: "0".to_owned(),
        ..CategoryForm::default()
    };
    let (mut new_form, mut sent_row) = (&blank, None);
    match sender {
        Some(Sender::New(form)) => new_form = form,
        Some(Sender::Row(id, form)) => sent_row = Some((id, form)),
        None => {}
    }
    let mut rows = Vec::with_capacity(all.len());
    for c in all {
        let edit = match sent_row {
            Some((id, form)) if id == c.id => Sent {
                values: form.clone(),
                errors: std::mem::take(&mut errors),
            },
            _ => Sent {
                values: CategoryForm {
                    name: c.name.as_str().to_owned(),
                    position: c.position.to_string(),
                    active: if c.active { "true" } else { "" }.to_owned(),
                },
                errors: FieldErrors::new(),
            },
        };
        rows.push(CategoryRow {
            id: c.id.to_string(),
            name: c.name.as_str().to_owned(),
            slug: c.slug,
            position: c.position,
            active: c.active,
            edit,
        });
    }
    let page = CategoriesPage {
        categories: rows,
        new: Sent {
            values: new_form,
            errors: if sent_row.is_none() {
                errors
            } else {
                FieldErrors::new()
            },
        },
    };
    Ok(render_with(
        state,
        staff,
        status,
        "admin/categories.html",
        &page,
    ))
}

/// The category forms: create (name, position) and update (name, position, active).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct CategoryForm {
    name: String,
    position: String,
    active: String,
}

impl CategoryForm {
    /// The name and position, or a message (in `language`) for each unusable field.
    fn parts(&self, language: &Language) -> Result<(CategoryName, i32), FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = field(
            language,
            &mut errors,
            "name",
            CategoryName::parse(&self.name),
        );
        let position = match self.position.trim() {
            "" => Some(0),
            raw => {
                let parsed = raw
                    .parse::<i32>()
                    .map_err(|_| Key("h-admin-position-number"));
                field(language, &mut errors, "position", parsed)
            }
        };
        match (name, position) {
            (Some(name), Some(position)) => Ok((name, position)),
            _ => Err(errors),
        }
    }
}

/// `POST /admin/categories`: adds a category.
#[handler]
pub(super) async fn create_category(
    state: Data<&SharedState>,
    staff: Staff,
    Form(form): Form<CategoryForm>,
) -> PageResult {
    let language = language_of(&staff.layout);
    let refusal = match form.parts(&language) {
        Ok((name, position)) => {
            let created = state
                .use_cases
                .admin
                .manage_categories
                .create(&staff.actor, name, position)
                .await;
            match created {
                Ok(_) => return Ok(redirect("/admin/categories?done=created")),
                Err(e) => match Refusal::beside("name", e, &language) {
                    Ok(refusal) => refusal,
                    Err(e) => return failure(&state, &staff.layout, &e),
                },
            }
        }
        Err(errors) => Refusal::invalid(errors),
    };
    categories_page(&state, &staff, Some((Sender::New(&form), refusal))).await
}

/// `POST /admin/categories/{id}`: renames, moves, deactivates or reactivates a category.
#[handler]
pub(super) async fn update_category(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<CategoryId>,
    Form(form): Form<CategoryForm>,
) -> PageResult {
    let language = language_of(&staff.layout);
    let refusal = match form.parts(&language) {
        Ok((name, position)) => {
            let changes = CategoryChanges {
                name,
                position,
                active: form.active == "true",
            };
            let updated = state
                .use_cases
                .admin
                .manage_categories
                .update(&staff.actor, id, changes)
                .await;
            match updated {
                Ok(_) => return Ok(redirect("/admin/categories?done=saved")),
                Err(e) => match Refusal::beside("name", e, &language) {
                    Ok(refusal) => refusal,
                    Err(e) => return failure(&state, &staff.layout, &e),
                },
            }
        }
        Err(errors) => Refusal::invalid(errors),
    };
    categories_page(&state, &staff, Some((Sender::Row(id, &form), refusal))).await
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct ServicesQuery {
    q: String,
    provider: String,
    active: String,
    #[serde(skip_serializing)]
    page: Option<u32>,
}

#[derive(Serialize)]
struct ServiceRow {
    id: String,
    name: String,
    provider_id: String,
    /// Absent when the account is gone (the page says so).
    provider_name: Option<String>,
    price: String,
    active: bool,
}

#[derive(Serialize)]
struct ServicesPage<'a> {
    form: &'a ServicesQuery,
    services: Vec<ServiceRow>,
    pager: Pager,
}

/// `GET /admin/services`: every service, active or not, searchable by name.
#[handler]
pub(super) async fn services(
    state: Data<&SharedState>,
    staff: Staff,
    Query(form): Query<ServicesQuery>,
) -> PageResult {
    let query = CatalogQuery {
        text: Some(form.q.trim().to_owned()).filter(|t| !t.is_empty()),
        provider: form.provider.parse().ok().map(UserId::from_uuid),
        active: match form.active.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        page: PageQuery { page: form.page }.request(),
    };
    let found = match state
        .use_cases
        .admin
        .services
        .run(&staff.actor, &query)
        .await
    {
        Ok(found) => found,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let params = [
        ("q", form.q.as_str()),
        ("provider", form.provider.as_str()),
        ("active", form.active.as_str()),
    ];
    let page = ServicesPage {
        pager: Pager::of("/admin/services", &params, &found),
        services: found
            .items
            .into_iter()
            .map(|e| ServiceRow {
                id: e.service.id.to_string(),
                name: e.service.name.as_str().to_owned(),
                provider_id: e.service.provider.to_string(),
                provider_name: e.provider_name.map(|n| n.as_str().to_owned()),
                price: e.service.price.to_string(),
                active: e.service.active,
            })
            .collect(),
        form: &form,
    };
    Ok(render(&state, &staff, "admin/services.html", &page))
}

/// `POST /admin/services/{id}/deactivate`.
#[handler]
pub(super) async fn deactivate_service(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<ServiceId>,
) -> PageResult {
    match state
        .use_cases
        .admin
        .deactivate_service
        .run(&staff.actor, id)
        .await
    {
        Ok(_) => Ok(redirect("/admin/services?done=deactivated")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}
