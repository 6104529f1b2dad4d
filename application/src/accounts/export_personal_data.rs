//! A signed-in user downloads everything stored about them, as one JSON document.
//!
//! The document's shape is versioned by its `format` field (`bys-export/1`); docs/privacy.md
//! describes every field. Times are UTC (RFC 3339) with the zone the user sees them in; the
//! other party of each appointment appears by the name the user saw; secrets (password hash,
//! token secrets) never appear.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use domain::{Appointment, PersonName, Review, Role, Service, ServiceId, User, UserId};
use serde_json::{Value, json};

use crate::actor::Actor;
use crate::appointment_parties::AppointmentParties;
use crate::ports::{
    ApiTokens, AppointmentQuery, AppointmentStore, AuditLog, Clock, FeedTokens, PageRequest,
    RepoError, ReviewStore, ServiceStore, UserStore, WaitlistEntry, WaitlistStore,
};

/// The `format` of the documents this version writes.
pub const EXPORT_FORMAT: &str = "bys-export/1";

/// Why no export was made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Only the account's owner exports it.
    #[error("you may only export your own data")]
    Forbidden,
    /// The account does not exist.
    #[error("no such account")]
    UnknownUser,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Collects a user's data from every store that holds some.
pub struct ExportPersonalData {
    sources: ExportSources,
    parties: AppointmentParties,
}

/// The stores an export reads.
pub struct ExportSources {
    /// Accounts: the user and the other parties' names.
    pub users: Arc<dyn UserStore>,
    /// Appointments as customer and as provider.
    pub appointments: Arc<dyn AppointmentStore>,
    /// The booked services' names.
    pub services: Arc<dyn ServiceStore>,
    /// Reviews of those appointments.
    pub reviews: Arc<dyn ReviewStore>,
    /// API tokens' metadata.
    pub api_tokens: Arc<dyn ApiTokens>,
    /// Whether a calendar feed address exists.
    pub feed_tokens: Arc<dyn FeedTokens>,
    /// Audit entries about the user.
    pub audit: Arc<dyn AuditLog>,
    /// The user's waitlist entries.
    pub waitlist: Arc<dyn WaitlistStore>,
    /// The export's time.
    pub clock: Arc<dyn Clock>,
}

impl ExportPersonalData {
    /// The use case over its ports.
    pub fn new(sources: ExportSources) -> Self {
        let parties = AppointmentParties::new(Arc::clone(&sources.users));
        Self { sources, parties }
    }

    /// The export of account `id` for `actor`, who must be its owner (staff included: an
    /// admin exports their own account, not others').
    ///
    /// # Errors
    /// See [`ExportError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, user = %id))]
    pub async fn run(&self, actor: &Actor, id: UserId) -> Result<Value, ExportError> {
        if actor.id != id {
            return Err(ExportError::Forbidden);
        }
        let user = self
            .sources
            .users
            .by_id(id)
            .await?
            .ok_or(ExportError::UnknownUser)?;
        let mut appointments = self.all_appointments(id, Role::Customer).await?;
        appointments.extend(self.all_appointments(id, Role::Provider).await?);
        appointments.sort_by_key(|a| (a.session.start(), a.id));
        let people = self.parties.run(actor, &appointments).await?;
        let mut services = ServiceNames::default();
        let mut rows = Vec::with_capacity(appointments.len());
        let (mut written, mut received) = (Vec::new(), Vec::new());
        for a in &appointments {
            let service = services.of(&*self.sources.services, a.service).await?;
            rows.push(appointment_row(&user, a, service.as_deref(), &people));
            if let Some(review) = self.sources.reviews.by_appointment(a.id).await? {
                let row = review_row(&review);
                if review.customer == id {
                    written.push(row);
                } else {
                    received.push(row);
                }
            }
        }
        let mut waiting = Vec::new();
        for entry in self.sources.waitlist.history_of(id).await? {
            let service = services.of(&*self.sources.services, entry.service).await?;
            waiting.push(waitlist_row(&entry, service.as_deref()));
        }
        let tokens = self.sources.api_tokens.active_of(id).await?;
        let audit = self.sources.audit.about(id).await?;
        Ok(json!({
            "format": EXPORT_FORMAT,
            "exported_at": instant(self.sources.clock.now()),
            "profile": profile(&user),
            "appointments": rows,
            "reviews_written": written,
            "reviews_received": received,
            "waitlist": waiting,
            "api_tokens": tokens.iter().map(|t| json!({
                "id": t.id.to_string(),
                "name": t.name.as_str(),
                "created_at": instant(t.created_at),
                "last_used_at": t.last_used_at.map(instant),
            })).collect::<Vec<_>>(),
            "calendar_feed": {"issued": self.sources.feed_tokens.issued(id).await?},
            "audit": audit.iter().map(|e| json!({
                "at": instant(e.at),
                "action": e.action,
                "target": e.target,
                "by_you": e.actor == id,
            })).collect::<Vec<_>>(),
        }))
    }

