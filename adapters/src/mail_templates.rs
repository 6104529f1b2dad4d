//! Wording mails with tera templates (embedded in the binary): a subject, a plain-text part and
//! an HTML part per kind of mail, plus the iCalendar invitation of appointment changes.
//!
//! Templates (in `adapters/templates/mail/`):
//! - `appointment_subject.txt`, `appointment.txt`, `appointment.html`: every appointment change
//!   (booked, confirmed, rescheduled, cancelled, reminder), worded for the customer or the
//!   provider. Times are in the recipient's zone, with the zone named (`Europe/Paris, CEST`).
//! - `welcome_*` (with the link that verifies the new address), `email_verification_*` (a new
//!   verification link: asked for again, or after a change of address), `password_reset_*`:
//!   account mails. Expiry times are in the user's zone, with the zone named.
//! - `calendar_closing_*`: one of a provider's own calendars closes their slots (unshared, or
//!   not read for too long).
//! - `review_request_*`: a customer is asked to review a completed appointment, with the date
//!   the review window closes and an opt-out link (also the `List-Unsubscribe` header).
//! - `webhook_disabled_*`: one of the owner's webhook endpoints was disabled automatically.
//! - `move_proposed_*`: the provider moved an appointment's entry in their calendar; the
//!   customer is asked to accept it; `move_declined_*`: the provider hears that the customer
//!   kept the time.
//!
//! Invitations: `METHOD:REQUEST` for booked, confirmed and rescheduled appointments,
//! `METHOD:CANCEL` for cancelled ones, none for reminders (see [`crate::ical`]).

use application::ports::{
    BackendError, ClosingReason, EmailMessage, Invitation, InvitationMethod, Mail, MailComposer,
    Mailbox, Recipient, VerifyLink,
};
use application::{AppointmentDetails, ChangeKind};
use chrono::{DateTime, Utc};
use domain::{AppointmentStatus, Language, Note, Party, REVIEW_WINDOW, User, Zone};
use tera::{Context, Tera};

use crate::calendar_text;
use crate::catalogue;
use crate::ical::{self, Organizer};
use crate::local_format::LocalFormat;

const TEMPLATES: [(&str, &str); 27] = [
    (
        "appointment_subject.txt",
        include_str!("../templates/mail/appointment_subject.txt"),
    ),
    (
        "appointment.txt",
        include_str!("../templates/mail/appointment.txt"),
    ),
    (
        "appointment.html",
        include_str!("../templates/mail/appointment.html"),
    ),
    (
        "welcome_subject.txt",
        include_str!("../templates/mail/welcome_subject.txt"),
    ),
    ("welcome.txt", include_str!("../templates/mail/welcome.txt")),
    (
        "welcome.html",
        include_str!("../templates/mail/welcome.html"),
    ),
    (
        "email_verification_subject.txt",
        include_str!("../templates/mail/email_verification_subject.txt"),
    ),
    (
        "email_verification.txt",
        include_str!("../templates/mail/email_verification.txt"),
    ),
    (
        "email_verification.html",
        include_str!("../templates/mail/email_verification.html"),
    ),
    (
        "password_reset_subject.txt",
        include_str!("../templates/mail/password_reset_subject.txt"),
    ),
    (
        "password_reset.txt",
        include_str!("../templates/mail/password_reset.txt"),
    ),
    (
        "password_reset.html",
        include_str!("../templates/mail/password_reset.html"),
    ),
    (
        "calendar_closing_subject.txt",
        include_str!("../templates/mail/calendar_closing_subject.txt"),
    ),
    (
        "calendar_closing.txt",
        include_str!("../templates/mail/calendar_closing.txt"),
    ),
    (
        "calendar_closing.html",
        include_str!("../templates/mail/calendar_closing.html"),
    ),
    (
        "review_request_subject.txt",
        include_str!("../templates/mail/review_request_subject.txt"),
    ),
    (
        "review_request.txt",
        include_str!("../templates/mail/review_request.txt"),
    ),
    (
        "review_request.html",
        include_str!("../templates/mail/review_request.html"),
    ),
    (
        "move_proposed_subject.txt",
        include_str!("../templates/mail/move_proposed_subject.txt"),
    ),
    (
        "move_proposed.txt",
        include_str!("../templates/mail/move_proposed.txt"),
    ),
    (
        "move_proposed.html",
        include_str!("../templates/mail/move_proposed.html"),
    ),
    (
        "move_declined_subject.txt",
        include_str!("../templates/mail/move_declined_subject.txt"),
    ),
    (
        "move_declined.txt",
        include_str!("../templates/mail/move_declined.txt"),
    ),
    (
        "move_declined.html",
        include_str!("../templates/mail/move_declined.html"),
    ),
    (
        "webhook_disabled_subject.txt",
        include_str!("../templates/mail/webhook_disabled_subject.txt"),
    ),
    (
        "webhook_disabled.txt",
        include_str!("../templates/mail/webhook_disabled.txt"),
    ),
    (
        "webhook_disabled.html",
        include_str!("../templates/mail/webhook_disabled.html"),
    ),
];

