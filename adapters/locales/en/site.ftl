# Book Your Services: the public pages, booking and appointments. English.
# Templates: base, home, search, service, provider, book, series, series_booked, waitlist,
# waitlist_join, review, review_action, appointment, reschedule, error and the partials
# partials_reviews, partials_row, partials_actions, partials_policy.
# Variables are already formatted by the app (dates, times, prices, zone names).

# base.html: the layout of every page (head, navigation, footer).
base-description = Find a barber, tutor, physio or yoga class near you, see their real free times in your time zone and book in a few taps.
base-skip-link = Skip to main content

# Accessible name of the main navigation bar.
base-nav-main = Main
base-nav-search = Find a service
base-nav-dashboard = Dashboard
base-nav-waitlist = Waitlist

# A provider's own services and working hours.
base-nav-services = Services
base-nav-schedule = Schedule
base-nav-admin = Admin
base-nav-account = Account
base-log-out = Log out
base-log-in = Log in
base-sign-up = Sign up

# Footer: accessible name of the language switcher (visitors who are not signed in).
base-language = Language

# Footer link for signed-in users, whose language is a setting of their account.
base-language-account = Language: change it in your account

# home.html: the home page.
home-heading = Book a service in a few taps
home-search-label = Search services
home-search-placeholder = Haircut, tutoring, yoga…
home-search-button = Search
home-browse-heading = Browse by category
home-new-heading = New on Book Your Services

# Length of a service, $minutes is a number.
home-minutes = { $minutes } min

# Shown when there are no services yet: home-empty-before, then a link to sign up with the
# text home-empty-link, then home-empty-after right after the link (start it with {" "} for a space).
home-empty-before = No services yet. Providers:
home-empty-link = create an account
home-empty-after = {" "}to offer yours.

# search.html: search results with filters.
# Page title, followed by " · Book Your Services".
search-title = Search
search-heading = Find a service
search-form-label = Search and filters
search-query-label = Search
search-category-label = Category
search-category-all = All categories

# Filter on the length of a service.
search-length-label = Length
search-length-any = Any length

# $minutes: 30, 60, 90 or 120.
search-length-option = Up to { $minutes } min
search-rating-label = Rating
search-rating-any = Any rating

# $stars: 4, 3 or 2.
search-rating-option =
    { $stars ->
        [one] { $stars } star or more
       *[other] { $stars } stars or more
    }
search-sort-label = Order
search-sort-relevance = Best match
search-sort-price-asc = Price: low to high
search-sort-price-desc = Price: high to low
search-sort-newest = Newest
search-sort-rating = Best rated
search-submit = Show results

# Heading over the results: how many services match.
search-results =
    { $count ->
        [one] { $count } service
       *[other] { $count } services
    }
search-minutes = { $minutes } min
search-pages-label = Result pages
search-previous = Previous
search-page-of = Page { $page } of { $pages }
search-next = Next
search-empty = No services match.

# $query: the words searched for.
search-empty-query = No services match “{ $query }”.

# search-empty-hint-before, then a link to all services with the text search-empty-hint-link,
# then search-empty-hint-after right after the link.
search-empty-hint-before = Try fewer words, another category, or
search-empty-hint-link = see all services
search-empty-hint-after = .

# service.html: a service's page with its month calendar of free times.
service-minutes =
    { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }

# Heading of the time picker when an existing appointment is being moved.
service-pick-new-time = Pick a new time for your appointment
service-pick-time = Pick a time
service-back-to-appointment = Back to the appointment
service-zone-label = Show times in time zone

# The examples are IANA time zone names: keep them in this form (Region/City).
service-zone-hint = A city such as Europe/Paris or America/New_York.

# After an error about the zone typed: the provider's zone is shown instead.
service-zone-fallback = Showing { $zone }.
service-zone-submit = Show

# Screen-reader text of the ‹ and › month buttons.
service-previous-month = Previous month
service-next-month = Next month

