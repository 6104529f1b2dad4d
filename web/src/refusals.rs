//! Why a use case refused, as a sentence in the reader's language: one wording for the pages
//! and the API (catalogue `handlers-booking.ftl`, `handlers-account.ftl`, `admin.ftl`).

use application::admin::{AdminError, AdminRefusal};
use application::join_waitlist::WaitlistError;
use application::manage_webhooks::ManageWebhookError;
use application::ports::ImageRejection;
use application::search_services::SearchServicesError;
use domain::{
    BookingRejection, Language, LifecycleError, PolicyError, PriceError, ReviewError,
    ScheduleError, SeriesError, ServiceError, TextError, UnknownZone, UserError, WaitWindow,
    WaitWindowError, WebhookError,
};
use fluent_templates::fluent_bundle::FluentValue;

use crate::failure::sentence;
use crate::present::{arg, number_arg, say, say_with};

/// A field's parse error as a sentence in a language.
pub trait Said {
    /// The message in `language`.
    fn said(&self, language: &Language) -> String;
}

impl Said for TextError {
    fn said(&self, language: &Language) -> String {
        text_error(language, self)
    }
}

impl Said for UserError {
    fn said(&self, language: &Language) -> String {
        user_error(language, self)
    }
}

impl Said for UnknownZone {
    fn said(&self, language: &Language) -> String {
        zone_error(language, self)
    }
}

/// Why a booking or a move to a new time was refused, as a sentence in `language`.
pub fn rejection(language: &Language, e: &BookingRejection) -> String {
    match *e {
        BookingRejection::InPast => say(language, "h-book-err-in-past"),
        BookingRejection::TooSoon { minutes } => say_with(
            language,
            "h-book-err-too-soon",
            [("minutes", number_arg(minutes))],
        ),
        BookingRejection::TooFarAhead { days } => {
            say_with(language, "h-book-err-too-far", [("days", number_arg(days))])
        }
        BookingRejection::OutsideHours => say(language, "h-book-err-outside-hours"),
        BookingRejection::OffGrid { step_minutes } => say_with(
            language,
            "h-book-err-off-grid",
            [("minutes", number_arg(step_minutes))],
        ),
        BookingRejection::SlotTaken => say(language, "h-book-err-slot-taken"),
        BookingRejection::ClassFull { places } => say_with(
            language,
            "h-book-err-class-full",
            [("places", number_arg(places))],
        ),
        BookingRejection::OneClassAtATime => say(language, "h-book-err-one-class"),
        BookingRejection::OwnService => say(language, "h-book-err-own-service"),
        BookingRejection::Unavailable => say(language, "h-book-err-unavailable"),
    }
}

/// Why a step in an appointment's life was refused, as a sentence in `language`.
pub fn lifecycle(language: &Language, e: &LifecycleError) -> String {
    match e {
        LifecycleError::Closed(status) => say_with(
            language,
            "h-book-err-closed",
            [("status", arg(&status.as_str().replace('_', "-")))],
        ),
        LifecycleError::AlreadyConfirmed => say(language, "h-book-err-already-confirmed"),
        LifecycleError::OnHold => say(language, "h-book-err-on-hold"),
        LifecycleError::NotOnHold => say(language, "h-book-err-not-on-hold"),
        LifecycleError::TooLateToChange { hours } => say_with(
            language,
            "h-book-err-too-late",
            [("hours", number_arg(*hours))],
        ),
        LifecycleError::AlreadyStarted => say(language, "h-book-err-started"),
        LifecycleError::NotStarted => say(language, "h-book-err-not-started"),
        LifecycleError::Rejected(rejection_) => rejection(language, rejection_),
        // Stored data the code does not know: a bug, not something a reader can act on.
        LifecycleError::UnknownStatus(_) | LifecycleError::UnknownParty(_) => {
            sentence(&e.to_string())
        }
    }
}