    /// Every appointment where `id` is the customer (or the provider), page by page.
    async fn all_appointments(
        &self,
        id: UserId,
        side: Role,
    ) -> Result<Vec<Appointment>, RepoError> {
        let mut all = Vec::new();
        for page in 1.. {
            let query = AppointmentQuery {
                customer: (side == Role::Customer).then_some(id),
                provider: (side == Role::Provider).then_some(id),
                page: PageRequest::new(page, PageRequest::MAX_PER_PAGE),
                ..AppointmentQuery::default()
            };
            let found = self.sources.appointments.search(&query).await?;
            let last = u64::from(page) >= found.page_count();
            all.extend(found.items);
            if last {
                break;
            }
        }
        Ok(all)
    }
}

/// One appointment of `user` as exported, with the service's and both parties' names.
fn appointment_row(
    user: &User,
    a: &Appointment,
    service: Option<&str>,
    people: &HashMap<UserId, PersonName>,
) -> Value {
    let role = if a.customer == user.id {
        "customer"
    } else {
        "provider"
    };
    let name = |id: UserId| people.get(&id).map(PersonName::as_str);
    let cancellation = a.cancellation.as_ref().map(|c| {
        json!({
            "by": c.by.as_str(),
            "reason": c.reason.as_ref().map(|r| r.as_str().to_owned()),
            "at": instant(c.at),
        })
    });
    json!({
        "id": a.id.to_string(),
        "as": role,
        "service": {"id": a.service.to_string(), "name": service},
        "customer": {"id": a.customer.to_string(), "name": name(a.customer)},
        "provider": {"id": a.provider.to_string(), "name": name(a.provider)},
        "status": a.status.as_str(),
        "start": instant(a.session.start()),
        "end": instant(a.session.end()),
        "zone": user.zone.name(),
        "note": a.note.as_ref().map(|n| n.as_str().to_owned()),
        "booked_at": instant(a.created_at),
        "reschedules": a.reschedules.iter().map(|r| json!({
            "from_start": instant(r.from.start()),
            "to_start": instant(r.to.start()),
            "by": r.by.as_str(),
            "at": instant(r.at),
        })).collect::<Vec<_>>(),
        "cancellation": cancellation,
    })
}

/// One waitlist entry as exported: the service, the window in the zone it was given in, and
/// the place held for it, if any.
fn waitlist_row(entry: &WaitlistEntry, service: Option<&str>) -> Value {
    let window = &entry.window;
    json!({
        "id": entry.id.to_string(),
        "service": {"id": entry.service.to_string(), "name": service},
        "joined_at": instant(entry.joined_at),
        "state": entry.state.as_str(),
        "window": {
            "first_day": window.first_day().to_string(),
            "last_day": window.last_day().to_string(),
            "from": window.from().format("%H:%M").to_string(),
            "until": window.until().format("%H:%M").to_string(),
            "zone": window.zone().name(),
        },
        "hold": entry.hold.as_ref().map(|h| json!({
            "appointment": h.appointment.to_string(),
            "expires_at": instant(h.expires_at),
        })),
    })
}

/// Service names looked up once per export.
#[derive(Default)]
struct ServiceNames(HashMap<ServiceId, Option<String>>);

impl ServiceNames {
    async fn of(
        &mut self,
        services: &dyn ServiceStore,
        id: ServiceId,
    ) -> Result<Option<String>, RepoError> {
        if let Some(name) = self.0.get(&id) {
            return Ok(name.clone());
        }
        let name = services
            .by_id(id)
            .await?
            .map(|s: Service| s.name.as_str().to_owned());
        self.0.insert(id, name.clone());
        Ok(name)
    }
}

