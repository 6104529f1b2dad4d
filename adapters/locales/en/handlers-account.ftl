# Texts the account, provider and admin handlers produce in Rust (notices, field
# errors, error pages).

# Error pages
h-acct-error-failed-title = Something went wrong
h-acct-error-failed-message = Sorry, this failed on our side. It has been logged; please try again in a moment.
h-acct-error-too-large-title = Too large
h-acct-error-too-large-message = What you sent is too large.
h-acct-error-bad-title = That did not work
h-acct-error-bad-message = The request could not be understood. Go back, reload the page and try again.
h-acct-error-unavailable-title = Temporarily unavailable
h-acct-error-unavailable-message = We cannot reach our records for a moment, so nothing was changed. Please try again in a few seconds.
h-acct-error-not-found-title = Not found
h-acct-error-not-found-message = There is nothing here. It may have been removed, or the address is mistyped.

# Rejected text fields ($min and $max are numbers of characters)
h-acct-text-name-missing = Name is required.
h-acct-text-name-length = Name must be between { $min } and { $max } characters.
h-acct-text-name-control = Name contains invisible control characters.
h-acct-text-description-missing = Description is required.
h-acct-text-description-length = Description must be between { $min } and { $max } characters.
h-acct-text-description-control = Description contains invisible control characters.
h-acct-text-category-name-missing = Category name is required.
h-acct-text-category-name-length = Category name must be between { $min } and { $max } characters.
h-acct-text-category-name-control = Category name contains invisible control characters.

# Rejected account data ($value is what was typed, in quotes)
h-acct-user-email = { $value } is not a valid email address.
h-acct-user-phone = A phone number has 5 to 20 digits, spaces, dashes, dots, parentheses and a leading +.
h-acct-user-password-length = The password must be between { $min } and { $max } characters.
h-acct-user-unknown-role = Unknown role { $value }.

# Sign up and log in
h-acct-register-too-many = Too many sign-ups from your network in the last hour. Please try again later.
h-acct-email-taken = An account with this email address already exists.
h-acct-register-choose-role = Choose customer or provider.
h-acct-email-invalid = Enter an email address like name@example.org.
h-acct-login-throttled = Too many failed attempts. Wait a few minutes and try again.
h-acct-login-wrong-credentials = Wrong email address or password.
h-acct-login-deactivated = This account is deactivated. Contact support to reactivate it.
h-acct-form-expired-title = This form has expired
h-acct-form-expired-message = For your safety the form could not be sent. Go back, reload the page and try again.

# Account page: notices after a change
h-acct-done-profile = Your profile is saved.
h-acct-done-password = Your password is changed.
h-acct-done-token-revoked = The API token is revoked.
h-acct-done-email = Your email address is changed. We sent a link to it: open it to verify it.
h-acct-done-verification = We sent a new verification link. It may take a minute to arrive.
h-acct-done-verified = Your email address is already verified.
h-acct-done-busy-calendar = The calendar is added: its events block your slots from its first read, within a minute or two.
h-acct-done-busy-calendar-removed = The calendar no longer blocks your time.

# Account page: field errors
h-acct-calendar-providers-only = Only providers share a calendar.
h-acct-calendar-email-invalid = Enter a Gmail address like name@gmail.com.
h-acct-too-many-wrong-passwords = Too many wrong passwords. Wait a few minutes and try again.
h-acct-wrong-password = That is not your current password.
h-acct-email-same = This is already your email address.

# Account page: verification links
h-acct-verification-too-many = Too many verification links were asked for in the last hour. Check your inbox (and spam folder), or try again later.
h-acct-verification-too-soon = A verification link was sent less than a minute ago. Check your inbox (and spam folder), or wait a minute and ask again.
h-acct-verification-mail-failed = We could not send the mail just now. Please try again in a few minutes.

# Account page: calendars that block a provider's time
h-acct-busy-mode-events-pushed = all event details: changes are announced and read within seconds
h-acct-busy-mode-events = all event details: changes are read every few minutes
h-acct-busy-mode-free-busy = free/busy only: busy blocks are read every few minutes

