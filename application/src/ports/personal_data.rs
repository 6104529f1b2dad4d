//! What is stored about a person, erased in one go when they delete their account.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Appointment, Party, PersonName, UserId};
use serde_json::Value;

use crate::events::{AppointmentEvent, ChangeKind};

use super::RepoError;

/// Erases a person from the stores, in one transaction.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait PersonalDataStore: Send + Sync {
    /// Erases user `user`, once the caller has ended what lives outside the stores (future
    /// appointments cancelled, services deactivated, photos, calendars and tokens removed):
    ///
    /// - the account keeps its id and role but holds `pseudonym` as its name and
    ///   [`domain::Email::of_erased`] as its address, no phone, calendar address or photo, an unusable
    ///   password, review requests off, deactivated, erased at `at`;
    /// - its API tokens, account tokens and calendar feed token are deleted (names included),
    ///   its review reports too, and so are its webhook endpoints (with their messages), its
    ///   calendar links, busy-time sources and push channels;
    /// - the free text it wrote is gone: booking notes (and the idempotency keys) of its
    ///   appointments as customer, reasons of its cancellations, its reviews' text (the stars
    ///   stay) and its replies, in the appointments and in their recorded events;
    /// - recorded delivery errors of its appointments (a mail server quoting its address) are
    ///   cleared, and webhook message bodies naming it name `pseudonym` instead;
    /// - audit entries about the account, its appointments or reviews keep what was done,
    ///   when and by whom, but no longer the before and after details.
    ///
    /// Erasing an erased account again changes nothing more.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] for an unknown user.
    async fn erase(
        &self,
        user: UserId,
        pseudonym: &PersonName,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Retention: removes the free texts (the customer's note, a cancellation's reason) of
    /// every appointment that ended or was cancelled before `before`, from the appointment and
    /// its recorded events, and forgets the webhook messages and attempts finished before it.
    /// The appointments themselves stay (the other party's books). Returns how many
    /// appointments lost texts; a second call with the same `before` changes nothing.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn prune(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
}

/// Removes from `appointment` the free text `user` wrote in it: the booking note (written by
/// its customer) and the reason of a cancellation they made. Returns whether anything changed.
pub fn erase_texts(appointment: &mut Appointment, user: UserId) -> bool {
    let mut changed = false;
    if appointment.customer == user {
        changed |= appointment.note.take().is_some();
    }
    if let Some(cancellation) = appointment.cancellation.as_mut()
        && party_of(appointment.customer, appointment.provider, user) == Some(cancellation.by)
    {
        changed |= cancellation.reason.take().is_some();
    }
    changed
}

/// [`erase_texts`] on the appointment of `event` and on the event's own cancellation reason.
/// Returns whether anything changed.
pub fn erase_event_texts(event: &mut AppointmentEvent, user: UserId) -> bool {
    let party = party_of(event.appointment.customer, event.appointment.provider, user);
    let mut changed = erase_texts(&mut event.appointment, user);
    if let ChangeKind::Cancelled { by, reason } = &mut event.kind
        && party == Some(*by)
    {
        changed |= reason.take().is_some();
    }
    changed
}

/// A webhook message body with every party object of `user` (`{"id": "<user>", "name": ...}`)
/// naming `pseudonym`; `None` when the body is not JSON or does not name them.
pub fn rename_in_webhook_body(body: &str, user: UserId, pseudonym: &PersonName) -> Option<String> {
    fn rename(value: &mut Value, id: &str, pseudonym: &str) -> bool {
        match value {
            Value::Object(map) => {
                let mut changed = false;
                if map.get("id").and_then(Value::as_str) == Some(id) && map.contains_key("name") {
                    map.insert("name".to_owned(), Value::from(pseudonym));
                    changed = true;
                }
                for child in map.values_mut() {
                    changed |= rename(child, id, pseudonym);
                }
                changed
            }
            Value::Array(items) => items
                .iter_mut()
                .fold(false, |changed, item| rename(item, id, pseudonym) | changed),
            _ => false,
        }
    }
    let mut value: Value = serde_json::from_str(body).ok()?;
    rename(&mut value, &user.to_string(), pseudonym.as_str()).then(|| value.to_string())
}

/// Whether `appointment` is past a retention cutoff `before`: it ended, or was cancelled,
/// before it.
pub fn past_retention(appointment: &Appointment, before: DateTime<Utc>) -> bool {
    appointment.session.end() < before
        || appointment
            .cancellation
            .as_ref()
            .is_some_and(|c| c.at < before)
}

/// Removes every free text of `event` (its appointment's note and cancellation reason, and a
/// cancellation's reason); whether there was any.
pub fn prune_event_texts(event: &mut AppointmentEvent) -> bool {
    let mut changed = prune_texts(&mut event.appointment);
    if let ChangeKind::Cancelled { reason, .. } = &mut event.kind {
        changed |= reason.take().is_some();
    }
    changed
}

/// Removes the note and the cancellation reason of `appointment`; whether there was any.
pub fn prune_texts(appointment: &mut Appointment) -> bool {
    let note = appointment.note.take().is_some();
    let reason = appointment
        .cancellation
        .as_mut()
        .is_some_and(|c| c.reason.take().is_some());
    note || reason
}

fn party_of(customer: UserId, provider: UserId, user: UserId) -> Option<Party> {
    if customer == user {
        Some(Party::Customer)
    } else if provider == user {
        Some(Party::Provider)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;
    use domain::Note;

    #[test]
    fn the_customers_note_and_cancellation_reason_go_the_providers_stay_for_the_customer() {
        let mut a = an_appointment().build();
        a.note = Note::parse("back door").ok();
        a.cancel(
            Party::Customer,
            Note::parse("ill").ok(),
            chrono::TimeDelta::zero(),
            utc(NOW),
        )
        .unwrap();
        let mut for_provider = a.clone();
        assert!(!erase_texts(&mut for_provider, a_provider().build().id));
        assert_eq!(for_provider, a);
        assert!(erase_texts(&mut a, a_customer().build().id));
        assert!(a.note.is_none() && a.cancellation.unwrap().reason.is_none());
    }

    #[test]
    fn an_events_reason_goes_with_its_author() {
        let a = an_appointment().build();
        let mut event = AppointmentEvent::new(
            ChangeKind::Cancelled {
                by: Party::Provider,
                reason: Note::parse("closed").ok(),
            },
            &a,
            utc(NOW),
        );
        assert!(!erase_event_texts(&mut event, a_customer().build().id));
        assert!(erase_event_texts(&mut event, a_provider().build().id));
        assert_eq!(
            event.kind,
            ChangeKind::Cancelled {
                by: Party::Provider,
                reason: None
            }
        );
    }

    #[test]
    fn a_webhook_body_names_the_pseudonym_instead_of_the_person() {
        let ann = a_customer().build().id;
        let body = format!(
            r#"{{"data":{{"customer":{{"id":"{ann}","name":"Ann"}},"provider":{{"id":"p","name":"Bob"}}}}}}"#
        );
        let pseudonym = PersonName::parse("Deleted customer").unwrap();
        let renamed = rename_in_webhook_body(&body, ann, &pseudonym).unwrap();
        assert!(renamed.contains("Deleted customer") && renamed.contains("Bob"));
        assert!(!renamed.contains("Ann"));
        assert!(
            rename_in_webhook_body(&renamed.replace(&ann.to_string(), "x"), ann, &pseudonym)
                .is_none()
        );
    }
}