# Calendar column headings (weeks start on Monday): the full name for screen readers, then
# the two-letter abbreviation shown.
service-weekday-mon = Monday
service-weekday-mon-short = Mo
service-weekday-tue = Tuesday
service-weekday-tue-short = Tu
service-weekday-wed = Wednesday
service-weekday-wed-short = We
service-weekday-thu = Thursday
service-weekday-thu-short = Th
service-weekday-fri = Friday
service-weekday-fri-short = Fr
service-weekday-sat = Saturday
service-weekday-sat-short = Sa
service-weekday-sun = Sunday
service-weekday-sun-short = Su

# After the day's date in the heading over its free times.
service-times-in = (times in { $zone })
service-free-times = Free times in { $zone }
service-no-free-times = No free times on this day. Try another day, or join the waitlist below.

# Link to the waitlist form; waitlist-empty-customer quotes its last words.
service-waitlist-link = Nothing suits you? Join the waitlist
service-provider-zone = The provider works in { $zone }.

# provider.html: a provider's public page.
# Followed by the page's address as a link.
provider-book-directly = Book directly:
provider-minutes = { $minutes } min
provider-pick-time = Pick a time

# Screen-reader text after provider-pick-time; $service is the service's name.
provider-pick-time-for = for { $service }
provider-empty = { $provider } has no services to book right now.

# book.html: confirming a booking, and the offer to repeat it.
book-title = Confirm your booking

# Above a list of other free times after the chosen one was taken.
book-alternatives = These times are still free:
book-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
book-when-for-provider = For the provider: { $when }
book-note-label = Note for the provider
book-note-hint = (optional)
book-submit = Book this time
book-choose-another-time = Choose another time
book-repeat-heading = Repeat this booking

# Label of a select whose options are book-every-option ("Repeat every" + "2 weeks").
book-repeat-every = Repeat every

# $weeks: 1 to 4.
book-every-option =
    { $weeks ->
        [one] week
       *[other] { $weeks } weeks
    }
book-times-label = Number of appointments

# $count: 2 to 12.
book-times-option =
    { $count ->
        [one] { $count } time
       *[other] { $count } times
    }
book-repeat-submit = See which dates are free

# series.html: previewing and booking a recurring series.
series-title = Repeat your booking

# After the price of one appointment.
series-price-each = each
series-minutes = { $minutes } min
series-repeat-legend = Repeat

# Label of a select whose options are series-every-option ("Every" + "2 weeks").
series-every-label = Every

# $weeks: 1 to 4.
series-every-option =
    { $weeks ->
        [one] week
       *[other] { $weeks } weeks
    }
series-times-label = Number of appointments

# $count: 2 to 12.
series-times-option =
    { $count ->
        [one] { $count } time
       *[other] { $count } times
    }
series-check-submit = Check these dates
series-dates-heading = Dates
series-zone-note = Times are shown in { $zone }. Each appointment keeps the provider's local time, also across daylight-saving changes.

# How many of the dates can be booked; English keeps one form for every number.
series-free-count = { $free } of { $total } are free.

# The state of each date in the list; a reason follows series-occurrence-taken.
series-occurrence-free = free
series-occurrence-taken = not available
series-note-label = Note for the provider
series-note-hint = (optional, on every appointment)

# Buttons: $count is how many of the dates are free (English keeps one form for every number).
series-book-free-only = Book the { $count } free dates only
series-book-all-or-none = Book all or none
series-all-or-none-hint = Booking all or none is possible only while every date is free.
series-book-all = Book all { $count } dates
series-book-free-anyway = Book the free ones, even if some are taken meanwhile

# series-none-free-before, then a link back to the time picker with the text
# series-none-free-link, then series-none-free-after right after the link.
series-none-free-before = None of these dates can be booked. Try another interval or
series-none-free-link = choose another time
series-none-free-after = .

# $error: why the note was refused (a sentence).
series-note-error = Note: { $error }
series-choose-another-time = Choose another time

# series_booked.html: after booking a series.
series-booked-title = Series booked
series-booked-heading = Your series is booked
series-booked-minutes = { $minutes } min
series-booked-zone = times in { $zone }

# $count: how many appointments were booked (English keeps one form for every number).
series-booked-summary = { $count } appointments booked. Each one has its own confirmation mail and calendar entry, and can be moved or cancelled on its own.
series-booked-skipped-heading = Not booked
series-booked-dashboard-link = Your appointments