/// [`MailComposer`] over the embedded tera templates. HTML templates are autoescaped.
pub struct TeraMailComposer {
    tera: Tera,
    organizer: Organizer,
}

impl std::fmt::Debug for TeraMailComposer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeraMailComposer")
            .field("organizer", &self.organizer)
            .finish_non_exhaustive()
    }
}

impl TeraMailComposer {
    /// Loads the templates; invitations name `organizer` (the sender address) as organizer.
    ///
    /// # Errors
    /// When a template does not parse (a bug, caught by the tests).
    pub fn new(organizer: Organizer) -> Result<Self, tera::Error> {
        let mut tera = Tera::new();
        catalogue::register(&mut tera);
        tera.add_raw_templates(TEMPLATES)?;
        Ok(Self { tera, organizer })
    }

    fn render(
        &self,
        name: &str,
        context: &Context,
        to: &User,
    ) -> Result<EmailMessage, BackendError> {
        let subject = self.tera.render(&format!("{name}_subject.txt"), context)?;
        let mut context = context.clone();
        let subject = subject.trim().to_owned();
        context.insert("subject", &subject);
        Ok(EmailMessage {
            to: Mailbox {
                email: to.email.clone(),
                name: to.name.clone(),
            },
            subject,
            text: self.tera.render(&format!("{name}.txt"), &context)?,
            html: self.tera.render(&format!("{name}.html"), &context)?,
            invitation: None,
            delivery: None,
            unsubscribe: None,
        })
    }

    fn appointment(
        &self,
        details: &AppointmentDetails,
        recipient: Recipient,
    ) -> Result<EmailMessage, BackendError> {
        let (user, _) = parties(details, recipient);
        let reader = Reader::of(user);
        let event = &details.event;
        let appointment = &event.appointment;
        let zone = user.zone;
        let mut context = appointment_context(&reader, details, recipient);
        context.insert("kind", event.kind.as_str());
        context.insert("for_provider", &(recipient == Recipient::Provider));
        context.insert(
            "requested",
            &(appointment.status == AppointmentStatus::Requested),
        );
        context.insert("zone_name", zone.name());
        context.insert("link", &details.link);
        context.insert("note", &appointment.note.as_ref().map(Note::as_str));
        let previous = match &event.kind {
            ChangeKind::Rescheduled { from } => Some(reader.span(from.start(), from.end())),
            _ => None,
        };
        context.insert("previous_when", &previous);
        if let ChangeKind::Cancelled { by, reason } = &event.kind {
            context.insert("cancelled_by", cancelled_by(*by, recipient));
            context.insert("reason", &reason.as_ref().map(Note::as_str));
        }
        if let ChangeKind::HoldOffered { until } = &event.kind {
            context.insert("held_until", &reader.local(*until));
        }
        let mut message = self.render("appointment", &context, user)?;
        let method = match event.kind {
            // The provider's calendar shows a class once, with its attendees (the calendar
            // sync and the feed), not one invitation per place.
            _ if recipient == Recipient::Provider && details.service.capacity.is_class() => None,
            ChangeKind::Booked | ChangeKind::Confirmed | ChangeKind::Rescheduled { .. } => {
                Some(InvitationMethod::Request)
            }
            ChangeKind::Cancelled { .. } => Some(InvitationMethod::Cancel),
            // A hold is not in anyone's calendar until it is accepted (then `Booked`).
            ChangeKind::Reminder
            | ChangeKind::Completed
            | ChangeKind::NoShow
            | ChangeKind::HoldOffered { .. }
            | ChangeKind::HoldReleased => None,
        };
        message.invitation = method.map(|method| Invitation {
            method,
            ics: ical::invitation(
                details,
                method,
                &entry_text(details, recipient),
                &self.organizer,
            ),
        });
        Ok(message)
    }
}

