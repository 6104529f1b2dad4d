# Text the page handlers build in Rust for booking, appointments, the catalogue, series,
# the waitlist, reviews, the dashboard and the booking-policy form (web/src/pages/*.rs,
# web/src/present.rs). Arguments arrive already formatted (names, dates, times, zones).

## Dates are formatted by ICU4X (adapters/src/local_format.rs), not here.

# A day of the service page's month calendar, read by screen readers. $date: its weekday,
# day and month ("Thursday 3 December"); then how many free times it has.
h-book-picker-day = { $date }, { $count ->
    [0] no free times
    [one] 1 free time
   *[other] { $count } free times
}

## Appointments: lists and the appointment's page.

# The name shown when the service no longer exists.
h-book-a-service = A service
# Who an appointment is with, shown to its customer. $name: the provider's name.
h-book-with = with { $name }
# Who an appointment is for, shown to its provider. $name: the customer's name.
h-book-for = for { $name }
h-book-not-yours-title = Not yours
h-book-not-yours = This appointment belongs to someone else.
# Notices after an action on an appointment.
h-book-done-cancelled = The appointment is cancelled.
h-book-done-rescheduled = The appointment has moved to its new time.
h-book-done-moved-following = This appointment and the following ones have moved.
h-book-done-kept = The appointment keeps its time; your provider is told.
h-book-done-confirmed = The appointment is confirmed.
h-book-done-booked = The place is yours: the appointment is booked.
h-book-done-released = The place is released for the next person waiting.
h-book-done-completed = The appointment is marked as completed.
h-book-done-no-show = The appointment is marked as a no-show.
h-book-done-reviewed = Thank you: your review is published.
h-book-done-replied = Your reply is published.
# $error: why the cancellation reason was refused (a sentence).
h-book-reason-invalid = Reason: { $error }
# $error: why (a sentence).
h-book-not-cancelled = It could not be cancelled: { $error }
# $error: why (a sentence).
h-book-not-moved = It could not be moved: { $error }
h-book-answer-forbidden-title = Only the customer can answer
h-book-answer-forbidden = Only the customer of this appointment can accept or decline a new time.
h-book-status-forbidden-title = Only the provider can do this
h-book-status-forbidden = Only the provider of this appointment can change its status.
h-book-changed-meanwhile = The appointment was changed meanwhile, please try again.
h-book-no-proposal = There is no proposed move to answer.
# "Move this and following": $example is the current start as the field expects it (2026-06-02T14:30).
h-book-move-following-start = Enter the new date and time, such as { $example }.
# $when: the occurrence that cannot move (date, time and zone); $error: why (a sentence).
h-book-move-following-refused = The appointment on { $when } cannot move, so nothing moved: { $error }
h-book-move-following-taken = One of the new times was just booked, so nothing was moved.
h-book-series-changed-meanwhile = An appointment of the series was changed meanwhile, please try again.

## Why a change of an appointment was refused.

# $status: cancelled, completed, no-show, released (select on it to translate it).
h-book-err-closed = The appointment is already { $status }.
h-book-err-already-confirmed = The appointment is already confirmed.
h-book-err-on-hold = This time is only held for you: accept or decline it first.
h-book-err-not-on-hold = This is not a held time (any more).
h-book-err-too-late = Changes are possible until { $hours } hours before the appointment.
h-book-err-started = The appointment has already started.
h-book-err-not-started = The appointment has not started yet.

## Why a time cannot be booked (or an appointment moved to it).

h-book-err-in-past = That time is in the past.
h-book-err-too-soon = This provider needs at least { $minutes } minutes' notice.
h-book-err-too-far = Bookings open at most { $days } days ahead.
h-book-err-outside-hours = The provider does not work at that time.
h-book-err-off-grid = Appointments start every { $minutes } minutes from the opening time.
h-book-err-slot-taken = That time is already booked.
h-book-err-class-full = This class is full: all { $places } places are booked.
h-book-err-one-class = A place in a class is booked for one class at a time: it cannot be part of a series or be moved (cancel it and book another class).
h-book-err-own-service = You cannot book your own service.
h-book-err-unavailable = This service is not available for booking.

## Booking a time.

h-book-slot-taken-sorry = Sorry, someone booked that time a moment ago.
h-book-class-full-sorry = Sorry, this class is full: all { $places } places are booked.
h-book-err-customers-only = Only customer accounts can book: log in with a customer account to book.
h-book-err-key-reused = This idempotency key was already used for a different booking.
h-book-too-many = You have tried to book too many times in the last hour. Please try again later.

## Free texts: $field is note, review, reply or reason (select on it to name the field).

h-book-text-missing = { $field ->
    [note] Note
    [review] Review
    [reply] Reply
   *[reason] Reason
} is required.
h-book-text-length = { $field ->
    [note] Note
    [review] Review
    [reply] Reply
   *[reason] Reason
} must be between { $min } and { $max } characters.
h-book-text-control = { $field ->
    [note] Note
    [review] Review
    [reply] Reply
   *[reason] Reason
} contains invisible control characters.