/// A rejected piece of text as a sentence in `language` (`Name is required.`).
pub fn text_error(language: &Language, error: &TextError) -> String {
    let (TextError::Missing { field }
    | TextError::Length { field, .. }
    | TextError::ControlCharacters { field }) = error;
    let field = match *field {
        "name" => "name",
        "description" => "description",
        "category name" => "category-name",
        _ => return free_text_error(language, error),
    };
    match error {
        TextError::Missing { .. } => say(language, &format!("h-acct-text-{field}-missing")),
        TextError::Length { min, max, .. } => say_with(
            language,
            &format!("h-acct-text-{field}-length"),
            [("min", arg(min)), ("max", arg(max))],
        ),
        TextError::ControlCharacters { .. } => {
            say(language, &format!("h-acct-text-{field}-control"))
        }
    }
}

/// Why a free text (a note, review, reply or reason) was refused, as a sentence in `language`.
fn free_text_error(language: &Language, e: &TextError) -> String {
    let (TextError::Missing { field }
    | TextError::Length { field, .. }
    | TextError::ControlCharacters { field }) = *e;
    if !matches!(field, "note" | "review" | "reply" | "reason") {
        return sentence(&e.to_string());
    }
    match *e {
        TextError::Missing { .. } => {
            say_with(language, "h-book-text-missing", [("field", arg(&field))])
        }
        TextError::Length { min, max, .. } => say_with(
            language,
            "h-book-text-length",
            [
                ("field", arg(&field)),
                ("min", FluentValue::from(min)),
                ("max", FluentValue::from(max)),
            ],
        ),
        TextError::ControlCharacters { .. } => {
            say_with(language, "h-book-text-control", [("field", arg(&field))])
        }
    }
}

/// A refused repetition of a series, as a sentence in `language`.
pub fn series_error(language: &Language, e: &SeriesError) -> String {
    say(
        language,
        match e {
            SeriesError::Interval => "h-book-series-interval",
            SeriesError::Count => "h-book-series-count",
        },
    )
}

/// A refused price or currency, as a sentence in `language`.
pub fn price_error(language: &Language, e: &PriceError) -> String {
    match e {
        PriceError::UnknownCurrency(raw) => say_with(
            language,
            "h-acct-service-currency-unknown",
            [("value", arg(&format!("{raw:?}")))],
        ),
        PriceError::OutOfRange { .. } => say(language, "h-acct-service-price-invalid"),
    }
}

/// A refused waiting window, as a sentence in `language`.
pub fn wait_window_error(language: &Language, e: &WaitWindowError) -> String {
    match e {
        WaitWindowError::DaysBackwards => say(language, "h-book-waitlist-days-backwards"),
        WaitWindowError::TooLong => say_with(
            language,
            "h-book-waitlist-too-long",
            [("days", number_arg(WaitWindow::MAX_DAYS))],
        ),
        WaitWindowError::TimesBackwards => say(language, "h-book-waitlist-times-backwards"),
    }
}

/// A time zone name that is not one, as a sentence in `language`.
pub fn zone_error(language: &Language, e: &UnknownZone) -> String {
    say_with(
        language,
        "h-book-err-unknown-zone",
        [("zone", arg(&format!("{:?}", e.0)))],
    )
}

/// Rejected account data as a sentence in `language`.
pub fn user_error(language: &Language, error: &UserError) -> String {
    match error {
        UserError::Email(raw) => say_with(
            language,
            "h-acct-user-email",
            [("value", arg(&format!("{raw:?}")))],
        ),
        UserError::Phone => say(language, "h-acct-user-phone"),
        UserError::PasswordLength { min, max } => say_with(
            language,
            "h-acct-user-password-length",
            [("min", arg(min)), ("max", arg(max))],
        ),
        UserError::UnknownRole(raw) => say_with(
            language,
            "h-acct-user-unknown-role",
            [("value", arg(&format!("{raw:?}")))],
        ),
        UserError::Text(e) => text_error(language, e),
    }
}