# waitlist.html: a customer's waitlist entries, or who waits for a provider's services.
waitlist-title = Waitlist
waitlist-heading-provider = Who is waiting
waitlist-heading-customer = Your waitlist
waitlist-provider-intro = Customers waiting for a place in your services, first come first served. A freed place is held for the first of them whose window it fits.

# $date: when the entry was made, e.g. "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
waitlist-joined = Joined { $date }

# $until: a date and time like $date above. waitlist-held is the provider's view.
waitlist-held = A place is held until { $until }.
waitlist-held-for-you = A place is held for you until { $until }.
waitlist-hold-link = Book it or let it go
waitlist-leave = Leave the waitlist
waitlist-empty-provider = Nobody is waiting.

# Quotes the end of service-waitlist-link.
waitlist-empty-customer = You are not waiting for anything. On a service's page, "Join the waitlist" asks us to hold the next free place for you.

# waitlist_join.html: joining the waitlist of a service.
waitlist-join-title = Join the waitlist

# waitlist-join-for, then the service's name as a link, then waitlist-join-intro right after
# the link (it starts with the full stop ending "For <service>.").
waitlist-join-for = For
waitlist-join-intro = . When a place frees up in your window, the first person waiting has it held for them for a time the provider sets (two hours unless changed) and gets a mail to book it with one click.
waitlist-join-days-legend = Days
waitlist-join-first-day = From
waitlist-join-last-day = To
waitlist-join-times-legend = Times of day
waitlist-join-times-zone = (in { $zone })
waitlist-join-from = Earliest start
waitlist-join-until = Latest end
waitlist-join-submit = Join the waitlist
waitlist-join-back = Back to the times

# review.html: a customer writes or changes a review.
review-title-change = Change your review
review-title-write = Write a review
review-change-window = You may change your review for 90 days after the appointment.
review-stars-legend = Your rating

# $count: 1 to 5.
review-stars-option =
    { $count ->
        [one] { $count } star
       *[other] { $count } stars
    }
review-text-label = Your review
review-text-hint = (optional, shown publicly with your first name and initial)
review-submit-change = Save changes
review-submit-write = Publish review
review-back-to-appointment = Back to the appointment

# review_action.html: the reply or report form about a review.
review-action-back-home = Back to the home page

# partials_reviews.html: the reviews block of service and provider pages.
partials-reviews-heading = Reviews

# After the average rating ("4.5 / 5 · 12 reviews").
partials-reviews-count =
    { $count ->
        [one] { $count } review
       *[other] { $count } reviews
    }

# $stars: 1 to 5 (English keeps one form for every number).
partials-reviews-stars = { $stars } out of 5 stars
partials-reviews-reply-heading = Reply from the provider
partials-reviews-report = Report

# Screen-reader text after partials-reviews-report; $author is the reviewer's short name.
partials-reviews-report-whose = the review by { $author }

# partials_row.html: an appointment in lists. Its status uses the appointment-status-* keys.
partials-row-minutes = { $minutes } min

# Shown in bold, followed by partials-row-conflict-text.
partials-row-conflict = Conflict:
partials-row-conflict-text = overlaps an event in your own calendar
partials-row-note = Note: { $note }

# partials_actions.html: the buttons for an appointment (confirm, complete, move, cancel).
partials-actions-confirm = Confirm
partials-actions-complete = Mark completed
partials-actions-no-show = Mark no-show
partials-actions-reschedule = Move to another time

# Opens the cancellation form.
partials-actions-cancel-open = Cancel…
partials-actions-reason-label = Reason
partials-actions-reason-hint = (optional, shown to the other party)
partials-actions-cancel = Cancel this appointment
partials-actions-cancel-class = Cancel the whole class

# Screen-reader text after partials-actions-cancel-class.
partials-actions-cancel-class-hint = for every attendee
partials-actions-cancel-following = Cancel this and following

# Screen-reader text after partials-actions-cancel-following.
partials-actions-cancel-following-hint = appointments of the series