impl TeraMailComposer {
    /// A mail about a move the provider made in their calendar to `start`, for `recipient`.
    fn move_mail(
        &self,
        name: &str,
        details: &AppointmentDetails,
        start: DateTime<Utc>,
        recipient: Recipient,
    ) -> Result<EmailMessage, BackendError> {
        let (user, _) = parties(details, recipient);
        let reader = Reader::of(user);
        let length = details.event.appointment.session.length();
        let mut context = appointment_context(&reader, details, recipient);
        context.insert("proposed", &reader.span(start, start + length));
        context.insert("zone_name", user.zone.name());
        context.insert("link", &details.link);
        self.render(name, &context, user)
    }
}

impl MailComposer for TeraMailComposer {
    fn compose(&self, mail: &Mail) -> Result<EmailMessage, BackendError> {
        match mail {
            Mail::Appointment { details, recipient } => self.appointment(details, *recipient),
            Mail::Welcome { to, link, verify } => {
                let mut context = verification_context(&Reader::of(to), verify);
                context.insert("link", link);
                self.render("welcome", &context, to)
            }
            Mail::EmailVerification { to, verify } => {
                let context = verification_context(&Reader::of(to), verify);
                self.render("email_verification", &context, to)
            }
            Mail::PasswordReset {
                to,
                link,
                expires_at,
            } => {
                let reader = Reader::of(to);
                let mut context = reader.context();
                context.insert("name", to.name.as_str());
                context.insert("link", link);
                context.insert("expires", &reader.local(*expires_at));
                context.insert("zone", &zone_label(to.zone, *expires_at));
                self.render("password_reset", &context, to)
            }
            Mail::ReviewRequest {
                details,
                review_link,
                opt_out_link,
            } => {
                let customer = &details.customer;
                let reader = Reader::of(customer);
                let end = details.event.appointment.session.end();
                let mut context = appointment_context(&reader, details, Recipient::Customer);
                context.insert("closes", &reader.day(end + REVIEW_WINDOW));
                context.insert("review_link", review_link);
                context.insert("opt_out_link", opt_out_link);
                let mut message = self.render("review_request", &context, customer)?;
                message.unsubscribe = Some(opt_out_link.clone());
                Ok(message)
            }
            Mail::CalendarClosing {
                to,
                calendar_id,
                reason,
                share_with,
                link,
            } => {
                let mut context = Reader::of(to).context();
                context.insert("name", to.name.as_str());
                context.insert("calendar_id", calendar_id);
                context.insert("access_gone", &(*reason == ClosingReason::AccessGone));
                context.insert("share_with", share_with);
                context.insert("link", link);
                self.render("calendar_closing", &context, to)
            }
            Mail::MoveProposed { details, start } => {
                self.move_mail("move_proposed", details, *start, Recipient::Customer)
            }
            Mail::MoveDeclined { details, start } => {
                self.move_mail("move_declined", details, *start, Recipient::Provider)
            }
            Mail::WebhookDisabled {
                to,
                url,
                reason,
                link,
            } => {
                let mut context = Reader::of(to).context();
                context.insert("name", to.name.as_str());
                context.insert("url", url);
                context.insert("reason", reason);
                context.insert("link", link);
                self.render("webhook_disabled", &context, to)
            }
        }
    }
}

/// What the mails carrying a verification link say: the name, the address, the link and
/// when it expires.
fn verification_context(reader: &Reader<'_>, verify: &VerifyLink) -> Context {
    let to = reader.user;
    let mut context = reader.context();
    context.insert("name", to.name.as_str());
    context.insert("email", to.email.as_str());
    context.insert("verify_link", &verify.url);
    context.insert("verify_expires", &reader.local(verify.expires_at));
    context.insert("zone", &zone_label(to.zone, verify.expires_at));
    context
}

/// Who reads a mail about `details` as `recipient`, and who the other party is.
fn parties(details: &AppointmentDetails, recipient: Recipient) -> (&User, &User) {
    match recipient {
        Recipient::Customer => (&details.customer, &details.provider),
        Recipient::Provider => (&details.provider, &details.customer),
    }
}

/// What every mail about an appointment names, for `recipient`: both names, the service, and
/// the time in the recipient's zone with the zone named.
fn appointment_context(
    reader: &Reader<'_>,
    details: &AppointmentDetails,
    recipient: Recipient,
) -> Context {
    let (_, other) = parties(details, recipient);
    let session = details.event.appointment.session;
    let mut context = reader.context();
    context.insert("recipient_name", reader.user.name.as_str());
    context.insert("other_name", &catalogue::name_of(&reader.language, other));
    context.insert("service", details.service.name.as_str());
    context.insert("when", &reader.span(session.start(), session.end()));
    context.insert("zone", &zone_label(reader.user.zone, session.start()));
    context
}

