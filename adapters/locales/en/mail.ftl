# Mails (adapters/templates/mail/): each has a subject, a plain-text part and an HTML part.
#
# Plain-text messages keep their line breaks in the mail: wrap long ones at about 90
# characters. Dates, times and time zones ($when, $expires, $zone, …) arrive already written
# in the reader's language: do not add words for them other than the preposition.
# A link (URL) follows the messages that end with a colon in the plain-text part.
#
# The HTML parts show some values in bold or as links, which a message cannot contain: their
# sentences are cut into pieces (keys with "-html-") around those values. Each comment shows
# how the pieces are put together; **bold** marks a value shown in bold.
# A piece that has nothing in your language: write {""}.

## Appointment changes: booked, confirmed, moved, cancelled, reminders, waitlist places.
## Sent to the customer or to the provider; $other_name is the other side.

# Subject. $change says what happened:
#   provider_request: to the provider, a customer asked for a booking to confirm
#   provider_booked: to the provider, a customer booked
#   requested: to the customer, their request was sent to the provider
#   booked: to the customer, their booking is made
#   hold_offered: to the customer, a place they waited for is held for them
#   other: anything else (completed, no-show, waitlist place released…)
mail-appointment-subject = { $change ->
        [provider_request] Booking request
        [provider_booked] New booking
        [requested] Requested
        [booked] Booked
        [confirmed] Confirmed
        [rescheduled] Moved
        [cancelled] Cancelled
        [reminder] Reminder
        [hold_offered] A place freed up
       *[other] Updated
    }: { $service } with { $other_name }, { $when } ({ $zone_name })
mail-appointment-hello = Hello { $name },
# To the provider.
mail-appointment-booked-provider = { $other_name } booked { $service } with you.
# To the provider, after the previous sentence, when the booking waits for their confirmation.
mail-appointment-booked-provider-request = Please confirm or decline the request.
# To the customer.
mail-appointment-requested = Your request for { $service } with { $other_name } was sent. { $other_name } will confirm it.
# To the customer.
mail-appointment-booked = Your appointment for { $service } with { $other_name } is booked.
mail-appointment-confirmed = The appointment for { $service } with { $other_name } is confirmed.
mail-appointment-rescheduled = The appointment for { $service } with { $other_name } has moved.
# $cancelled_by: you (the reader), customer, provider (the other side), staff.
mail-appointment-cancelled = The appointment for { $service } with { $other_name } was cancelled by { $cancelled_by ->
        [you] you
        [customer] the customer
        [provider] the provider
       *[staff] our support team
    }.
# $reason: the words of whoever cancelled.
mail-appointment-reason = Reason: { $reason }
mail-appointment-reminder = A reminder: you have { $service } with { $other_name } soon.
# To a customer on the waitlist.
mail-appointment-hold-offered = A place you waited for is free: { $service } with { $other_name }. It is held for you until { $held_until }. Accept it to book it, or decline it so the next person waiting gets it.
mail-appointment-updated = The appointment for { $service } with { $other_name } was updated.
# Plain text: labels before the time, the time before a move, and the customer's note.
mail-appointment-when = When:
mail-appointment-was = Was:
mail-appointment-note = Note:
# Plain text: the link follows.
mail-appointment-hold-link = Accept or decline:
mail-appointment-see-link = See the appointment:
# HTML: table headings.
mail-appointment-when-heading = When
mail-appointment-was-heading = Was
mail-appointment-note-heading = Note
# HTML: link texts.
mail-appointment-hold-action = Accept or decline
mail-appointment-see-action = See the appointment
# HTML: the sentences above, cut around the service shown in bold:
# "<before> **service** <after>". Both pieces can use $other_name (and $cancelled_by).
mail-appointment-html-booked-provider-before = { $other_name } booked
mail-appointment-html-booked-provider-after = with you.
mail-appointment-html-requested-before = Your request for
mail-appointment-html-requested-after = with { $other_name } was sent. { $other_name } will confirm it.
mail-appointment-html-booked-before = Your appointment for
mail-appointment-html-booked-after = with { $other_name } is booked.
mail-appointment-html-confirmed-before = The appointment for
mail-appointment-html-confirmed-after = with { $other_name } is confirmed.
mail-appointment-html-rescheduled-before = The appointment for
mail-appointment-html-rescheduled-after = with { $other_name } has moved.
mail-appointment-html-cancelled-before = The appointment for
mail-appointment-html-cancelled-after = with { $other_name } was cancelled by { $cancelled_by ->
        [you] you
        [customer] the customer
        [provider] the provider
       *[staff] our support team
    }.