# $when is a date and time
h-acct-busy-read-at = Read on { $when }
h-acct-busy-waiting = Waiting for its first read
h-acct-busy-failing = Could not be read lately; we keep trying
h-acct-busy-gone-login = No access: check its address and app password, then add it again
h-acct-busy-gone-mailbox = No access: check the mailbox address, then add it again

# $address is an email address
h-acct-busy-gone-shared = No access: share it with { $address } again
h-acct-busy-forbidden-title = Only for providers
h-acct-busy-forbidden-message = Only providers choose calendars that block their bookable time.
h-acct-busy-error-forbidden = Only providers can choose calendars that block their time.
h-acct-busy-error-not-configured = Reading calendars is not set up on this site.
h-acct-busy-error-invalid-id = Enter the calendar's id (for your main Google calendar, your Gmail address).
h-acct-busy-error-own-calendar = This is the calendar your appointments are copied into; choose one of your own.
h-acct-busy-error-not-shared = This calendar is not shared with { $address } yet.
h-acct-busy-error-login-required = Enter the username and app password for this calendar.

# $detail is the calendar server's answer (not translated); a full stop is added
h-acct-busy-error-login-refused = This calendar could not be opened with this address and login: { $detail }
h-acct-busy-error-unreachable = The calendar service could not be reached; try again in a few minutes.

# A provider's services
h-acct-provider-not-bookable-title = Not taking bookings
h-acct-provider-not-bookable-message = This provider is not taking bookings. Search for another service.
h-acct-service-category-invalid = Choose a category from the list.
h-acct-service-duration-invalid = Enter the duration in minutes, like 60.

# $value is the number typed
h-acct-service-duration-range = The duration must be 5 to 720 minutes in steps of 5, not { $value }.
h-acct-service-buffer-range = A buffer can be at most 240 minutes, not { $value }.
h-acct-service-capacity-range = A service has 1 to 100 places, not { $value }.
h-acct-service-buffers-invalid = Enter the buffers in whole minutes, 0 for none.

# $value is the code typed, in quotes
h-acct-service-currency-unknown = Unknown currency { $value }: use an ISO 4217 code such as EUR or USD.
h-acct-service-price-invalid = Enter the price like 25 or 25.50, without the currency.
h-acct-service-capacity-invalid = Enter the number of places, 1 for one customer at a time.
h-acct-service-category-unavailable = This category is not available. Choose another.
h-acct-service-providers-only-title = Providers only
h-acct-service-providers-only-message = Only provider accounts can offer services.
h-acct-not-yours-title = Not yours
h-acct-service-not-yours-message = This service belongs to another provider.

# A provider's schedule
h-acct-schedule-done-hours = Your weekly hours are saved.
h-acct-schedule-done-override = Your date changes are saved.
h-acct-schedule-done-policy = Your booking policy is saved.
h-acct-schedule-not-yours-message = You can only change your own schedule.
h-acct-schedule-hours-invalid = Nothing was saved: please correct the marked hours.
h-acct-schedule-start-and-end = Enter both a start and an end, or neither.
h-acct-schedule-choose-date = Choose a date.
h-acct-schedule-override-hours-missing = Enter the hours for this date, or choose day off.

# $value is the time typed, in quotes
h-acct-schedule-not-a-time = { $value } is not a time of day: use HH:MM between 00:00 and 24:00.

# $start and $end are times like 09:00
h-acct-schedule-end-not-after-start = { $start } must be before { $end }.

# $first and $second are intervals like 09:00–12:00
h-acct-schedule-overlap = { $first } overlaps { $second }.
h-acct-schedule-too-many-intervals = A day can have at most { $max } intervals.

# $date is a date like 2026-06-02
h-acct-schedule-date-past = { $date } has already passed.
h-acct-schedule-date-too-far = Hours can be planned at most { $max_days } days ahead.

# Deleting an account
h-acct-delete-last-admin = You are the only administrator: make someone else an administrator before you delete your account.