/// The invitation's wording in the reader's calendar.
fn entry_text(details: &AppointmentDetails, recipient: Recipient) -> ical::EntryText {
    match recipient {
        Recipient::Customer => ical::EntryText {
            summary: calendar_text::customer_title(details),
            description: calendar_text::customer_description(details),
        },
        Recipient::Provider => ical::EntryText {
            summary: calendar_text::provider_title(details),
            description: calendar_text::provider_description(details),
        },
    }
}

/// The person a mail is for: their zone, their language and its formats.
struct Reader<'a> {
    user: &'a User,
    language: Language,
    format: &'static LocalFormat,
}

impl<'a> Reader<'a> {
    fn of(user: &'a User) -> Self {
        let language = catalogue::language_of(user);
        let format = LocalFormat::of(&language);
        Self {
            user,
            language,
            format,
        }
    }

    /// A context in the reader's language (`lang`, which `t()` reads).
    fn context(&self) -> Context {
        let mut context = Context::new();
        context.insert("lang", self.language.as_str());
        context
    }

    /// `Tuesday, 2 June 2026`: the day of `instant` in the reader's zone.
    fn day(&self, instant: DateTime<Utc>) -> String {
        self.format.date(self.user.zone.date_of(instant))
    }

    /// `Tuesday, 2 June 2026 at 12:00` on the reader's wall clock.
    fn local(&self, instant: DateTime<Utc>) -> String {
        self.format.date_time(self.user.zone.wall_clock(instant))
    }

    /// `Tuesday, 2 June 2026 at 12:00–13:00`, or both full times when the end is another
    /// local day.
    fn span(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        let zone = self.user.zone;
        if zone.date_of(start) == zone.date_of(end) {
            let end = self.format.time(zone.wall_clock(end).time());
            format!("{}\u{2013}{end}", self.local(start))
        } else {
            format!("{} \u{2013} {}", self.local(start), self.local(end))
        }
    }
}

/// `Europe/Paris, CEST`: the IANA name and the abbreviation in force at `instant`.
fn zone_label(zone: Zone, instant: DateTime<Utc>) -> String {
    format!("{}, {}", zone.name(), zone.abbreviation(instant))
}