mail-appointment-html-reminder-before = A reminder: you have
mail-appointment-html-reminder-after = with { $other_name } soon.
mail-appointment-html-updated-before = The appointment for
mail-appointment-html-updated-after = with { $other_name } was updated.
# HTML: "<before> **service** <after> <until-before> **held until**<until-after> <choice>"
# (no space before until-after: in English it is only the full stop).
mail-appointment-html-hold-offered-before = A place you waited for is free:
mail-appointment-html-hold-offered-after = with { $other_name }.
mail-appointment-html-hold-offered-until-before = It is held for you until
mail-appointment-html-hold-offered-until-after = .
mail-appointment-html-hold-offered-choice = Accept it to book it, or decline it so the next person waiting gets it.

## Welcome, after signing up; the mail carries the link that verifies the address.

mail-welcome-subject = Welcome to Book Your Services, { $name }
mail-welcome-title = Welcome
mail-welcome-hello = Hello { $name },
mail-welcome-intro = Welcome to Book Your Services.
# Plain text, after the previous sentence; the link to the site follows.
mail-welcome-ready = Your account is ready:
# HTML: a link to the site, after mail-welcome-intro.
mail-welcome-ready-link = Your account is ready.
# Plain text; the verification link follows.
mail-welcome-confirm =
    Please confirm that this is your email address by opening this link before
    { $verify_expires } ({ $zone }); it works once:
# HTML: "<before> [link] <until> (zone)<after>" (no space before after).
mail-welcome-html-confirm-before = Please
mail-welcome-html-confirm-link = confirm your email address
mail-welcome-html-confirm-until = before { $verify_expires }
mail-welcome-html-confirm-after = ; the link works once.

## A new link to verify the address (asked for again, or after a change of address).

mail-email-verification-subject = Confirm your email address for Book Your Services
mail-email-verification-title = Confirm your email address
mail-email-verification-hello = Hello { $name },
# Plain text; the link follows.
mail-email-verification-confirm =
    Please confirm that { $email } is the email address of your Book Your Services account by
    opening this link before { $verify_expires } ({ $zone }); it works once:
# HTML: "<intro>
#   [link] <until> (zone)<after>" (no space before after).
mail-email-verification-html-intro = Please confirm that { $email } is the email address of your Book Your Services account:
mail-email-verification-html-link = Confirm my email address
mail-email-verification-html-until = before { $verify_expires }
mail-email-verification-html-after = ; the link works once.
mail-email-verification-ignore = If you did not ask for this, ignore this mail.

## A link to choose a new password.

mail-password-reset-subject = Reset your Book Your Services password
mail-password-reset-title = Reset your password
mail-password-reset-hello = Hello { $name },
mail-password-reset-asked = Someone (hopefully you) asked to reset the password of your account.
# Plain text, after the previous sentence; the link follows.
mail-password-reset-open =
    To choose a new one,
    open this link before { $expires } ({ $zone }); it works once:
# HTML, after mail-password-reset-asked: "[link] <until> (zone)<after>" (no space before after).
mail-password-reset-html-link = Choose a new password
mail-password-reset-html-until = before { $expires }
mail-password-reset-html-after = ; the link works once.
mail-password-reset-ignore = If you did not ask, ignore this mail: your password stays as it is.