# API tokens; $max is a number
h-acct-token-too-many = You already have { $max } tokens; revoke one first.

# Photo uploads (the English messages start in lower case, as the page shows them)
h-acct-photo-missing = Choose a photo to upload.
h-acct-photo-not-an-image = this file is not a photo: please upload a JPEG, PNG or WebP image

# $format is a picture format such as GIF
h-acct-photo-unsupported-format = { $format } images are not accepted: please upload a JPEG, PNG or WebP image

# $size and $limit are megabytes with one decimal, like 5.0
h-acct-photo-too-large = the file is { $size } MB; photos can be at most { $limit } MB

# $width and $height are pixels; $limit is millions of pixels
h-acct-photo-too-many-pixels = the image is { $width }×{ $height } pixels; photos can have at most { $limit } megapixels
h-acct-photo-corrupt = the image is damaged or incomplete: please upload it again or choose another file

# Webhook endpoints
h-acct-not-allowed-title = Not allowed
h-acct-webhook-forbidden-message = Only providers and admins manage webhook endpoints; support staff read them.
h-acct-webhook-url-too-long = The URL is longer than 2000 characters.
h-acct-webhook-url-invalid = The URL is not a valid URL.
h-acct-webhook-url-scheme = The URL must start with https:// or http://.
h-acct-webhook-url-no-host = The URL has no host.
h-acct-webhook-url-credentials = The URL must not carry a user name or password.

# $value is the event type, in quotes
h-acct-webhook-unknown-event = Unknown event type { $value }.
h-acct-webhook-no-events = Choose at least one event type.
h-acct-webhook-secret = The secret is not a whsec_ secret of at least 24 bytes.

# $reason is why the address is refused (in English); a full stop is added
h-acct-webhook-url-refused = This URL may not receive webhooks: { $reason }

# Administration
h-admin-try-later-title = Try again later
h-admin-not-allowed-title = Not allowed
h-admin-not-allowed-message = Your account may not do this.
h-admin-notice-saved = Saved.
h-admin-notice-deactivated = Deactivated.
h-admin-notice-reactivated = Reactivated.
h-admin-notice-reset = A password reset link was sent.
h-admin-notice-staff = The staff account was created.
h-admin-notice-created = Created.
h-admin-notice-cancelled = The appointment was cancelled; the customer and provider are notified.
h-admin-notice-retried = The delivery is queued again.
h-admin-notice-resynced = The calendar was re-synced.
h-admin-notice-deleted = The calendar was deleted.
h-admin-notice-hidden = The review is hidden and its reports are closed.
h-admin-notice-restored = The review is shown again and its reports are closed.

# $message is why it failed (a sentence)
h-admin-failure-message = { $message } Go back and try again.
h-admin-outside-service-failed = An outside service failed, try again later.
h-admin-own-role = You cannot change your own role.
h-admin-email-has-account = That email already has an account.
h-admin-deactivate-yourself = You cannot deactivate yourself.
h-admin-reset-inactive = Reactivate the account before sending a reset link.
h-admin-not-staff = A staff account is an admin or a support account.
h-admin-category-no-slug = The name needs at least one letter a–z or digit for its web address.
h-admin-category-taken = A category with this name already exists.
h-admin-category-unavailable = This category is not available.
h-admin-calendar-in-use = The calendar of an active provider is not orphaned.
h-admin-appointment-changed = The appointment was changed meanwhile, please try again.
h-admin-review-already-hidden = The review is already hidden.
h-admin-review-already-visible = The review is already visible.
h-admin-clashes-with-data = That conflicts with existing data.
h-admin-changed-meanwhile = It changed meanwhile: reload and try again.
h-admin-position-number = The position is a whole number.
h-admin-cancel-reason-missing = A reason is needed: note is required.
h-admin-cancel-reason-length = A reason is needed: note must be between 1 and 1000 characters.
h-admin-cancel-reason-control = A reason is needed: note contains invisible control characters.