/// A service's rejected timing or capacity as a sentence in `language`.
pub fn service_error(language: &Language, error: &ServiceError) -> String {
    let (key, value) = match error {
        ServiceError::Duration(v) => ("h-acct-service-duration-range", v),
        ServiceError::Buffer(v) => ("h-acct-service-buffer-range", v),
        ServiceError::Capacity(v) => ("h-acct-service-capacity-range", v),
    };
    say_with(language, key, [("value", arg(value))])
}

/// Why a policy was refused, as a sentence in `language`.
pub fn policy_error(language: &Language, e: &PolicyError) -> String {
    let key = match e {
        PolicyError::SlotStep(minutes) => {
            return say_with(
                language,
                "h-book-policy-step-invalid",
                [("minutes", number_arg(*minutes))],
            );
        }
        PolicyError::Bounds("the minimum notice can be at most 30 days") => {
            "h-book-policy-notice-max"
        }
        PolicyError::Bounds("the change cut-off can be at most 30 days") => {
            "h-book-policy-cutoff-max"
        }
        PolicyError::Bounds("bookings must be allowed between 1 and 730 days ahead") => {
            "h-book-policy-horizon-range"
        }
        PolicyError::Bounds(
            "the minimum notice must be shorter than how far ahead bookings are allowed",
        ) => "h-book-policy-notice-horizon",
        PolicyError::Bounds("a freed place can be held for 15 minutes to 3 days") => {
            "h-book-policy-hold-range"
        }
        PolicyError::Bounds(_) => return sentence(&e.to_string()),
    };
    say(language, key)
}

/// Rejected hours as a sentence in `language`.
pub fn schedule_error(language: &Language, error: &ScheduleError) -> String {
    match error {
        ScheduleError::Time(raw) => say_with(
            language,
            "h-acct-schedule-not-a-time",
            [("value", arg(&format!("{raw:?}")))],
        ),
        ScheduleError::EndNotAfterStart { start, end } => say_with(
            language,
            "h-acct-schedule-end-not-after-start",
            [("start", arg(start)), ("end", arg(end))],
        ),
        ScheduleError::Overlap { first, second } => say_with(
            language,
            "h-acct-schedule-overlap",
            [("first", arg(first)), ("second", arg(second))],
        ),
        ScheduleError::TooManyIntervals(max) => say_with(
            language,
            "h-acct-schedule-too-many-intervals",
            [("max", arg(max))],
        ),
    }
}

/// A refused webhook setting as a sentence in `language`.
pub fn webhook_error(language: &Language, error: &WebhookError) -> String {
    match error {
        WebhookError::Url(why) => {
            let key = match *why {
                "is longer than 2000 characters" => "h-acct-webhook-url-too-long",
                "is not a valid URL" => "h-acct-webhook-url-invalid",
                "must start with https:// or http://" => "h-acct-webhook-url-scheme",
                "has no host" => "h-acct-webhook-url-no-host",
                "must not carry a user name or password" => "h-acct-webhook-url-credentials",
                _ => return sentence(&error.to_string()),
            };
            say(language, key)
        }
        WebhookError::UnknownEvent(raw) => say_with(
            language,
            "h-acct-webhook-unknown-event",
            [("value", arg(&format!("{raw:?}")))],
        ),
        WebhookError::NoEvents => say(language, "h-acct-webhook-no-events"),
        WebhookError::Secret => say(language, "h-acct-webhook-secret"),
        WebhookError::Text(e) => text_error(language, e),
    }
}

/// A URL the use case refused to send to, as a sentence in `language`.
pub fn target_refused(language: &Language, error: &ManageWebhookError) -> String {
    match error {
        // The reason comes from the address guard, in English; a full stop ends it.
        ManageWebhookError::Refused(why) => sentence(&say_with(
            language,
            "h-acct-webhook-url-refused",
            [("reason", arg(&why.0))],
        )),
        other => sentence(&other.to_string()),
    }
}