## To a provider: one of their own calendars, read to know when they are busy, cannot be
## read any more, so their free times are closed to bookings.

mail-calendar-closing-subject = Your calendar { $calendar_id } closed your booking slots
mail-calendar-closing-hello = Hello { $name },
# Plain text: a CalDAV calendar refuses the login (user name and app password) given.
mail-calendar-closing-login-refused =
    Your calendar { $calendar_id } no longer accepts the login you gave us (or is gone), so we
    cannot see when you are busy. To avoid double bookings, customers cannot book you until you
    add it again on your account page with a new app password.
# Plain text: a Google calendar is no longer shared with our address ($share_with). The two
# quoted texts are the sharing options as Google Calendar names them: use the names Google
# Calendar shows in your language.
mail-calendar-closing-unshared =
    Your calendar { $calendar_id } is no longer shared with { $share_with }, so we cannot see
    when you are busy. To avoid double bookings, customers cannot book you until it is shared
    again ("See all event details", or "See only free/busy").
# Plain text: reading the calendar keeps failing.
mail-calendar-closing-stale =
    We have not been able to read your calendar { $calendar_id } for a while, so we do not know
    when you are busy. To avoid double bookings, customers cannot book you until it is read
    again; we keep trying.
# HTML, the same three cases: "<before> **calendar** <after> <until>".
mail-calendar-closing-html-login-refused-before = Your calendar
mail-calendar-closing-html-login-refused-after =
    no longer accepts the login you gave us (or is
    gone), so we cannot see when you are busy.
mail-calendar-closing-html-login-refused-until =
    To avoid double bookings, customers cannot book you
    until you add it again on your account page with a new app password.
mail-calendar-closing-html-unshared-before = Your calendar
mail-calendar-closing-html-unshared-after =
    is no longer shared with { $share_with }, so we
    cannot see when you are busy.
mail-calendar-closing-html-unshared-until =
    To avoid double bookings, customers cannot book you until it is
    shared again (“See all event details”, or “See only free/busy”).
mail-calendar-closing-html-stale-before = We have not been able to read your calendar
mail-calendar-closing-html-stale-after =
    for a while, so we
    do not know when you are busy.
mail-calendar-closing-html-stale-until =
    To avoid double bookings, customers cannot book you until it is
    read again; we keep trying.
mail-calendar-closing-bookings-stand = Your bookings made so far stand.
# Plain text, after the previous sentence; the link follows.
mail-calendar-closing-check = Check or remove the calendar on your account page:
# HTML: a link, after mail-calendar-closing-bookings-stand, followed by a full stop.
mail-calendar-closing-check-link = Check or remove the calendar on your account page
mail-calendar-closing-once = You get this mail once; we write again only if the calendar fails again after working.

## To a customer after a completed appointment: please review it.

mail-review-request-subject = How was { $service } with { $other_name }?
mail-review-request-hello = Hello { $name },
# Plain text; the link to write the review follows. $when: the appointment's time;
# $closes: the last day to review.
mail-review-request-ask =
    { $other_name } marked your appointment for { $service } on { $when } ({ $zone }) as
    completed. Would you tell other customers how it went? One to five stars is enough; a few
    words help even more. You can write it until { $closes }:
# HTML, the same: "<before> **service** <after> <ask>". Both <before> and <after> can use
# $other_name, $when and $zone.
mail-review-request-html-before = { $other_name } marked your appointment for
mail-review-request-html-after =
    on { $when }
    ({ $zone }) as completed.
mail-review-request-html-ask =
    Would you tell other customers how it went? One to five stars is
    enough; a few words help even more. You can write it until { $closes }.