fn profile(user: &User) -> Value {
    json!({
        "id": user.id.to_string(),
        "email": user.email.as_str(),
        "name": user.name.as_str(),
        "role": user.role.as_str(),
        "zone": user.zone.name(),
        "phone": user.phone.as_ref().map(|p| p.as_str().to_owned()),
        "calendar_email": user.calendar_email.as_ref().map(|e| e.as_str().to_owned()),
        "has_photo": user.photo.is_some(),
        "active": user.active,
        "email_verified_at": user.email_verified_at.map(instant),
        "review_requests": user.review_requests,
        "language": user.language.as_ref().map(|l| l.as_str().to_owned()),
        "privacy_consent": user.privacy_consent.as_ref().map(|c| json!({
            "version": c.version,
            "accepted_at": instant(c.accepted_at),
        })),
        "created_at": instant(user.created_at),
    })
}

fn review_row(review: &Review) -> Value {
    json!({
        "id": review.id.to_string(),
        "appointment": review.appointment.to_string(),
        "stars": review.stars.get(),
        "text": review.text.as_ref().map(|t| t.as_str().to_owned()),
        "created_at": instant(review.created_at),
        "reply": review.reply.as_ref().map(|r| r.text.as_str().to_owned()),
        "hidden": review.hidden.is_some(),
    })
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::api_tokens::MockApiTokens;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::audit::MockAuditLog;
    use crate::ports::feeds::MockFeedTokens;
    use crate::ports::reviews::MockReviewStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::waitlist::MockWaitlistStore;
    use crate::ports::{ApiToken, AuditEntry, EntryState, Hold, Page};
    use crate::test_support::*;
    use chrono::{NaiveDate, NaiveTime};
    use domain::{
        ApiTokenId, AppointmentId, AppointmentStatus, TokenName, WaitWindow, WaitlistEntryId, Zone,
    };

    struct Ports {
        users: MockUserStore,
        appointments: MockAppointmentStore,
        services: MockServiceStore,
        reviews: MockReviewStore,
        api_tokens: MockApiTokens,
        feed_tokens: MockFeedTokens,
        audit: MockAuditLog,
        waitlist: MockWaitlistStore,
    }

    /// The customer of `an_appointment()` (completed, reviewed), the provider, the service, one
    /// API token, a feed address, an admin's edit of the customer, and a waitlist entry with a
    /// place held for it.
    fn stored() -> Ports {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok([
                a_customer().in_zone("Europe/Paris").build(),
                a_provider().build(),
            ]
            .into_iter()
            .find(|u| u.id == id))
        });
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_search().returning(|q| {
            let items = if q.customer == Some(a_customer().build().id) {
                vec![
                    an_appointment()
                        .with_status(AppointmentStatus::Completed)
                        .build(),
                ]
            } else {
                Vec::new()
            };
            Ok(Page {
                total: items.len() as u64,
                items,
                request: q.page,
            })
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_by_appointment()
            .returning(|_| Ok(Some(a_review().build())));
        let mut api_tokens = MockApiTokens::new();
        api_tokens.expect_active_of().returning(|user| {
            Ok(vec![ApiToken {
                id: ApiTokenId::from_uuid(uuid::Uuid::from_u128(5)),
                user,
                name: TokenName::parse("calendar script").unwrap(),
                created_at: utc(NOW),
                last_used_at: None,
                revoked_at: None,
            }])
        });
        let mut feed_tokens = MockFeedTokens::new();
        feed_tokens.expect_issued().returning(|_| Ok(true));
        let mut audit = MockAuditLog::new();
        audit.expect_about().returning(|user| {
            Ok(vec![AuditEntry {
                id: uuid::Uuid::from_u128(1),
                at: utc(NOW),
                actor: an_admin().build().id,
                action: "user.edit".into(),
                target: format!("user:{user}"),
                before: Some("{}".into()),
                after: Some("{}".into()),
            }])
        });
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_history_of().returning(|customer| {
            let day = NaiveDate::from_ymd_opt(2026, 6, 3).unwrap();
            let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
            let paris = Zone::parse("Europe/Paris").unwrap();
            Ok(vec![WaitlistEntry {
                id: WaitlistEntryId::from_uuid(uuid::Uuid::from_u128(9)),
                service: a_service().build().id,
                provider: a_provider().build().id,
                customer,
                window: WaitWindow::new(day, day, hour(9), hour(12), paris).unwrap(),
                joined_at: utc(NOW),
                state: EntryState::Offered,
                hold: Some(Hold {
                    appointment: AppointmentId::from_uuid(uuid::Uuid::from_u128(10)),
                    expires_at: utc("2026-06-01T10:00:00Z"),
                }),
            }])
        });
        Ports {
            users,
            appointments,
            services,
            reviews,
            api_tokens,
            feed_tokens,
            audit,
            waitlist,
        }
    }

    fn use_case(p: Ports) -> ExportPersonalData {
        ExportPersonalData::new(ExportSources {
            users: Arc::new(p.users),
            appointments: Arc::new(p.appointments),
            services: Arc::new(p.services),
            reviews: Arc::new(p.reviews),
            api_tokens: Arc::new(p.api_tokens),
            feed_tokens: Arc::new(p.feed_tokens),
            audit: Arc::new(p.audit),
            waitlist: Arc::new(p.waitlist),
            clock: clock_at(NOW),
        })
    }

    #[tokio::test]
    async fn nobody_exports_another_users_data_not_even_an_admin() {
        let mut p = stored();
        p.users = MockUserStore::new();
        p.users.expect_by_id().never();
        let customer = a_customer().build().id;
        for who in [a_provider().actor(), an_admin().actor()] {
            let result = use_case(stored()).run(&who, customer).await;
            assert!(matches!(result, Err(ExportError::Forbidden)));
        }
        let result = use_case(p).run(&a_provider().actor(), customer).await;
        assert!(matches!(result, Err(ExportError::Forbidden)));
    }

    #[tokio::test]
    async fn the_export_is_versioned_and_holds_the_profile_in_utc() {
        let doc = use_case(stored())
            .run(&a_customer().actor(), a_customer().build().id)
            .await
            .unwrap();
        assert_eq!(doc["format"], EXPORT_FORMAT);
        assert_eq!(doc["exported_at"], NOW);
        assert_eq!(doc["profile"]["email"], a_customer().build().email.as_str());
        assert_eq!(doc["profile"]["zone"], "Europe/Paris");
        assert!(!doc.to_string().contains("password"));
    }

    #[tokio::test]
    async fn an_appointment_names_both_parties_and_the_service_with_times_in_utc_and_the_zone() {
        let doc = use_case(stored())
            .run(&a_customer().actor(), a_customer().build().id)
            .await
            .unwrap();
        let row = &doc["appointments"][0];
        assert_eq!(row["as"], "customer");
        assert_eq!(row["customer"]["name"], a_customer().build().name.as_str());
        assert_eq!(row["provider"]["name"], a_provider().build().name.as_str());
        assert_eq!(row["service"]["name"], a_service().build().name.as_str());
        assert_eq!(row["start"], "2026-06-03T10:00:00Z");
        assert_eq!(row["zone"], "Europe/Paris");
    }

    #[tokio::test]
    async fn reviews_tokens_and_audit_entries_come_without_secrets() {
        let doc = use_case(stored())
            .run(&a_customer().actor(), a_customer().build().id)
            .await
            .unwrap();
        assert_eq!(doc["reviews_written"][0]["stars"], 4);
        assert_eq!(doc["reviews_received"], json!([]));
        assert_eq!(doc["api_tokens"][0]["name"], "calendar script");
        assert_eq!(doc["api_tokens"][0].as_object().unwrap().len(), 4);
        assert_eq!(doc["calendar_feed"], json!({"issued": true}));
        assert_eq!(doc["audit"][0]["action"], "user.edit");
        assert_eq!(doc["audit"][0]["by_you"], false);
        assert!(doc["audit"][0].get("before").is_none());
    }

    #[tokio::test]
    async fn a_waitlist_entry_comes_with_its_window_in_its_zone_and_the_place_held() {
        let doc = use_case(stored())
            .run(&a_customer().actor(), a_customer().build().id)
            .await
            .unwrap();
        let entry = &doc["waitlist"][0];
        assert_eq!(entry["service"]["name"], a_service().build().name.as_str());
        assert_eq!(entry["state"], "offered");
        assert_eq!(
            entry["window"],
            json!({"first_day": "2026-06-03", "last_day": "2026-06-03",
                   "from": "09:00", "until": "12:00", "zone": "Europe/Paris"})
        );
        assert_eq!(entry["hold"]["expires_at"], "2026-06-01T10:00:00Z");
    }
}
