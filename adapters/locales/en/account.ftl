# Account pages: logging in, signing up, passwords, email verification, the account page,
# deleting the account, the dashboard, a provider's services and schedule, photos, the
# calendar feed and webhooks.
#
# Sentences that contain a link or emphasis are split into pieces around it; the comment
# above each group shows how the pieces are put together. Page titles get
# " · Book Your Services" appended by the page.

## login.html

login-heading = Log in
login-email-label = Email address
login-password-label = Password
login-submit = Log in
login-forgot-link = Forgot your password?
# Shown as: [login-register-before] <link>[login-register-link]</link>[login-register-after]
login-register-before = New here?
login-register-link = Create an account
login-register-after = .

## register.html

register-heading = Create an account
# Legend of the two choices below: "I want to … book services / offer services".
register-role-legend = I want to
register-role-customer = book services (customer)
register-role-provider = offer services (provider)
register-name-label = Your name
register-name-hint = Shown to the people you book with.
register-email-label = Email address
register-password-label = Password
register-password-hint = At least 8 characters.
register-zone-label = Time zone
register-zone-hint = An IANA name such as Europe/Paris; empty means UTC.
register-submit = Create account
# The consent checkbox: "I have read and accept the [privacy notice]."
register-privacy-before = I have read and accept the
register-privacy-link = privacy notice
register-privacy-after = .
register-privacy-required = Tick the box to accept the privacy notice; we cannot open an account without it.
# Shown as: [register-login-before] <link>[register-login-link]</link>[register-login-after]
register-login-before = Already have an account?
register-login-link = Log in
register-login-after = .

## forgot_password.html

forgot-password-heading = Forgot your password?
# $email: the address typed in; $minutes: how long the link works.
forgot-password-sent = If an account uses { $email }, we have sent it a link to choose a new password. The link works once, for { $minutes ->
        [one] { $minutes } minute.
       *[other] { $minutes } minutes.
    }
forgot-password-intro = Enter the email address of your account; we will send you a link to choose a new password.
forgot-password-email-label = Email address
forgot-password-submit = Send me a link
forgot-password-back = Back to log in

## reset_password.html

reset-password-heading = Choose a new password
# Shown as: [reset-password-invalid] <link>[reset-password-ask-link]</link>[reset-password-ask-after]
reset-password-invalid = This link is invalid, used or expired.
reset-password-ask-link = Ask for a new one
reset-password-ask-after = .
reset-password-new-label = New password
reset-password-submit = Set the new password

## verify_email.html

verify-email-heading = Email verification
# $email: the address just verified.
verify-email-done = Thank you: { $email } is verified.
verify-email-back = Back to your account
verify-email-login = Log in
verify-email-wrong-account = This link was mailed for another account than the one you are signed in with, so it verified nothing and no longer works. Sign in to that account and ask for a new link on its account page.
verify-email-invalid = This verification link is invalid, already used or expired.
verify-email-resend = Send me a new verification link
verify-email-login-for-link = Log in to get a new link

## unsubscribe.html (the link in review request emails)

unsubscribe-heading = Review request emails
unsubscribe-ask = After a completed appointment we email you once to ask how it went. Stop these emails? Emails about your bookings keep coming.
unsubscribe-submit = Stop review request emails
unsubscribe-done = Done: we will not ask you for reviews by email any more. You can still review completed appointments from their page, and turn these emails back on in your account.
unsubscribe-failed = This link has been used already or has expired. Change the setting in your account instead.
unsubscribe-account = Your account
unsubscribe-login = Log in to your account

## delete_account.html

delete-account-title-deleted = Account deleted
delete-account-heading = Delete your account
delete-account-deleted-heading = Your account is deleted
delete-account-deleted-text = Your personal data is gone and you are signed out. The other side of your past appointments keeps them under a pseudonym.
delete-account-home = Back to the home page
delete-account-what-heading = What happens
delete-account-what-services = Your services are deactivated: nobody can book you any more.
delete-account-what-cancelled = Your appointments that have not started are cancelled; the other side is told as for any cancellation.
delete-account-what-erased = Your name, email address, phone number, photos, notes, review texts, API tokens, calendar subscription and calendar connections are erased.
# $pseudonym: the name that replaces the user's in the other side's records, e.g. "Deleted customer".
delete-account-what-kept = The other side of your past appointments keeps them (time, service, price) under the name “{ $pseudonym }”, for their books.
# Shown as: [delete-account-what-final] <link>[delete-account-export-link]</link>[delete-account-export-after]
delete-account-what-final = This cannot be undone.
delete-account-export-link = Download your data
delete-account-export-after = {" "}first if you want a copy.
delete-account-password-label = Current password, to confirm
delete-account-submit = Delete my account for good
delete-account-keep = Keep my account