# appointment.html: an appointment's page.
appointment-title = Appointment
appointment-heading-cancelled = Cancelled appointment
appointment-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
appointment-when-for-provider = For the provider: { $when }

# Followed by the status in bold (one of the appointment-status-* values below).
appointment-status-caption = Status:

# An appointment's status, also in lists (partials_row.html). One key per status of
# domain::AppointmentStatus::as_str (with "_" written "-").
appointment-status-requested = awaiting confirmation
appointment-status-confirmed = confirmed
appointment-status-cancelled = cancelled
appointment-status-completed = completed
appointment-status-no-show = no-show
appointment-status-held = held from the waitlist
appointment-status-released = released (not booked)

# Shown in bold, followed by appointment-conflict-text (to the provider).
appointment-conflict = Conflict:
appointment-conflict-text = this appointment overlaps an event in your own calendar that we learnt about after it was booked. It stays booked; move or cancel it if you cannot make it (the customer is told as usual).
appointment-note-own = Your note: { $note }
appointment-note-customer = Customer's note: { $note }
appointment-cancel-reason = Reason for cancelling: { $reason }
appointment-add-to-calendar = Add to calendar (.ics)

# A place freed for a customer on the waitlist. $until: a date and time, e.g.
# "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
appointment-held-until = Held for you until { $until }
appointment-held-text = A place you waited for is free. Nobody else can book it until then. Book it, or let it go to the next person waiting.
appointment-hold-accept = Book this place
appointment-hold-decline = No, thanks
appointment-move-heading = New time proposed

# To the customer: appointment-move-customer-before, the new time in bold, then
# appointment-move-customer-after right after it (start it with {" "} for a space).
appointment-move-customer-before = Your provider moved this appointment in their calendar to
appointment-move-customer-after = . Nothing changes until you answer.
appointment-move-accept = Accept the new time

# $when: the current time of the appointment.
appointment-move-decline = Keep { $when }

# To the provider: appointment-move-provider-before, the new time in bold, then
# appointment-move-provider-after right after it.
appointment-move-provider-before = Moved in the provider's calendar to
appointment-move-provider-after = ; waiting for the customer to accept it. Until then the appointment keeps its time.
appointment-review-heading = Review

# $stars: 1 to 5 (English keeps one form for every number).
appointment-review-stars = { $stars } out of 5 stars
appointment-review-hidden = hidden by staff
appointment-review-reply-heading = Reply from the provider
appointment-review-change = Change your review
appointment-review-write = Write a review
appointment-reply-change = Change your public reply
appointment-reply-write = Reply publicly
appointment-reply-submit = Save reply

# Opens the form to move this occurrence of a series and all later ones.
appointment-move-following-open = Move this and following…

# Screen-reader text after appointment-move-following-open.
appointment-move-following-hint = appointments of the series
appointment-move-start-label = New time for this appointment
appointment-move-start-hint = ({ $zone }; every later one moves by the same shift and keeps the provider's local time)
appointment-move-following-submit = Move this and following

# reschedule.html: confirming the new time of an appointment.
reschedule-title = Move your appointment

# Before the old time (struck through) and the new time (in bold).
reschedule-from = From
reschedule-to = To
reschedule-submit = Move to this time
reschedule-choose-another-time = Choose another time
reschedule-back-to-appointment = Back to the appointment

# error.html: error pages.
error-back-home = Back to the home page

# partials_policy.html: a provider's booking rules (labels of number fields; the unit comes last).
partials-policy-notice-minutes = Minimum notice, minutes
partials-policy-horizon-days = Bookable up to, days ahead
partials-policy-slot-step = Start times every, minutes
partials-policy-slot-step-hint = (blank: the service duration)
partials-policy-cutoff-hours = Customers can cancel or move until, hours before
partials-policy-hold-minutes = A freed place is held for the first on the waitlist, minutes
partials-policy-auto-confirm = Confirm bookings at once (otherwise you confirm each request)

# The privacy notice page (its text is the operator's, from the configuration).
privacy-heading = Privacy notice
privacy-version = Version { $version }
privacy-your-data = Download or delete your data from your account
