//! Staff look after the catalogue: categories (create, rename, reorder, deactivate) and
//! services (list all, deactivate one that breaks the rules).

use std::collections::HashMap;
use std::sync::Arc;

use domain::{Category, CategoryId, CategoryName, PersonName, Service, ServiceId, UserId};

use super::audit::{category_json, service_json};
use super::{AdminError, AdminRefusal, Auditor, admins_only, staff_only};
use crate::actor::Actor;
use crate::create_category::{CreateCategory, CreateCategoryError};
use crate::ports::{CatalogQuery, CategoryStore, Clock, Page, RepoError, ServiceStore, UserStore};
use crate::update_category::{CategoryChanges, UpdateCategory, UpdateCategoryError};
use crate::update_service::{ServiceChange, UpdateService, UpdateServiceError};

/// Every category, inactive ones included, for the admin list.
pub struct ListAllCategories {
    categories: Arc<dyn CategoryStore>,
}

impl ListAllCategories {
    /// The use case over its port.
    pub fn new(categories: Arc<dyn CategoryStore>) -> Self {
        Self { categories }
    }

    /// All categories by position then name.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(&self, actor: &Actor) -> Result<Vec<Category>, AdminError> {
        staff_only(actor)?;
        Ok(self.categories.list(true).await?)
    }
}

/// Creates and changes categories, recorded in the audit log.
pub struct ManageCategories {
    categories: Arc<dyn CategoryStore>,
    create: CreateCategory,
    update: UpdateCategory,
    auditor: Auditor,
}

impl ManageCategories {
    /// The use case over its port.
    pub fn new(categories: Arc<dyn CategoryStore>, auditor: Auditor) -> Self {
        Self {
            create: CreateCategory::new(categories.clone()),
            update: UpdateCategory::new(categories.clone()),
            categories,
            auditor,
        }
    }

    /// Adds a category named `name` at `position`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::Invalid`] or
    /// [`AdminError::Conflict`] for an unusable or taken name.
    pub async fn create(
        &self,
        actor: &Actor,
        name: CategoryName,
        position: i32,
    ) -> Result<Category, AdminError> {
        let category = self
            .create
            .run(actor, name, position)
            .await
            .map_err(|e| match e {
                CreateCategoryError::Forbidden => AdminError::Forbidden,
                CreateCategoryError::NoSlug => AdminError::Invalid(AdminRefusal::CategoryNoSlug),
                CreateCategoryError::SlugTaken => AdminError::Conflict(AdminRefusal::CategoryTaken),
                CreateCategoryError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "category.create",
                format!("category:{}", category.id),
                None,
                Some(category_json(&category)),
            )
            .await?;
        Ok(category)
    }

    /// Renames, moves, deactivates or reactivates category `id`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`],
    /// [`AdminError::Conflict`] when the new name's slug is taken.
    pub async fn update(
        &self,
        actor: &Actor,
        id: CategoryId,
        changes: CategoryChanges,
    ) -> Result<Category, AdminError> {
        let before = self.categories.by_id(id).await?;
        let after = self
            .update
            .run(actor, id, changes)
            .await
            .map_err(|e| match e {
                UpdateCategoryError::Forbidden => AdminError::Forbidden,
                UpdateCategoryError::NotFound => AdminError::NotFound,
                UpdateCategoryError::Store(RepoError::Conflict) => {
                    AdminError::Conflict(AdminRefusal::CategoryTaken)
                }
                UpdateCategoryError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "category.update",
                format!("category:{id}"),
                before.as_ref().map(category_json),
                Some(category_json(&after)),
            )
            .await?;
        Ok(after)
    }
}

/// A service in the admin list, with its provider's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The service.
    pub service: Service,
    /// Its provider's name, if the account exists.
    pub provider_name: Option<PersonName>,
}

/// Lists every service, active or not.
pub struct ListAllServices {
    services: Arc<dyn ServiceStore>,
    users: Arc<dyn UserStore>,
}

impl ListAllServices {
    /// The use case over its ports.
    pub fn new(services: Arc<dyn ServiceStore>, users: Arc<dyn UserStore>) -> Self {
        Self { services, users }
    }

    /// The page of services matching `query`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(
        &self,
        actor: &Actor,
        query: &CatalogQuery,
    ) -> Result<Page<CatalogEntry>, AdminError> {
        staff_only(actor)?;
        let page = self.services.catalog(query).await?;
        let mut names: HashMap<UserId, Option<PersonName>> = HashMap::new();
        let mut items = Vec::with_capacity(page.items.len());
        for service in page.items {
            let provider_name = if let Some(name) = names.get(&service.provider) {
                name.clone()
            } else {
                let name = self.users.by_id(service.provider).await?.map(|u| u.name);
                names.insert(service.provider, name.clone());
                name
            };
            items.push(CatalogEntry {
                service,
                provider_name,
            });
        }
        Ok(Page {
            items,
            total: page.total,
            request: page.request,
        })
    }
}

/// Deactivates a service that breaks the rules, recorded in the audit log. Only its provider
/// can offer it again (after fixing it).
pub struct DeactivateService {
    services: Arc<dyn ServiceStore>,
    update: UpdateService,
    auditor: Auditor,
}

impl DeactivateService {
    /// The use case over its ports.
    pub fn new(
        services: Arc<dyn ServiceStore>,
        categories: Arc<dyn CategoryStore>,
        clock: Arc<dyn Clock>,
        auditor: Auditor,
    ) -> Self {
        Self {
            update: UpdateService::new(services.clone(), categories, clock),
            services,
            auditor,
        }
    }

    /// Deactivates service `id`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`], storage
    /// failures.
    pub async fn run(&self, actor: &Actor, id: ServiceId) -> Result<Service, AdminError> {
        admins_only(actor)?;
        let before = self.services.by_id(id).await?;
        let after = self
            .update
            .run(actor, id, ServiceChange::Deactivate)
            .await
            .map_err(|e| match e {
                UpdateServiceError::Forbidden => AdminError::Forbidden,
                UpdateServiceError::UnknownService => AdminError::NotFound,
                UpdateServiceError::CategoryUnavailable => {
                    AdminError::Invalid(AdminRefusal::CategoryUnavailable)
                }
                UpdateServiceError::Store(e) => e.into(),
            })?;
        self.auditor
            .record(
                actor,
                "service.deactivate",
                format!("service:{id}"),
                before.as_ref().map(service_json),
                Some(service_json(&after)),
            )
            .await?;
        Ok(after)
    }
}