## profile.html (the account page)

profile-heading = Your account
# $email: the account's email address.
profile-signed-in-as = Signed in as { $email }
profile-profile-heading = Profile
profile-name-label = Name
profile-phone-label = Phone
# After a field label, in smaller type.
profile-optional = (optional)
profile-zone-label = Time zone
profile-zone-hint = Times are shown in this zone; a provider's hours are read in it.
profile-language-label = Language
profile-language-hint = Pages and every mail we send you are in this language.
profile-language-browser = As my browser asks
profile-calendar-email-label = Gmail address for your calendar
profile-calendar-email-hint = We share a calendar of your appointments with this Google account.
profile-review-requests = Email me once after a completed appointment to ask for a review
profile-save = Save profile
profile-email-heading = Email address
# Shown as: [profile-email-verified-before] <strong>[profile-email-verified]</strong> [profile-email-verified-after]
# $email: the address; $date: the day it was verified.
profile-email-verified-before = { $email } is
profile-email-verified = verified
profile-email-verified-after = (since { $date }).
# Shown as: [profile-email-unverified-before] <strong>[profile-email-unverified]</strong>[profile-email-unverified-after]
profile-email-unverified-before = { $email } is
profile-email-unverified = not verified yet
profile-email-unverified-after = . Open the link we mailed to it to confirm that it is yours.
profile-email-resend = Resend verification email
profile-new-email-label = New email address
profile-new-email-hint = You log in with it and get your mails there; it needs verifying again.
profile-email-password-label = Current password, to confirm the change
profile-email-submit = Change email address
profile-photo-heading = Profile photo
profile-photo-formats = JPEG, PNG or WebP
profile-photo-upload = Upload photo
profile-feed-heading = Calendar subscription
profile-feed-text = Subscribe to your appointments from Google Calendar, Outlook or Apple Calendar with a private address. A new address replaces the old one.
profile-feed-create = Create a subscription address
profile-feed-stop = Stop the current address
# Providers only: calendars of their own whose busy times close their bookable slots.
profile-busy-heading = Calendars that block your time
# For CalDAV calendars (Fastmail, Nextcloud, iCloud…).
profile-busy-login-intro = Busy events in these calendars of yours (Fastmail, Nextcloud, iCloud or any CalDAV server) are not offered as free slots (events marked “free” and cancelled ones do not count).
profile-busy-login-step-address = Copy the calendar's CalDAV address from its settings (Fastmail: Settings → Calendars → the calendar → CalDAV URL; Nextcloud: the calendar's “…” menu → Copy internal link).
profile-busy-login-step-password = Create an app-specific password for this site at your calendar provider (iCloud and Fastmail require one); we only read, and we store it encrypted.
# For Outlook (Microsoft 365) mailboxes.
profile-busy-mailbox-intro = Busy events in your Outlook (Microsoft 365) calendar are not offered as free slots (events shown as “free” or “working elsewhere”, cancelled ones and invitations you declined do not count).
# $address: the platform's calendar account.
profile-busy-mailbox-step-share = Nothing to share: { $address } reads the calendars of your organisation's mailboxes.
# When Outlook announces changes to us.
profile-busy-mailbox-step-enter-pushed = Enter your mailbox (work email) address below; its main calendar is read (changes within seconds, as Outlook tells us of them).
# When we check for changes every few minutes.
profile-busy-mailbox-step-enter-polled = Enter your mailbox (work email) address below; its main calendar is read (changes within minutes).
# For Google calendars. The quoted labels are those of Google Calendar's settings.
profile-busy-google-intro = Busy events in these Google calendars of yours are not offered as free slots (events marked “free” and invitations you declined do not count).
# Shown as: [profile-busy-google-step-share-before] <strong>calendar address</strong> [profile-busy-google-step-share-after-pushed or -polled]
profile-busy-google-step-share-before = In Google Calendar, open the calendar's settings, “Share with specific people”, and add
# When Google announces changes to us.
profile-busy-google-step-share-after-pushed = with “See all event details” (best: changes are read within seconds, as Google tells us of them) or “See only free/busy (hide details)” (read every few minutes).
# When we check for changes every few minutes.
profile-busy-google-step-share-after-polled = with “See all event details” (best: changes are read within minutes) or “See only free/busy (hide details)” (read every few minutes).
profile-busy-google-step-id = Enter the calendar's id below: for your main calendar, your Gmail address; for another, the “Calendar ID” under “Integrate calendar”.
# $mode: how the calendar is read, e.g. "free/busy only: busy blocks are read every few minutes".
profile-busy-access = Access: { $mode }
# Screen-reader label of the Remove button. $calendar: the calendar's id or address.
profile-busy-remove-label = Stop { $calendar } blocking your time
profile-busy-remove = Remove
profile-busy-id-login = Calendar address (CalDAV URL)
profile-busy-id-mailbox = Mailbox address
profile-busy-id-google = Calendar id
profile-busy-username = Username
profile-busy-app-password = App password
profile-busy-add = Add calendar
profile-tokens-heading = API tokens
# Shown as: [profile-tokens-intro-before] <link>[profile-tokens-intro-link]</link> [profile-tokens-intro-middle] <code>[profile-tokens-intro-header]</code>[profile-tokens-intro-after]
profile-tokens-intro-before = A token lets a program use the
profile-tokens-intro-link = JSON API
profile-tokens-intro-middle = as you: send it as
# An HTTP header: keep "Authorization: Bearer"; only the placeholder <token> may be translated.
profile-tokens-intro-header = Authorization: Bearer <token>
profile-tokens-intro-after = . Revoke a token you no longer use.
# $name: the name the user gave the token.
profile-token-created = Token “{ $name }” created.
profile-token-copy = Copy it now: it is shown only this once, and it works like your password.
profile-token-new-label = Your new token
profile-token-new-hint = Select it and copy (Ctrl+C, or ⌘+C on a Mac).
profile-token-name-label = Token name
profile-token-name-hint = What the token is for, e.g. “calendar script”.
profile-token-create = Create token
profile-tokens-list-label = Your API tokens
# $date: when the token was created.
profile-token-created-on = Created { $date }
# $date: when the token was last used.
profile-token-last-used = Last used { $date }
profile-token-never-used = Never used
# Screen-reader label of the Revoke button. $name: the token's name.
profile-token-revoke-label = Revoke token { $name }
profile-token-revoke = Revoke
profile-tokens-none = You have no API tokens.
profile-password-heading = Change password
profile-password-current = Current password
profile-password-new = New password
profile-password-submit = Change password
profile-data-heading = Your data
profile-data-export-text = Download everything we keep about you (profile, appointments, reviews, token and audit records) as a JSON file.
profile-data-export = Download your data
profile-data-delete-text = Deleting your account cancels your upcoming appointments and erases your personal data; the other side of your past appointments keeps them under a pseudonym.
profile-data-delete-link = Delete your account…