/// Why a search was refused, as a sentence in `language`.
pub fn search_error(language: &Language, e: &SearchServicesError) -> String {
    match e {
        SearchServicesError::TextTooLong { max } => say_with(
            language,
            "h-book-err-search-too-long",
            [("max", FluentValue::from(*max))],
        ),
        SearchServicesError::NegativePrice => say(language, "h-book-err-negative-price"),
        SearchServicesError::PriceRangeInverted => say(language, "h-book-err-price-range"),
        SearchServicesError::Store(_) => sentence(&e.to_string()),
    }
}

/// Why joining or leaving a waitlist was refused, as a sentence in `language`.
pub fn waitlist_error(language: &Language, e: &WaitlistError) -> String {
    match e {
        WaitlistError::Forbidden => say(language, "h-book-waitlist-customers-only"),
        WaitlistError::NotFound => say(language, "h-book-waitlist-not-found"),
        WaitlistError::Unavailable => say(language, "h-book-err-unavailable"),
        WaitlistError::WindowOver => say(language, "h-book-waitlist-window-over"),
        WaitlistError::AlreadyWaiting => say(language, "h-book-waitlist-already"),
        WaitlistError::HoldOpen => say(language, "h-book-waitlist-hold-open"),
        WaitlistError::Store(_) => sentence(&e.to_string()),
    }
}

/// Why a review was refused, as a sentence in `language`.
pub fn review_error(language: &Language, e: &ReviewError) -> String {
    match e {
        ReviewError::NotTheCustomer => say(language, "h-book-review-not-customer"),
        ReviewError::NotCompleted(_) => say(language, "h-book-review-not-completed"),
        ReviewError::WindowClosed => say(language, "h-book-review-window-closed"),
        ReviewError::Stars => say(language, "h-book-review-stars"),
        ReviewError::AlreadyModerated(hidden) => say_with(
            language,
            "h-book-review-already-moderated",
            [("hidden", arg(&if *hidden { "yes" } else { "no" }))],
        ),
        ReviewError::Text(e) => text_error(language, e),
    }
}

/// An admin use case's refusal as a sentence in `language`.
pub fn admin_message(language: &Language, error: &AdminError) -> String {
    match error {
        AdminError::Invalid(refusal) | AdminError::Conflict(refusal) => {
            admin_refusal(language, refusal)
        }
        AdminError::Unavailable(_) => say(language, "h-admin-outside-service-failed"),
        AdminError::Forbidden => say(language, "problem-forbidden-role"),
        AdminError::NotFound => {
            say_with(language, "problem-not-found", [("what", "resource".into())])
        }
        AdminError::Store(_) => say(language, "problem-internal"),
    }
}

fn admin_refusal(language: &Language, refusal: &AdminRefusal) -> String {
    let key = match refusal {
        AdminRefusal::Appointment(e) => return lifecycle(language, e),
        AdminRefusal::Review(ReviewError::AlreadyModerated(true)) => {
            "h-admin-review-already-hidden"
        }
        AdminRefusal::Review(ReviewError::AlreadyModerated(false)) => {
            "h-admin-review-already-visible"
        }
        AdminRefusal::Review(e) => return review_error(language, e),
        AdminRefusal::OwnRole => "h-admin-own-role",
        AdminRefusal::EmailTaken => "h-admin-email-has-account",
        AdminRefusal::DeactivateYourself => "h-admin-deactivate-yourself",
        AdminRefusal::ResetInactive => "h-admin-reset-inactive",
        AdminRefusal::NotStaff => "h-admin-not-staff",
        AdminRefusal::CategoryNoSlug => "h-admin-category-no-slug",
        AdminRefusal::CategoryTaken => "h-admin-category-taken",
        AdminRefusal::CategoryUnavailable => "h-admin-category-unavailable",
        AdminRefusal::CalendarInUse => "h-admin-calendar-in-use",
        AdminRefusal::AppointmentChanged => "h-admin-appointment-changed",
        AdminRefusal::ClashesWithData => "h-admin-clashes-with-data",
        AdminRefusal::ChangedMeanwhile => "h-admin-changed-meanwhile",
    };
    say(language, key)
}

