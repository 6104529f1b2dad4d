//! Recording staff actions and reading them back.

use std::sync::Arc;

use domain::{Appointment, Category, Service, User};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{AdminError, staff_only};
use crate::actor::Actor;
use crate::ports::{AuditEntry, AuditLog, Clock, Page, PageRequest, RepoError};

/// Writes audit entries for the admin use cases.
#[derive(Clone)]
pub struct Auditor {
    log: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

impl Auditor {
    /// An auditor writing to `log`, stamping entries with `clock`.
    pub fn new(log: Arc<dyn AuditLog>, clock: Arc<dyn Clock>) -> Self {
        Self { log, clock }
    }

    /// Records that `actor` did `action` to `target`, which looked like `before` and then
    /// `after`.
    ///
    /// # Errors
    /// [`RepoError`] from the log.
    pub async fn record(
        &self,
        actor: &Actor,
        action: &str,
        target: String,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Result<(), RepoError> {
        let entry = AuditEntry {
            id: Uuid::now_v7(),
            at: self.clock.now(),
            actor: actor.id,
            action: action.to_owned(),
            target,
            before: before.map(|v| v.to_string()),
            after: after.map(|v| v.to_string()),
        };
        self.log.record(&entry).await
    }
}

/// A user as the audit log keeps them (no password, no photo).
pub(crate) fn user_json(u: &User) -> Value {
    json!({
        "email": u.email.as_str(),
        "name": u.name.as_str(),
        "role": u.role.as_str(),
        "active": u.active,
    })
}

/// A category as the audit log keeps it.
pub(crate) fn category_json(c: &Category) -> Value {
    json!({
        "name": c.name.as_str(),
        "slug": c.slug,
        "position": c.position,
        "active": c.active,
    })
}

/// A service as the audit log keeps it.
pub(crate) fn service_json(s: &Service) -> Value {
    json!({
        "name": s.name.as_str(),
        "provider": s.provider.to_string(),
        "active": s.active,
    })
}

/// An appointment as the audit log keeps it.
pub(crate) fn appointment_json(a: &Appointment) -> Value {
    json!({
        "status": a.status.as_str(),
        "start": a.session.start().to_rfc3339(),
        "provider": a.provider.to_string(),
        "customer": a.customer.to_string(),
        "reason": a.cancellation.as_ref().and_then(|c| c.reason.as_ref()).map(|r| r.as_str().to_owned()),
    })
}

/// Staff read the audit log.
pub struct ListAudit {
    log: Arc<dyn AuditLog>,
}

impl ListAudit {
    /// The use case over its port.
    pub fn new(log: Arc<dyn AuditLog>) -> Self {
        Self { log }
    }

    /// One page of the log, newest first.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Page<AuditEntry>, AdminError> {
        staff_only(actor)?;
        Ok(self.log.list(page).await?)
    }
}