## dashboard.html

dashboard-title = Dashboard
dashboard-provider-heading = Your agenda
# Banner when the provider's own calendars could not be read.
# Shown as: <strong>[dashboard-closing-strong]</strong> [dashboard-closing-before] calendar ids [dashboard-closing-after]
#   <link>[dashboard-closing-link]</link>[dashboard-closing-link-after]
# $count: how many calendars are listed.
dashboard-closing-strong = Customers cannot book you right now.
dashboard-closing-before = We could not read
# $count: how many calendars are listed (for languages that agree with it).
dashboard-closing-after = lately (or it is no longer shared with us), so your slots are closed to avoid double bookings.
dashboard-closing-link = Check your calendars
dashboard-closing-link-after = ; slots reopen at the next successful read.
# $zone: an IANA time zone name such as Europe/Paris.
dashboard-times-in = Times in { $zone }.
dashboard-link-services = Services
# Link to the provider's working hours.
dashboard-link-hours = Hours
dashboard-link-public-page = Your public page
dashboard-today-heading = Today
dashboard-today-empty = Nothing booked today.
dashboard-week-heading = This week

# The statuses in the week grid use the shared appointment-status-* keys (site.ftl).

# A day of the week grid without appointments.
dashboard-week-free = Free
dashboard-classes-heading = Classes
dashboard-attendees-label = Attendees
dashboard-upcoming-heading = Upcoming
# Followed by the provider's booking link.
dashboard-provider-upcoming-empty = No upcoming appointments yet. Share your booking link:
dashboard-recent-heading = Recent
dashboard-past-empty = No past appointments.
dashboard-customer-heading = Your appointments
# Shown as: [dashboard-customer-upcoming-empty-before] <link>[dashboard-customer-upcoming-empty-link]</link>[dashboard-customer-upcoming-empty-after]
dashboard-customer-upcoming-empty-before = Nothing booked yet.
dashboard-customer-upcoming-empty-link = Find a service
dashboard-customer-upcoming-empty-after = {" "}to book.
dashboard-past-heading = Past

