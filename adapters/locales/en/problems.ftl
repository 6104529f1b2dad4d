## The API's problem documents (application/problem+json): a title per kind of problem, and the
## details the pages do not share. Refusals the pages show too come from handlers-*.ftl.

problem-title-bad-request = Malformed request
problem-title-unauthorized = Log in first
problem-title-login-refused = Log in refused
problem-title-forbidden = Not allowed
problem-title-not-found = Not found
problem-title-conflict = Conflict
problem-title-changed-meanwhile = Changed meanwhile
problem-title-payload-too-large = Request too large
problem-title-refused = Request refused
problem-title-too-many-requests = Too many requests
problem-title-internal = Internal error
problem-title-unavailable = Temporarily unavailable

problem-log-in = This needs a logged-in session or a valid API token (Authorization: Bearer).
problem-token-unknown = Unknown API token.
problem-token-revoked = This API token was revoked.
problem-method-not-allowed = This method is not allowed here.
problem-payload-too-large = The request body is larger than the server accepts.
problem-internal = Something went wrong on our side. It has been logged.
problem-unavailable = The service is briefly unavailable; nothing was changed. Please try again in a moment.
# $seconds: when the limit resets
problem-too-many-requests = { $seconds ->
    [one] Too many requests. Try again in one second.
   *[other] Too many requests. Try again in { $seconds } seconds.
}
# $minutes: when the limit resets
problem-too-many-bookings = { $minutes ->
    [one] Too many booking attempts in the last hour. Try again in one minute.
   *[other] Too many booking attempts in the last hour. Try again in { $minutes } minutes.
}
# $what: the kind of thing asked for
problem-not-found = { $what ->
    [account] There is no such account.
    [appointment] There is no such appointment.
    [audit-entry] There is no such audit entry.
    [calendar] There is no such calendar.
    [category] There is no such category.
    [channel] There is no such channel.
    [delivery] There is no such delivery.
    [failed-delivery] There is no such failed delivery.
    [held-place] There is no such held place.
    [message] There is no such message.
    [own-service] There is no such service among yours.
    [provider] There is no such provider.
    [review] There is no such review.
    [service] There is no such service.
    [service-or-waitlist-entry] There is no such service or waitlist entry.
    [token] There is no such token.
    [webhook-endpoint] There is no such webhook endpoint.
   *[resource] There is no such resource.
}
problem-empty-window = `to` must be after `from`.
problem-seven-days = Hours are needed for all seven days of the week.
problem-idempotency-key = The Idempotency-Key must be 1 to 100 visible ASCII characters.
problem-idempotency-key-reused = This Idempotency-Key was already used for a different booking.
problem-changed-since-read = It was changed since you read it: read it again (its new ETag) and repeat the change.
problem-photo-unreadable = The photo could not be read.
problem-privacy-notice-not-accepted = Accept the privacy notice (GET /privacy) with accept_privacy_notice: true.
problem-unknown-language = Choose a language the marketplace speaks (GET /api/v1/languages).
# $occurrences: the refused starts, each with its reason in brackets
problem-occurrences-taken = Not every occurrence can be booked: { $occurrences }.

problem-forbidden-book = Only customer accounts can book: log in with a customer account to book.
problem-forbidden-join-waitlist = Only customer accounts can join a waitlist: log in with a customer account.
problem-forbidden-see-waitlist = You may not see this waitlist.
problem-forbidden-list-appointments = You may not list these appointments.
problem-forbidden-see-appointment = You may not see this appointment.
problem-forbidden-cancel = You may not cancel this appointment.
problem-forbidden-status = You may not change the status of this appointment.
problem-forbidden-move = You may not move this appointment.
problem-forbidden-offer-services = Only provider accounts can offer services.
problem-forbidden-own-services = Only provider accounts have services.
problem-forbidden-change-service = You may not change this service.
problem-forbidden-change-photo = You may not change this photo.
problem-forbidden-schedule = Only provider accounts have hours and a booking policy.
problem-forbidden-hours = You may not change this provider's hours.
problem-forbidden-policy = You may not change this provider's booking policy.
problem-forbidden-webhooks = You may not manage webhooks.
problem-forbidden-register = This kind of account cannot be created here.
problem-forbidden-see-profile = You may not see this profile.
problem-forbidden-edit-profile = You may not edit this profile.
problem-forbidden-review = Only the customer of this appointment can review it.
problem-forbidden-reply = Only the provider of the reviewed appointment can reply.
problem-forbidden-role = Your role does not allow this.
problem-forbidden-export = You may only export your own data.
problem-forbidden-channel = The channel token does not match.