# HTML: link text.
mail-review-request-review-link = Review the appointment
mail-review-request-trust = Only customers who completed a booking can review it, so your review counts.
mail-review-request-once = You get this mail once per appointment.
# Plain text, after the previous sentence; the unsubscribe link follows.
mail-review-request-opt-out = To get no more mails like it:
# HTML: a link, after mail-review-request-once, followed by a full stop.
mail-review-request-opt-out-link = Get no more mails asking for reviews

## To a customer: the provider moved the appointment in their own calendar; accept it?

mail-move-proposed-subject = { $other_name } proposes a new time: { $service }, { $proposed } ({ $zone_name })
mail-move-proposed-hello = Hello { $name },
# Plain text; the current and the proposed time follow.
mail-move-proposed-intro =
    { $other_name } moved your appointment for { $service } in their calendar and asks whether
    the new time suits you:
# HTML, the same: "<before> **service** <after>"; both can use $other_name.
mail-move-proposed-html-before = { $other_name } moved your appointment for
mail-move-proposed-html-after =
    in their calendar
    and asks whether the new time suits you:
# Labels before the current and the proposed time (aligned for English in the plain text).
mail-move-proposed-now = Now:
mail-move-proposed-new = Proposed:
# HTML: $zone is the time zone of both times.
mail-move-proposed-zone = Times are in { $zone }.
mail-move-proposed-wait = Nothing changes until you answer.
# Plain text, after the previous sentence; the link follows.
mail-move-proposed-answer = Accept or keep the current time on the appointment page:
# HTML: link text.
mail-move-proposed-answer-link = Accept or keep the current time

## To a provider: the customer kept the booked time instead of the one the provider moved
## the appointment to in their own calendar.

# $when: the booked time, kept.
mail-move-declined-subject = { $other_name } keeps { $when }: { $service } ({ $zone_name })
mail-move-declined-hello = Hello { $name },
# Plain text: "<moved>
#
#   time (zone)
#
# <kept>" and then the link: the sentence goes on after the time, on its own line.
mail-move-declined-moved =
    You moved the appointment of { $other_name } for { $service } to { $proposed } in your
    calendar. { $other_name } prefers to keep the booked time, so the appointment stays on
mail-move-declined-kept = and your calendar shows it there again. To change it, open the appointment:
# HTML: "<before> **service** <after> <stays> **time** <kept>". Both <before> and <after>
# can use $other_name.
mail-move-declined-html-before = You moved the appointment of { $other_name } for
# $other_name: available here too.
mail-move-declined-html-after =
    to
    { $proposed } in your calendar.
mail-move-declined-html-stays =
    { $other_name } prefers to keep the booked time, so the
    appointment stays on
mail-move-declined-html-kept =
    ({ $zone }), and your calendar shows it there
    again.
# HTML: link text.
mail-move-declined-open-link = Open the appointment

## To the owner of a webhook endpoint that was disabled after failing.

mail-webhook-disabled-subject = Your webhook endpoint was disabled
mail-webhook-disabled-hello = Hello { $name },
# $url: the endpoint; $reason: why it was disabled.
mail-webhook-disabled-stopped = We stopped sending webhooks to { $url }: { $reason }.
# HTML, the same: "<before> **url**<after>" (no space before after).
mail-webhook-disabled-html-stopped-before = We stopped sending webhooks to
mail-webhook-disabled-html-stopped-after = : { $reason }.
mail-webhook-disabled-paused = Messages from now on are not sent to it until you enable it again.
# Plain text, after the previous sentence; the link to the endpoint's page follows.
mail-webhook-disabled-next =
    Look at its recent attempts,
    fix the receiver, then enable the endpoint and resend what it missed on its page:
# HTML: a link to the endpoint's page, after mail-webhook-disabled-paused, followed by a
# full stop.
mail-webhook-disabled-next-link = Look at its recent attempts, fix the receiver, then enable the endpoint and resend what it missed

# An erased account, as mails and calendar entries name it
person-erased-customer = Deleted customer
person-erased-provider = Deleted provider
person-erased-staff = Deleted staff member
