//! Categories (create, rename, reorder, deactivate) and the list of every service.

use application::admin::AdminError;
use application::ports::CatalogQuery;
use application::update_category::CategoryChanges;
use domain::{CategoryId, CategoryName, ServiceId, UserId};
use poem::web::{Data, Form, Path, Query};
use poem::{Request, handler};
use serde::{Deserialize, Serialize};

use super::{PageQuery, Pager, failure, render, staff};
use crate::pages::{PageResult, not_found, redirect};
use crate::state::SharedState;
use crate::visitor::Visitor;

#[derive(Serialize)]
struct CategoryRow {
    id: String,
    name: String,
    slug: String,
    position: i32,
    active: bool,
}

#[derive(Serialize)]
struct CategoriesPage {
    categories: Vec<CategoryRow>,
}

/// `GET /admin/categories`.
#[handler]
pub(super) async fn categories(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let all = match state.admin.categories.run(&staff.actor).await {
        Ok(all) => all,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let page = CategoriesPage {
        categories: all
            .into_iter()
            .map(|c| CategoryRow {
                id: c.id.to_string(),
                name: c.name.as_str().to_owned(),
                slug: c.slug,
                position: c.position,
                active: c.active,
            })
            .collect(),
    };
    Ok(render(&state, &staff, "admin/categories.html", &page))
}

/// The category forms: create (name, position) and update (name, position, active).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CategoryForm {
    name: String,
    position: String,
    active: String,
}

impl CategoryForm {
    fn parts(&self) -> Result<(CategoryName, i32), AdminError> {
        let name =
            CategoryName::parse(&self.name).map_err(|e| AdminError::Invalid(e.to_string()))?;
        let position = match self.position.trim() {
            "" => 0,
            raw => raw
                .parse()
                .map_err(|_| AdminError::Invalid("the position is a whole number".into()))?,
        };
        Ok((name, position))
    }
}

/// `POST /admin/categories`: adds a category.
#[handler]
pub(super) async fn create_category(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Form(form): Form<CategoryForm>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let result = match form.parts() {
        Ok((name, position)) => {
            state
                .admin
                .manage_categories
                .create(&staff.actor, name, position)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(redirect("/admin/categories?done=created")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

/// `POST /admin/categories/{id}`: renames, moves, deactivates or reactivates a category.
#[handler]
pub(super) async fn update_category(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<CategoryForm>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let Ok(id) = id.parse().map(CategoryId::from_uuid) else {
        return Ok(not_found(&state, &staff.layout));
    };
    let result = match form.parts() {
        Ok((name, position)) => {
            let changes = CategoryChanges {
                name,
                position,
                active: form.active == "true",
            };
            state
                .admin
                .manage_categories
                .update(&staff.actor, id, changes)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(redirect("/admin/categories?done=saved")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
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
    provider_name: String,
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
    req: &Request,
    visitor: Visitor,
    Query(form): Query<ServicesQuery>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
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
    let found = match state.admin.services.run(&staff.actor, &query).await {
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
                provider_name: e
                    .provider_name
                    .map_or_else(|| "(unknown)".to_owned(), |n| n.as_str().to_owned()),
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
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let Ok(id) = id.parse().map(ServiceId::from_uuid) else {
        return Ok(not_found(&state, &staff.layout));
    };
    match state.admin.deactivate_service.run(&staff.actor, id).await {
        Ok(_) => Ok(redirect("/admin/services?done=deactivated")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}