## services.html (a provider's services)

services-heading = Your services
services-new = New service
# Followed by the link.
services-booking-link = Your booking link:
services-inactive = inactive
# $minutes: the service's duration.
services-minutes = { $minutes } min
# Followed by the service's name for screen readers only.
services-edit = Edit
services-view = View
services-deactivate = Deactivate
services-activate = Activate
# Shown as: [services-empty-before] <link>[services-empty-link]</link>[services-empty-after]
services-empty-before = You offer no services yet.
services-empty-link = Create your first service
services-empty-after = {" "}so customers can book you.

## service_form.html

service-form-title-edit = Edit service
service-form-title-new = New service
# $name: the service's name.
service-form-heading-edit = Edit { $name }
service-form-errors = Please correct the fields marked below.
service-form-name = Name
service-form-description = Description
service-form-optional = (optional)
service-form-category = Category
service-form-no-category = No category
service-form-time = Time
service-form-duration = Duration in minutes
service-form-buffer-before = Free minutes before
service-form-buffer-after = Free minutes after
service-form-capacity = Places
service-form-capacity-hint = (1 for one customer at a time; more makes it a class that customers book a place in)
service-form-price = Price
service-form-amount = Amount
service-form-currency = Currency
service-form-policy = Booking policy
service-form-own-policy = This service has its own policy (otherwise your schedule's policy applies)
service-form-save = Save changes
service-form-create = Create service
service-form-back = Back to your services
service-form-photo-heading = Photo
service-form-photo-formats = JPEG, PNG or WebP
service-form-photo-upload = Upload photo

## schedule.html (a provider's working hours)

schedule-heading = Your schedule
# Shown as: [schedule-zone] <link>[schedule-zone-change]</link>[schedule-zone-change-after]
# $zone: an IANA time zone name such as Europe/Paris.
schedule-zone = Hours are in your time zone, { $zone }.
schedule-zone-change = Change it
schedule-zone-change-after = .
schedule-weekly-heading = Weekly hours
schedule-weekly-hint = Add one row per working interval, for example 09:00–12:00 and 13:00–17:00 for a lunch break. Leave a day empty when you do not work.
schedule-day-monday = Monday
schedule-day-tuesday = Tuesday
schedule-day-wednesday = Wednesday
schedule-day-thursday = Thursday
schedule-day-friday = Friday
schedule-day-saturday = Saturday
schedule-day-sunday = Sunday
# Screen-reader labels of the time fields. $day: a weekday name above; $number: 1, 2, 3…
schedule-interval-start = { $day } interval { $number } start
schedule-interval-end = { $day } interval { $number } end
schedule-add-interval = Add an interval
schedule-save-hours = Save weekly hours
schedule-overrides-heading = Days off and special hours
# The hours of a day off in the list.
schedule-closed = Closed
# Followed by the day, for screen readers only.
schedule-remove = Remove
schedule-overrides-empty = No days off or special hours planned. Your weekly hours apply every day.
schedule-override-date = Date
schedule-override-kind = On that date
schedule-override-closed = Day off
schedule-override-hours = Special hours:
schedule-override-first-start = First interval start
schedule-override-first-end = First interval end
schedule-override-second-start = Second interval start
schedule-override-second-end = Second interval end
schedule-override-add = Add
schedule-policy-heading = Booking policy
schedule-policy-hint = Applies to every service that does not set its own.
schedule-policy-save = Save policy

## photo_upload.html

photo-upload-title-profile = Your photo
photo-upload-title-service = Service photo
# $max_mb: the largest file accepted, in megabytes.
photo-upload-label = Photo (JPEG, PNG or WebP, at most { $max_mb } MB)
photo-upload-submit = Upload

## calendar_feed.html

calendar-feed-heading = Calendar feed
# The quoted labels are those of Google Calendar and Apple Calendar.
calendar-feed-intro = Subscribe to this address in your calendar app (Google Calendar: “From URL”; Apple Calendar: “New Calendar Subscription”). Keep it private: anyone with it sees your appointments. It is shown only now; create a new one to replace it.
calendar-feed-address-label = Your calendar feed address
calendar-feed-revoked = Your calendar feed is turned off; its old address no longer works.
calendar-feed-replace = Replace the address
calendar-feed-create = Create a feed address
calendar-feed-turn-off = Turn the feed off

## webhooks.html

webhooks-heading = Webhooks
# Shown as: [webhooks-intro-before] <link>[webhooks-intro-standard]</link>[webhooks-intro-middle] <link>[webhooks-intro-api]</link>[webhooks-intro-after]
webhooks-intro-before = A webhook endpoint is told about bookings as they happen: each message is signed per
# The name of a specification (standardwebhooks.com).
webhooks-intro-standard = Standard Webhooks
webhooks-intro-middle = , so any of its libraries verifies it with the endpoint's secret. The
webhooks-intro-api = API
webhooks-intro-after = {" "}offers the same.
webhooks-created = Endpoint registered.
webhooks-created-copy = Copy its signing secret now: it is shown only this once.
webhooks-secret-label = Signing secret
webhooks-open = Open the endpoint
webhooks-register-heading = Register an endpoint
webhooks-register-submit = Register endpoint

## webhook.html (one endpoint)

webhook-heading = Webhook endpoint
webhook-all = All webhook endpoints
# After the endpoint's URL.
webhook-everyone = receives everyone's events
webhook-disabled = Disabled. Enable it below, then resend what it missed.
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
webhook-disabled-reason = Disabled: { $reason }. Enable it below, then resend what it missed.
webhook-new-secret = New signing secret.
webhook-new-secret-copy = Copy it now: it is shown only this once.
# $until: a date and time.
webhook-old-secret-until = The old secret keeps signing next to it until { $until }.
webhook-secret-label = Signing secret
# $until: a date and time.
webhook-previous-secret-until = The previous secret keeps signing until { $until }.
webhook-settings-heading = Settings
webhook-save = Save
webhook-send-test = Send test
webhook-rotate = Rotate secret
webhook-delete = Delete endpoint
webhook-attempts-heading = Recent attempts
# Column headings of the attempts table.
webhook-col-when = When (UTC)
webhook-col-event = Event
webhook-col-status = Status
webhook-col-time = Time
webhook-col-answer = Answer
webhook-col-resend = Resend
# In the Status column when the receiver did not answer.
webhook-no-answer = no answer
# $ms: a duration in milliseconds.
webhook-duration = { $ms } ms
# Screen-reader label of the Resend button. $message: the message id.
webhook-resend-label = Resend message { $message }
webhook-resend = Resend
webhook-attempts-empty = Nothing sent yet. Send a test to see it here.

## partials_webhook_form.html

partials-webhook-form-url = URL
partials-webhook-form-url-hint = Where messages are posted, e.g. https://crm.example.org/hooks/bys. It must reach the public internet.
partials-webhook-form-description = Description (optional)
partials-webhook-form-events = Events
partials-webhook-form-enabled = Send messages to this endpoint

## partials_webhook_list.html

partials-webhook-list-label = Webhook endpoints
# After an endpoint's event names (admins' endpoints receive the events of all providers).
partials-webhook-list-everyone = everyone's events
partials-webhook-list-enabled = Enabled
partials-webhook-list-disabled = Disabled
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
partials-webhook-list-disabled-reason = Disabled: { $reason }
partials-webhook-list-empty = No webhook endpoints yet.