/// Why a photo was refused, in `language` (in English as the use case words it).
pub fn image_rejection(language: &Language, why: &ImageRejection) -> String {
    match why {
        ImageRejection::NotAnImage => say(language, "h-acct-photo-not-an-image"),
        ImageRejection::UnsupportedFormat(format) => say_with(
            language,
            "h-acct-photo-unsupported-format",
            [("format", arg(format))],
        ),
        ImageRejection::TooLarge { size, limit } => say_with(
            language,
            "h-acct-photo-too-large",
            [
                ("size", arg(&megabytes(*size))),
                ("limit", arg(&megabytes(*limit))),
            ],
        ),
        ImageRejection::TooManyPixels {
            width,
            height,
            limit_megapixels,
        } => say_with(
            language,
            "h-acct-photo-too-many-pixels",
            [
                ("width", arg(width)),
                ("height", arg(height)),
                ("limit", arg(limit_megapixels)),
            ],
        ),
        ImageRejection::Corrupt => say(language, "h-acct-photo-corrupt"),
    }
}

/// `bytes` in megabytes (10⁶ bytes) with one decimal, as the use case writes file sizes.
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use adapters::catalogue;
    use domain::{BookingPolicy, SlotStep};

    use super::*;

    #[test]
    fn refusals_read_in_english_as_the_domain_words_them() {
        use domain::AppointmentStatus;
        let en = catalogue::source_language();
        let rejections = [
            BookingRejection::InPast,
            BookingRejection::TooSoon { minutes: 60 },
            BookingRejection::TooFarAhead { days: 90 },
            BookingRejection::OutsideHours,
            BookingRejection::OffGrid { step_minutes: 15 },
            BookingRejection::SlotTaken,
            BookingRejection::ClassFull { places: 12 },
            BookingRejection::OneClassAtATime,
            BookingRejection::OwnService,
            BookingRejection::Unavailable,
        ];
        for e in &rejections {
            assert_eq!(rejection(&en, e), sentence(&e.to_string()));
        }
        let steps = [
            LifecycleError::Closed(AppointmentStatus::Cancelled),
            LifecycleError::Closed(AppointmentStatus::NoShow),
            LifecycleError::AlreadyConfirmed,
            LifecycleError::OnHold,
            LifecycleError::NotOnHold,
            LifecycleError::TooLateToChange { hours: 12 },
            LifecycleError::AlreadyStarted,
            LifecycleError::NotStarted,
            LifecycleError::Rejected(BookingRejection::SlotTaken),
        ];
        for e in &steps {
            assert_eq!(lifecycle(&en, e), sentence(&e.to_string()));
        }
        for field in ["note", "review", "reply", "reason"] {
            let texts = [
                TextError::Missing { field },
                TextError::Length {
                    field,
                    min: 3,
                    max: 1000,
                },
                TextError::ControlCharacters { field },
            ];
            for e in &texts {
                assert_eq!(text_error(&en, e), sentence(&e.to_string()));
            }
        }
        let zone = domain::Zone::parse("Mars/Olympus").unwrap_err();
        assert_eq!(zone_error(&en, &zone), sentence(&zone.to_string()));
    }

    #[test]
    fn every_policy_refusal_reads_as_before_in_english() {
        let en = catalogue::source_language();
        let policies = [
            BookingPolicy::new(50_000, 90, None, 0, true).unwrap_err(),
            BookingPolicy::new(0, 90, None, 50_000, true).unwrap_err(),
            BookingPolicy::new(0, 0, None, 0, true).unwrap_err(),
            BookingPolicy::new(2 * 24 * 60, 1, None, 0, true).unwrap_err(),
            BookingPolicy::default().with_hold_minutes(1).unwrap_err(),
            SlotStep::from_minutes(7).unwrap_err(),
        ];
        for e in policies {
            assert_eq!(policy_error(&en, &e), sentence(&e.to_string()));
        }
    }
}