## Search and the service page.

# A class's free time. $left: places still free; $capacity: all places.
h-book-places-left = { $left } of { $capacity } places left
h-book-err-search-too-long = Search for at most { $max } characters.
h-book-err-negative-price = Prices cannot be negative.
h-book-err-price-range = The lowest price must not be above the highest.
# $zone: the name as typed, in quotes.
h-book-err-unknown-zone = Unknown time zone { $zone }: use an IANA name such as Europe/Paris.
h-book-err-no-such-service = No such service.
h-book-err-window-too-long = Slots can be listed for at most { $days } days at a time.

## Series.

h-book-series-repeat-invalid = Choose how often and how many times to repeat.
h-book-series-interval = A series repeats every 1 to 4 weeks.
h-book-series-count = A series has 2 to 12 occurrences.
h-book-series-choose = Choose which occurrences to book.
# Followed by the list of the series' dates.
h-book-series-not-all-free = Not every occurrence can be booked any more, so nothing was booked. Here is how the series looks now:
h-book-series-nothing-free = None of the occurrences can be booked any more.

## Waitlist.

h-book-waitlist-days-invalid = Enter both days as dates.
h-book-waitlist-times-invalid = Enter both times as HH:MM.
h-book-waitlist-days-backwards = The last day must not be before the first.
h-book-waitlist-too-long = A waitlist window spans at most { $days } days.
h-book-waitlist-times-backwards = The latest time must be after the earliest.
h-book-waitlist-customers-only = Only customer accounts can join a waitlist: log in with a customer account.
h-book-waitlist-not-found = No such service or waitlist entry.
h-book-waitlist-window-over = That window is already over.
h-book-waitlist-already = You are already on the waitlist for this service: leave it first to change your window.
h-book-waitlist-hold-open = A place is held for you: decline it instead.
h-book-waitlist-joined = You are on the waitlist. We mail you when a place is held for you.
h-book-waitlist-left = You left the waitlist.
h-book-waitlist-forbidden-title = No waitlist here
h-book-waitlist-forbidden = Customers see their own waitlist entries, providers who waits for their services.
h-book-waitlist-cannot-leave = Cannot leave yet

## Reviews.

h-book-rating-none = No reviews yet
# $average: the average stars with one decimal (4.5); $count: how many reviews.
h-book-rating = Rated { $average } out of 5 from { $count ->
    [one] { $count } review
   *[other] { $count } reviews
}
h-book-reviews-verified = Reviews come only from customers who completed a booking.
h-book-review-forbidden-title = You cannot review this appointment
h-book-review-forbidden = Only the customer of a completed appointment reviews it, within 90 days of it.
h-book-review-stars-invalid = Choose from 1 to 5 stars.
h-book-review-not-customer = Only the customer of this appointment can review it.
h-book-review-not-completed = Only a completed appointment can be reviewed.
h-book-review-window-closed = Reviews can be written or changed until 90 days after the appointment.
h-book-review-stars = A rating is 1 to 5 stars.
# $hidden: yes or no.
h-book-review-already-moderated = { $hidden ->
    [yes] The review is already hidden.
   *[no] The review is already visible.
}
h-book-review-changed-meanwhile = The review was changed meanwhile, please try again.
h-book-reply-title = Reply to a review
h-book-reply-label = Your public reply
h-book-reply-button = Save reply
h-book-report-title = Report a review
h-book-report-label = Why should staff look at this review?
h-book-report-button = Send report
h-book-reply-forbidden-title = Only the provider can reply
h-book-reply-forbidden = Only the provider of the reviewed appointment replies to its review.
h-book-report-thanks = Thank you: staff will look at this review.
h-book-report-already = You have reported this review already.

## The provider's dashboard.

# A class on the agenda. $booked: places booked; $capacity: all places.
h-book-places-booked = { $booked } of { $capacity } places booked

## The booking-policy fields (schedule and service forms).

h-book-policy-notice = Enter the notice in whole minutes, like 60.
h-book-policy-horizon = Enter a number of days between 1 and 730.
h-book-policy-step = Enter the step in minutes, like 15, or leave it blank.
h-book-policy-cutoff = Enter the cut-off in whole hours, like 12.
h-book-policy-hold = Enter the hold in whole minutes, from 15 to 4320 (3 days).
# $minutes: the step typed.
h-book-policy-step-invalid = The slot step must be 5 to 480 minutes in steps of 5, not { $minutes }.
h-book-policy-notice-max = The minimum notice can be at most 30 days.
h-book-policy-cutoff-max = The change cut-off can be at most 30 days.
h-book-policy-horizon-range = Bookings must be allowed between 1 and 730 days ahead.
h-book-policy-notice-horizon = The minimum notice must be shorter than how far ahead bookings are allowed.
h-book-policy-hold-range = A freed place can be held for 15 minutes to 3 days.