/// Who cancelled, as the reader sees it: the selector of the catalogue's wording.
fn cancelled_by(by: Party, reader: Recipient) -> &'static str {
    match (by, reader) {
        (Party::Customer, Recipient::Customer) | (Party::Provider, Recipient::Provider) => "you",
        (Party::Customer, Recipient::Provider) => "customer",
        (Party::Provider, Recipient::Customer) => "provider",
        (Party::Staff, _) => "staff",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use application::AppointmentEvent;
    use domain::{
        Appointment, AppointmentId, Buffers, Description, Email, PersonName, Price, Role, Service,
        ServiceDuration, ServiceId, ServiceName, TimeRange, Timing, UserId,
    };
    use icalendar::{Calendar, CalendarComponent, Component};
    use uuid::Uuid;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn user(n: u128, role: Role, name: &str, zone: &str) -> User {
        User {
            id: UserId::from_uuid(Uuid::from_u128(n)),
            email: Email::parse(&format!("{}@example.org", role.as_str())).unwrap(),
            name: PersonName::parse(name).unwrap(),
            role,
            zone: Zone::parse(zone).unwrap(),
            phone: None,
            calendar_email: None,
            photo: None,
            email_verified_at: None,
            review_requests: true,
            language: None,
            privacy_consent: None,
            active: true,
            created_at: utc("2026-01-01T00:00:00Z"),
            erased_at: None,
        }
    }

    fn details(kind: ChangeKind, revision: u32) -> AppointmentDetails {
        let customer = user(1, Role::Customer, "Ann <Customer>", "America/New_York");
        let provider = user(2, Role::Provider, "Bob Barber", "Europe/Paris");
        let session =
            TimeRange::new(utc("2026-06-02T10:00:00Z"), utc("2026-06-02T11:00:00Z")).unwrap();
        let service = Service {
            id: ServiceId::from_uuid(Uuid::from_u128(3)),
            provider: provider.id,
            category: None,
            name: ServiceName::parse("Haircut").unwrap(),
            description: Description::parse("").unwrap(),
            timing: Timing {
                duration: ServiceDuration::from_minutes(60).unwrap(),
                buffers: Buffers::default(),
            },
            price: Price::new(2500, "EUR").unwrap(),
            capacity: domain::Capacity::ONE,
            policy: None,
            active: true,
            image: None,
        };
        let appointment = Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(4)),
            service: service.id,
            provider: provider.id,
            customer: customer.id,
            session,
            blocked: session,
            status: if matches!(kind, ChangeKind::Cancelled { .. }) {
                AppointmentStatus::Cancelled
            } else {
                AppointmentStatus::Confirmed
            },
            note: Some(Note::parse("Short on the sides").unwrap()),
            created_at: utc("2026-06-01T08:00:00Z"),
            revision,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        };
        AppointmentDetails {
            event: AppointmentEvent::new(kind, &appointment, utc("2026-06-01T08:00:00Z")),
            service,
            customer,
            provider,
            link: "https://book.example.org/appointments/4".into(),
            roster: None,
        }
    }

    fn composer() -> TeraMailComposer {
        TeraMailComposer::new(Organizer {
            email: "noreply@book.example.org".into(),
            name: "Book Your Services".into(),
        })
        .unwrap()
    }

    fn compose(details: AppointmentDetails, recipient: Recipient) -> EmailMessage {
        composer()
            .compose(&Mail::Appointment {
                details: Box::new(details),
                recipient,
            })
            .unwrap()
    }

    fn parsed_event(message: &EmailMessage) -> (Calendar, icalendar::Event) {
        let ics = &message.invitation.as_ref().unwrap().ics;
        let calendar: Calendar = ics.parse().unwrap();
        let event = calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .unwrap();
        (calendar, event)
    }

    #[test]
    fn each_side_reads_the_time_in_their_own_zone_with_the_zone_named() {
        let customer = compose(details(ChangeKind::Booked, 0), Recipient::Customer);
        assert_eq!(
            customer.subject,
            "Booked: Haircut with Bob Barber, Tuesday, 2 June 2026 at 06:00\u{2013}07:00 (America/New_York)"
        );
        assert!(customer.text.contains("America/New_York, EDT"));
        assert_eq!(customer.to.email.as_str(), "customer@example.org");

        let provider = compose(details(ChangeKind::Booked, 0), Recipient::Provider);
        assert!(
            provider
                .subject
                .starts_with("New booking: Haircut with Ann <Customer>")
        );
        assert!(
            provider
                .text
                .contains("Tuesday, 2 June 2026 at 12:00\u{2013}13:00")
        );
        assert!(provider.html.contains("Europe/Paris, CEST"));
    }

    #[test]
    fn both_parts_link_back_to_the_appointment_and_html_is_escaped() {
        let message = compose(details(ChangeKind::Booked, 0), Recipient::Provider);
        assert!(
            message
                .text
                .contains("https://book.example.org/appointments/4")
        );
        assert!(
            message
                .html
                .contains("href=\"https://book.example.org/appointments/4\"")
        );
        assert!(message.text.contains("Ann <Customer> booked Haircut"));
        assert!(message.html.contains("Ann &lt;Customer&gt;"));
        assert!(!message.html.contains("Ann <Customer>"));
    }

    #[test]
    fn a_new_appointment_comes_with_a_request_invitation_in_utc() {
        let message = compose(details(ChangeKind::Booked, 0), Recipient::Customer);
        assert_eq!(
            message.invitation.as_ref().unwrap().method,
            InvitationMethod::Request
        );
        let (calendar, event) = parsed_event(&message);
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        assert_eq!(
            event.get_uid(),
            Some("00000000-0000-0000-0000-000000000004@book-your-services")
        );
        assert_eq!(event.get_sequence(), Some(0));
        assert_eq!(event.property_value("DTSTART"), Some("20260602T100000Z"));
        assert_eq!(event.property_value("DTEND"), Some("20260602T110000Z"));
        assert_eq!(event.get_timestamp(), Some(utc("2026-06-01T08:00:00Z")));
        assert_eq!(event.get_summary(), Some("Haircut with Bob Barber"));
    }

    #[test]
    fn a_moved_appointment_names_the_old_time_and_updates_the_same_event() {
        let from =
            TimeRange::new(utc("2026-06-01T14:00:00Z"), utc("2026-06-01T15:00:00Z")).unwrap();
        let message = compose(
            details(ChangeKind::Rescheduled { from }, 1),
            Recipient::Customer,
        );
        assert!(message.subject.starts_with("Moved: "));
        assert!(
            message
                .text
                .contains("Was:   Monday, 1 June 2026 at 10:00\u{2013}11:00")
        );
        let (calendar, event) = parsed_event(&message);
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        assert_eq!(event.get_sequence(), Some(1));
        assert_eq!(
            event.get_uid(),
            Some("00000000-0000-0000-0000-000000000004@book-your-services")
        );
    }

    #[test]
    fn a_cancellation_says_who_cancelled_and_cancels_the_event() {
        let kind = ChangeKind::Cancelled {
            by: Party::Customer,
            reason: Some(Note::parse("Feeling ill").unwrap()),
        };
        let provider = compose(details(kind.clone(), 2), Recipient::Provider);
        assert!(provider.subject.starts_with("Cancelled: "));
        assert!(provider.text.contains("was cancelled by the customer."));
        assert!(provider.text.contains("Reason: Feeling ill"));
        let customer = compose(details(kind, 2), Recipient::Customer);
        assert!(customer.text.contains("was cancelled by you."));
        let (calendar, event) = parsed_event(&customer);
        assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
        assert_eq!(event.get_sequence(), Some(2));
    }

    #[test]
    fn a_place_in_a_class_invites_its_customer_but_not_the_provider_once_per_place() {
        let mut place = details(ChangeKind::Booked, 0);
        place.service.capacity = domain::Capacity::new(12).unwrap();
        let customer = compose(place.clone(), Recipient::Customer);
        assert!(customer.invitation.is_some());
        let provider = compose(place, Recipient::Provider);
        assert_eq!(provider.invitation, None);
    }

    #[test]
    fn a_reminder_has_no_invitation() {
        let message = compose(details(ChangeKind::Reminder, 0), Recipient::Customer);
        assert!(
            message
                .subject
                .starts_with("Reminder: Haircut with Bob Barber")
        );
        assert_eq!(message.invitation, None);
    }

    #[test]
    fn a_review_request_asks_the_customer_with_the_closing_day_and_an_opt_out() {
        let message = composer()
            .compose(&Mail::ReviewRequest {
                details: Box::new(details(ChangeKind::Completed, 1)),
                review_link: "https://book.example.org/appointments/4/review".into(),
                opt_out_link: "https://book.example.org/unsubscribe/review-requests/t".into(),
            })
            .unwrap();
        assert_eq!(message.to.name.as_str(), "Ann <Customer>");
        assert_eq!(message.subject, "How was Haircut with Bob Barber?");
        for part in [&message.text, &message.html] {
            assert!(part.contains("https://book.example.org/appointments/4/review"));
            assert!(part.contains("https://book.example.org/unsubscribe/review-requests/t"));
            // 90 days after the end, in the customer's zone.
            assert!(part.contains("Monday, 31 August 2026"));
        }
        assert!(
            message
                .text
                .contains("Tuesday, 2 June 2026 at 06:00\u{2013}07:00")
        );
        assert!(message.html.contains("Ann &lt;Customer&gt;"));
        assert_eq!(
            message.unsubscribe.as_deref(),
            Some("https://book.example.org/unsubscribe/review-requests/t")
        );
        assert_eq!(message.invitation, None);
    }

    #[test]
    fn a_reset_mail_carries_the_link_and_its_expiry_in_the_users_zone() {
        let to = user(1, Role::Customer, "Ann", "America/New_York");
        let message = composer()
            .compose(&Mail::PasswordReset {
                to,
                link: "https://book.example.org/reset-password/abc".into(),
                expires_at: utc("2026-06-01T09:00:00Z"),
            })
            .unwrap();
        assert_eq!(message.subject, "Reset your Book Your Services password");
        assert!(
            message
                .text
                .contains("https://book.example.org/reset-password/abc")
        );
        assert!(
            message
                .text
                .contains("Monday, 1 June 2026 at 05:00 (America/New_York, EDT)")
        );
        assert_eq!(message.invitation, None);
    }

    #[test]
    fn a_closing_calendar_mail_names_the_calendar_and_what_to_do() {
        let to = user(2, Role::Provider, "Bob", "Europe/Paris");
        let closing = |reason| {
            composer()
                .compose(&Mail::CalendarClosing {
                    to: to.clone(),
                    calendar_id: "bob@gmail.com".into(),
                    reason,
                    share_with: "bys@project.iam.gserviceaccount.com".into(),
                    link: "https://book.example.org/account".into(),
                })
                .unwrap()
        };
        let unshared = closing(ClosingReason::AccessGone);
        assert_eq!(
            unshared.subject,
            "Your calendar bob@gmail.com closed your booking slots"
        );
        for part in [&unshared.text, &unshared.html] {
            assert!(part.contains("no longer shared with bys@project.iam.gserviceaccount.com"));
            assert!(part.contains("https://book.example.org/account"));
        }
        let stale = closing(ClosingReason::Stale);
        assert!(stale.text.contains("have not been able to read"));
        assert!(!stale.text.contains("no longer shared"));
        // CalDAV: nothing is shared; the provider's login stopped working.
        let refused = composer()
            .compose(&Mail::CalendarClosing {
                to: to.clone(),
                calendar_id: "https://dav.example/bob/work/".into(),
                reason: ClosingReason::AccessGone,
                share_with: String::new(),
                link: "https://book.example.org/account".into(),
            })
            .unwrap();
        for part in [&refused.text, &refused.html] {
            assert!(part.contains("no longer accepts the login"));
            assert!(!part.contains("no longer shared"));
        }
    }

    #[test]
    fn a_disabled_webhook_mail_names_the_endpoint_the_reason_and_where_to_enable_it() {
        let to = user(2, Role::Provider, "Bob", "Europe/Paris");
        let message = composer()
            .compose(&Mail::WebhookDisabled {
                to,
                url: "https://crm.example.org/in?a=1&b=2".into(),
                reason: "10 failed attempts in a row".into(),
                link: "https://book.example.org/account/webhooks/1".into(),
            })
            .unwrap();
        assert_eq!(message.subject, "Your webhook endpoint was disabled");
        for part in [&message.text, &message.html] {
            assert!(part.contains("10 failed attempts in a row"));
            assert!(part.contains("https://book.example.org/account/webhooks/1"));
        }
        assert!(message.html.contains("a=1&amp;b=2"));
    }

    fn verify_link() -> VerifyLink {
        VerifyLink {
            url: "https://book.example.org/account/verify/abc".into(),
            expires_at: utc("2026-06-03T08:00:00Z"),
        }
    }

    #[test]
    fn a_welcome_mail_greets_by_name_and_carries_the_verification_link() {
        let to = user(1, Role::Customer, "Ann", "Europe/Paris");
        let message = composer()
            .compose(&Mail::Welcome {
                to,
                link: "https://book.example.org/".into(),
                verify: verify_link(),
            })
            .unwrap();
        assert_eq!(message.subject, "Welcome to Book Your Services, Ann");
        assert!(message.html.contains("href=\"https://book.example.org/\""));
        for part in [&message.text, &message.html] {
            assert!(part.contains("https://book.example.org/account/verify/abc"));
            assert!(part.contains("Wednesday, 3 June 2026 at 10:00"));
            assert!(part.contains("Europe/Paris, CEST"));
        }
    }

    #[test]
    fn a_verification_mail_names_the_address_and_carries_the_link() {
        let to = user(1, Role::Customer, "Ann", "UTC");
        let email = to.email.clone();
        let message = composer()
            .compose(&Mail::EmailVerification {
                to,
                verify: verify_link(),
            })
            .unwrap();
        assert_eq!(
            message.subject,
            "Confirm your email address for Book Your Services"
        );
        assert_eq!(message.to.email, email);
        assert!(message.text.contains(email.as_str()));
        assert!(
            message
                .html
                .contains("href=\"https://book.example.org/account/verify/abc\"")
        );
        assert!(
            message
                .text
                .contains("Wednesday, 3 June 2026 at 08:00 (UTC")
        );
        assert_eq!(message.invitation, None);
    }

    #[allow(clippy::too_many_lines, reason = "one entry per kind of mail")]
    /// Every kind of mail, for a reader of `language` (the customer, or the provider for
    /// provider mails).
    fn every_mail(language: &str) -> Vec<(&'static str, Mail)> {
        let speaking = |mut details: AppointmentDetails| {
            let tag = Some(Language::parse(language).unwrap());
            details.customer.language.clone_from(&tag);
            details.provider.language = tag;
            Box::new(details)
        };
        let mut to = user(1, Role::Provider, "Bob", "Europe/Paris");
        to.language = Some(Language::parse(language).unwrap());
        let moved = ChangeKind::Rescheduled {
            from: TimeRange::new(utc("2026-06-01T08:00:00Z"), utc("2026-06-01T09:00:00Z")).unwrap(),
        };
        let appointment = |kind: ChangeKind, recipient| Mail::Appointment {
            details: speaking(details(kind, 1)),
            recipient,
        };
        vec![
            (
                "booked-customer",
                appointment(ChangeKind::Booked, Recipient::Customer),
            ),
            (
                "booked-provider",
                appointment(ChangeKind::Booked, Recipient::Provider),
            ),
            ("rescheduled", appointment(moved, Recipient::Customer)),
            (
                "cancelled",
                Mail::Appointment {
                    details: speaking(details(
                        ChangeKind::Cancelled {
                            by: Party::Provider,
                            reason: Some(Note::parse("Ill").unwrap()),
                        },
                        2,
                    )),
                    recipient: Recipient::Customer,
                },
            ),
            (
                "reminder",
                appointment(ChangeKind::Reminder, Recipient::Customer),
            ),
            (
                "hold-offered",
                appointment(
                    ChangeKind::HoldOffered {
                        until: utc("2026-06-01T12:00:00Z"),
                    },
                    Recipient::Customer,
                ),
            ),
            (
                "welcome",
                Mail::Welcome {
                    to: to.clone(),
                    link: "https://book.example.org/".into(),
                    verify: verify_link(),
                },
            ),
            (
                "email-verification",
                Mail::EmailVerification {
                    to: to.clone(),
                    verify: verify_link(),
                },
            ),
            (
                "password-reset",
                Mail::PasswordReset {
                    to: to.clone(),
                    link: "https://book.example.org/reset-password/abc".into(),
                    expires_at: utc("2026-06-01T09:00:00Z"),
                },
            ),
            (
                "review-request",
                Mail::ReviewRequest {
                    details: speaking(details(ChangeKind::Completed, 1)),
                    review_link: "https://book.example.org/appointments/4/review".into(),
                    opt_out_link: "https://book.example.org/unsubscribe/review-requests/t".into(),
                },
            ),
            (
                "calendar-closing",
                Mail::CalendarClosing {
                    to: to.clone(),
                    calendar_id: "bob@gmail.com".into(),
                    reason: ClosingReason::AccessGone,
                    share_with: "bys@project.iam.gserviceaccount.com".into(),
                    link: "https://book.example.org/account".into(),
                },
            ),
            (
                "move-proposed",
                Mail::MoveProposed {
                    details: speaking(details(ChangeKind::Confirmed, 1)),
                    start: utc("2026-06-02T14:00:00Z"),
                },
            ),
            (
                "move-declined",
                Mail::MoveDeclined {
                    details: speaking(details(ChangeKind::Confirmed, 1)),
                    start: utc("2026-06-02T14:00:00Z"),
                },
            ),
            (
                "webhook-disabled",
                Mail::WebhookDisabled {
                    to,
                    url: "https://crm.example.org/in".into(),
                    reason: "410 Gone".into(),
                    link: "https://book.example.org/account/webhooks/1".into(),
                },
            ),
        ]
    }

    #[test]
    fn every_mail_reads_in_each_language() {
        for language in ["en", "de", "fr", "es"] {
            for (name, mail) in every_mail(language) {
                let message = composer().compose(&mail).unwrap();
                assert!(
                    message.html.contains(&format!("lang=\"{language}\"")),
                    "{name} {language}"
                );
                insta::assert_snapshot!(
                    format!("{name}-{language}"),
                    format!("Subject: {}\n\n{}", message.subject, message.text)
                );
            }
        }
    }

    #[test]
    fn the_customer_and_the_provider_each_read_their_own_language() {
        let mut both = details(ChangeKind::Booked, 1);
        both.customer.language = Some(Language::parse("de").unwrap());
        both.provider.language = Some(Language::parse("fr").unwrap());
        let customer = compose(both.clone(), Recipient::Customer);
        let provider = compose(both, Recipient::Provider);
        assert!(
            customer.subject.starts_with("Gebucht"),
            "{}",
            customer.subject
        );
        assert!(
            customer.text.contains("Dienstag, 2. Juni 2026 um 06:00"),
            "{}",
            customer.text
        );
        assert!(
            provider.subject.starts_with("Nouvelle réservation"),
            "{}",
            provider.subject
        );
        assert!(
            provider.text.contains("mardi 2 juin 2026 à 12:00"),
            "{}",
            provider.text
        );
        let invitation = provider.invitation.unwrap().ics;
        assert!(
            invitation.contains("SUMMARY:Haircut avec Ann <Customer>"),
            "{invitation}"
        );
    }

    #[test]
    fn an_erased_customer_is_named_by_the_pseudonym_in_the_provider_s_language() {
        let kind = ChangeKind::Cancelled {
            by: Party::Customer,
            reason: None,
        };
        let mut erased = details(kind, 2);
        erased.customer.name = User::erased_name(Role::Customer);
        erased.customer.erased_at = Some(utc("2026-06-01T09:00:00Z"));
        erased.provider.language = Some(Language::parse("de").unwrap());
        let provider = compose(erased.clone(), Recipient::Provider);
        assert!(
            provider.subject.contains("Gelöschter Kunde"),
            "{}",
            provider.subject
        );
        assert!(
            !provider.text.contains("Deleted customer"),
            "{}",
            provider.text
        );
        assert!(
            crate::calendar_text::provider_title(&erased).contains("Gelöschter Kunde"),
            "{}",
            crate::calendar_text::provider_title(&erased)
        );
    }
}
