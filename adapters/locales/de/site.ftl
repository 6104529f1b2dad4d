# Book Your Services: the public pages, booking and appointments. German (formal "Sie").
# Templates: base, home, search, service, provider, book, series, series_booked, waitlist,
# waitlist_join, review, review_action, appointment, reschedule, error and the partials
# partials_reviews, partials_row, partials_actions, partials_policy.
# Variables are already formatted by the app (dates, times, prices, zone names).

# base.html: the layout of every page (head, navigation, footer).
base-description = Finden Sie Friseure, Nachhilfe, Physiotherapie oder Yogakurse in Ihrer Nähe, sehen Sie die tatsächlich freien Termine in Ihrer Zeitzone und buchen Sie mit wenigen Klicks.
base-skip-link = Zum Hauptinhalt springen

# Accessible name of the main navigation bar.
base-nav-main = Hauptnavigation
base-nav-search = Leistung finden
base-nav-dashboard = Übersicht
base-nav-waitlist = Warteliste

# A provider's own services and working hours.
base-nav-services = Leistungen
base-nav-schedule = Arbeitszeiten
base-nav-admin = Verwaltung
base-nav-account = Konto
base-log-out = Abmelden
base-log-in = Anmelden
base-sign-up = Registrieren

# Footer: accessible name of the language switcher (visitors who are not signed in).
base-language = Sprache

# Footer link for signed-in users, whose language is a setting of their account.
base-language-account = Sprache: in Ihrem Konto ändern

# home.html: the home page.
home-heading = Leistungen mit wenigen Klicks buchen
home-search-label = Leistungen durchsuchen
home-search-placeholder = Haarschnitt, Nachhilfe, Yoga…
home-search-button = Suchen
home-browse-heading = Nach Kategorie stöbern
home-new-heading = Neu bei Book Your Services

# Length of a service, $minutes is a number.
home-minutes = { $minutes } Min.

# Shown when there are no services yet: home-empty-before, then a link to sign up with the
# text home-empty-link, then home-empty-after right after the link (start it with {" "} for a space).
home-empty-before = Noch keine Leistungen. Anbieter:
home-empty-link = Erstellen Sie ein Konto
home-empty-after = , um Ihre Leistungen anzubieten.

# search.html: search results with filters.
# Page title, followed by " · Book Your Services".
search-title = Suche
search-heading = Leistung finden
search-form-label = Suche und Filter
search-query-label = Suchbegriff
search-category-label = Kategorie
search-category-all = Alle Kategorien

# Filter on the length of a service.
search-length-label = Dauer
search-length-any = Beliebige Dauer

# $minutes: 30, 60, 90 or 120.
search-length-option = Bis { $minutes } Min.
search-rating-label = Bewertung
search-rating-any = Beliebige Bewertung

# $stars: 4, 3 or 2.
search-rating-option =
    { $stars ->
        [one] ab { $stars } Stern
       *[other] ab { $stars } Sternen
    }
search-sort-label = Sortierung
search-sort-relevance = Beste Übereinstimmung
search-sort-price-asc = Preis: aufsteigend
search-sort-price-desc = Preis: absteigend
search-sort-newest = Neueste zuerst
search-sort-rating = Beste Bewertung
search-submit = Ergebnisse anzeigen

# Heading over the results: how many services match.
search-results =
    { $count ->
        [one] { $count } Leistung
       *[other] { $count } Leistungen
    }
search-minutes = { $minutes } Min.
search-pages-label = Ergebnisseiten
search-previous = Zurück
search-page-of = Seite { $page } von { $pages }
search-next = Weiter
search-empty = Keine Leistung passt.

# $query: the words searched for.
search-empty-query = Keine Leistung passt zu „{ $query }“.

# search-empty-hint-before, then a link to all services with the text search-empty-hint-link,
# then search-empty-hint-after right after the link.
search-empty-hint-before = Versuchen Sie es mit weniger Wörtern, einer anderen Kategorie, oder
search-empty-hint-link = sehen Sie sich alle Leistungen an
search-empty-hint-after = .

# service.html: a service's page with its month calendar of free times.
service-minutes =
    { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }

# Heading of the time picker when an existing appointment is being moved.
service-pick-new-time = Wählen Sie eine neue Zeit für Ihren Termin
service-pick-time = Zeit wählen
service-back-to-appointment = Zurück zum Termin
service-zone-label = Zeiten anzeigen in Zeitzone

# The examples are IANA time zone names: keep them in this form (Region/City).
service-zone-hint = Eine Stadt wie Europe/Berlin oder America/New_York.

# After an error about the zone typed: the provider's zone is shown instead.
service-zone-fallback = Angezeigt wird { $zone }.
service-zone-submit = Anzeigen

# Screen-reader text of the ‹ and › month buttons.
service-previous-month = Vorheriger Monat
service-next-month = Nächster Monat

# Calendar column headings (weeks start on Monday): the full name for screen readers, then
# the two-letter abbreviation shown.
service-weekday-mon = Montag
service-weekday-mon-short = Mo
service-weekday-tue = Dienstag
service-weekday-tue-short = Di
service-weekday-wed = Mittwoch
service-weekday-wed-short = Mi
service-weekday-thu = Donnerstag
service-weekday-thu-short = Do
service-weekday-fri = Freitag
service-weekday-fri-short = Fr
service-weekday-sat = Samstag
service-weekday-sat-short = Sa
service-weekday-sun = Sonntag
service-weekday-sun-short = So

# After the day's date in the heading over its free times.
service-times-in = (Zeiten in { $zone })
service-free-times = Freie Termine in { $zone }
service-no-free-times = An diesem Tag gibt es keine freien Termine. Wählen Sie einen anderen Tag oder tragen Sie sich unten in die Warteliste ein.

# Link to the waitlist form; waitlist-empty-customer quotes its last words.
service-waitlist-link = Nichts Passendes dabei? Auf die Warteliste setzen
service-provider-zone = Der Anbieter arbeitet in der Zeitzone { $zone }.

# provider.html: a provider's public page.
# Followed by the page's address as a link.
provider-book-directly = Direkt buchen:
provider-minutes = { $minutes } Min.
provider-pick-time = Zeit wählen

# Screen-reader text after provider-pick-time; $service is the service's name.
provider-pick-time-for = für { $service }
provider-empty = { $provider } bietet derzeit keine buchbaren Leistungen an.

# book.html: confirming a booking, and the offer to repeat it.
book-title = Buchung bestätigen

# Above a list of other free times after the chosen one was taken.
book-alternatives = Diese Zeiten sind noch frei:
book-minutes = { $minutes } Min.

# $when: the same time in the provider's time zone.
book-when-for-provider = Für den Anbieter: { $when }
book-note-label = Notiz für den Anbieter
book-note-hint = (optional)
book-submit = Diese Zeit buchen
book-choose-another-time = Andere Zeit wählen
book-repeat-heading = Diese Buchung wiederholen

# Label of a select whose options are book-every-option ("Repeat every" + "2 weeks").
book-repeat-every = Wiederholen

# $weeks: 1 to 4.
book-every-option =
    { $weeks ->
        [one] jede Woche
       *[other] alle { $weeks } Wochen
    }
book-times-label = Anzahl der Termine

# $count: 2 to 12.
book-times-option =
    { $count ->
        [one] { $count } Termin
       *[other] { $count } Termine
    }
book-repeat-submit = Prüfen, welche Termine frei sind

# series.html: previewing and booking a recurring series.
series-title = Buchung wiederholen

# After the price of one appointment.
series-price-each = pro Termin
series-minutes = { $minutes } Min.
series-repeat-legend = Wiederholung

# Label of a select whose options are series-every-option ("Every" + "2 weeks").
series-every-label = Häufigkeit

# $weeks: 1 to 4.
series-every-option =
    { $weeks ->
        [one] jede Woche
       *[other] alle { $weeks } Wochen
    }
series-times-label = Anzahl der Termine

# $count: 2 to 12.
series-times-option =
    { $count ->
        [one] { $count } Termin
       *[other] { $count } Termine
    }
series-check-submit = Diese Termine prüfen
series-dates-heading = Termine
series-zone-note = Zeiten in { $zone }. Jeder Termin behält die Ortszeit des Anbieters, auch über Zeitumstellungen hinweg.

# How many of the dates can be booked; English keeps one form for every number.
series-free-count =
    { $free ->
        [one] { $free } von { $total } ist frei.
       *[other] { $free } von { $total } sind frei.
    }

# The state of each date in the list; a reason follows series-occurrence-taken.
series-occurrence-free = frei
series-occurrence-taken = nicht verfügbar
series-note-label = Notiz für den Anbieter
series-note-hint = (optional, für jeden Termin)

# Buttons: $count is how many of the dates are free (English keeps one form for every number).
series-book-free-only =
    { $count ->
        [one] Nur den freien Termin buchen
       *[other] Nur die { $count } freien Termine buchen
    }
series-book-all-or-none = Alle oder keinen buchen
series-all-or-none-hint = „Alle oder keinen buchen“ ist nur möglich, solange jeder Termin frei ist.
series-book-all = Alle { $count } Termine buchen
series-book-free-anyway = Die freien buchen, auch wenn inzwischen einige vergeben sind

# series-none-free-before, then a link back to the time picker with the text
# series-none-free-link, then series-none-free-after right after the link.
series-none-free-before = Keiner dieser Termine ist buchbar. Versuchen Sie einen anderen Rhythmus oder
series-none-free-link = wählen Sie eine andere Zeit
series-none-free-after = .

# $error: why the note was refused (a sentence).
series-note-error = Notiz: { $error }
series-choose-another-time = Andere Zeit wählen

# series_booked.html: after booking a series.
series-booked-title = Terminserie gebucht
series-booked-heading = Ihre Terminserie ist gebucht
series-booked-minutes = { $minutes } Min.
series-booked-zone = Zeiten in { $zone }

# $count: how many appointments were booked (English keeps one form for every number).
series-booked-summary =
    { $count ->
        [one] { $count } Termin gebucht.
       *[other] { $count } Termine gebucht.
    } Jeder hat eine eigene Bestätigungsmail und einen eigenen Kalendereintrag und kann einzeln verschoben oder abgesagt werden.
series-booked-skipped-heading = Nicht gebucht
series-booked-dashboard-link = Ihre Termine

# waitlist.html: a customer's waitlist entries, or who waits for a provider's services.
waitlist-title = Warteliste
waitlist-heading-provider = Wer wartet
waitlist-heading-customer = Ihre Warteliste
waitlist-provider-intro = Kundschaft, die auf einen Platz bei Ihren Leistungen wartet, in der Reihenfolge der Anmeldung. Ein frei gewordener Platz wird für die erste Person reserviert, in deren Zeitfenster er passt.

# $date: when the entry was made, e.g. "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
waitlist-joined = Eingetragen am { $date }

# $until: a date and time like $date above. waitlist-held is the provider's view.
waitlist-held = Ein Platz ist bis { $until } reserviert.
waitlist-held-for-you = Ein Platz ist bis { $until } für Sie reserviert.
waitlist-hold-link = Buchen oder freigeben
waitlist-leave = Warteliste verlassen
waitlist-empty-provider = Niemand wartet.

# Quotes the end of service-waitlist-link.
waitlist-empty-customer = Sie warten derzeit auf nichts. Auf der Seite einer Leistung können Sie mit „Auf die Warteliste setzen“ den nächsten freien Platz für sich reservieren lassen.

# waitlist_join.html: joining the waitlist of a service.
waitlist-join-title = Auf die Warteliste setzen

# waitlist-join-for, then the service's name as a link, then waitlist-join-intro right after
# the link (it starts with the full stop ending "For <service>.").
waitlist-join-for = Für
waitlist-join-intro = . Wird in Ihrem Zeitfenster ein Platz frei, wird er für die erste wartende Person so lange reserviert, wie der Anbieter festlegt (zwei Stunden, sofern nicht geändert), und sie erhält eine Mail, um ihn mit einem Klick zu buchen.
waitlist-join-days-legend = Tage
waitlist-join-first-day = Von
waitlist-join-last-day = Bis
waitlist-join-times-legend = Tageszeiten
waitlist-join-times-zone = (in { $zone })
waitlist-join-from = Frühester Beginn
waitlist-join-until = Spätestes Ende
waitlist-join-submit = Auf die Warteliste setzen
waitlist-join-back = Zurück zu den Zeiten

# review.html: a customer writes or changes a review.
review-title-change = Bewertung ändern
review-title-write = Bewertung schreiben
review-change-window = Sie können Ihre Bewertung bis 90 Tage nach dem Termin ändern.
review-stars-legend = Ihre Sternebewertung

# $count: 1 to 5.
review-stars-option =
    { $count ->
        [one] { $count } Stern
       *[other] { $count } Sterne
    }
review-text-label = Ihre Bewertung
review-text-hint = (optional, wird öffentlich mit Ihrem Vornamen und dem Anfangsbuchstaben Ihres Nachnamens angezeigt)
review-submit-change = Änderungen speichern
review-submit-write = Bewertung veröffentlichen
review-back-to-appointment = Zurück zum Termin

# review_action.html: the reply or report form about a review.
review-action-back-home = Zurück zur Startseite

# partials_reviews.html: the reviews block of service and provider pages.
partials-reviews-heading = Bewertungen

# After the average rating ("4.5 / 5 · 12 reviews").
partials-reviews-count =
    { $count ->
        [one] { $count } Bewertung
       *[other] { $count } Bewertungen
    }

# $stars: 1 to 5 (English keeps one form for every number).
partials-reviews-stars = { $stars } von 5 Sternen
partials-reviews-reply-heading = Antwort des Anbieters
partials-reviews-report = Melden

# Screen-reader text after partials-reviews-report; $author is the reviewer's short name.
partials-reviews-report-whose = (Bewertung von { $author })

# partials_row.html: an appointment in lists. Its status uses the appointment-status-* keys.
partials-row-minutes = { $minutes } Min.

# Shown in bold, followed by partials-row-conflict-text.
partials-row-conflict = Konflikt:
partials-row-conflict-text = überschneidet sich mit einem Eintrag in Ihrem eigenen Kalender
partials-row-note = Notiz: { $note }

# partials_actions.html: the buttons for an appointment (confirm, complete, move, cancel).
partials-actions-confirm = Bestätigen
partials-actions-complete = Als abgeschlossen markieren
partials-actions-no-show = Als nicht erschienen markieren
partials-actions-reschedule = Auf eine andere Zeit verschieben

# Opens the cancellation form.
partials-actions-cancel-open = Absagen…
partials-actions-reason-label = Grund
partials-actions-reason-hint = (optional, wird der anderen Seite angezeigt)
partials-actions-cancel = Diesen Termin absagen
partials-actions-cancel-class = Den ganzen Kurs absagen

# Screen-reader text after partials-actions-cancel-class.
partials-actions-cancel-class-hint = (für alle Teilnehmenden)
partials-actions-cancel-following = Diesen und folgende absagen

# Screen-reader text after partials-actions-cancel-following.
partials-actions-cancel-following-hint = (Termine der Terminserie)

# appointment.html: an appointment's page.
appointment-title = Termin
appointment-heading-cancelled = Abgesagter Termin
appointment-minutes = { $minutes } Min.

# $when: the same time in the provider's time zone.
appointment-when-for-provider = Für den Anbieter: { $when }

# Followed by the status in bold (one of the appointment-status-* values below).
appointment-status-caption = Status:

# An appointment's status, also in lists (partials_row.html). One key per status of
# domain::AppointmentStatus::as_str (with "_" written "-").
appointment-status-requested = wartet auf Bestätigung
appointment-status-confirmed = bestätigt
appointment-status-cancelled = abgesagt
appointment-status-completed = abgeschlossen
appointment-status-no-show = nicht erschienen
appointment-status-held = von der Warteliste reserviert
appointment-status-released = freigegeben (nicht gebucht)

# Shown in bold, followed by appointment-conflict-text (to the provider).
appointment-conflict = Konflikt:
appointment-conflict-text = Dieser Termin überschneidet sich mit einem Eintrag in Ihrem eigenen Kalender, von dem wir erst nach der Buchung erfahren haben. Er bleibt gebucht; verschieben Sie ihn oder sagen Sie ihn ab, falls Sie ihn nicht wahrnehmen können (die Kundschaft wird wie gewohnt informiert).
appointment-note-own = Ihre Notiz: { $note }
appointment-note-customer = Notiz der Kundschaft: { $note }
appointment-cancel-reason = Grund der Absage: { $reason }
appointment-add-to-calendar = Zum Kalender hinzufügen (.ics)

# A place freed for a customer on the waitlist. $until: a date and time, e.g.
# "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
appointment-held-until = Für Sie reserviert bis { $until }
appointment-held-text = Ein Platz, auf den Sie gewartet haben, ist frei. Bis dahin kann ihn niemand sonst buchen. Buchen Sie ihn oder überlassen Sie ihn der nächsten wartenden Person.
appointment-hold-accept = Diesen Platz buchen
appointment-hold-decline = Nein, danke
appointment-move-heading = Neue Zeit vorgeschlagen

# To the customer: appointment-move-customer-before, the new time in bold, then
# appointment-move-customer-after right after it (start it with {" "} for a space).
appointment-move-customer-before = Ihr Anbieter hat diesen Termin im eigenen Kalender auf
appointment-move-customer-after = {" "}verschoben. Bis Sie antworten, ändert sich nichts.
appointment-move-accept = Neue Zeit annehmen

# $when: the current time of the appointment.
appointment-move-decline = { $when } beibehalten

# To the provider: appointment-move-provider-before, the new time in bold, then
# appointment-move-provider-after right after it.
appointment-move-provider-before = Im Kalender des Anbieters auf
appointment-move-provider-after = {" "}verschoben; die Zustimmung der Kundschaft steht noch aus. Bis dahin behält der Termin seine Zeit.
appointment-review-heading = Bewertung

# $stars: 1 to 5 (English keeps one form for every number).
appointment-review-stars = { $stars } von 5 Sternen
appointment-review-hidden = vom Team ausgeblendet
appointment-review-reply-heading = Antwort des Anbieters
appointment-review-change = Bewertung ändern
appointment-review-write = Bewertung schreiben
appointment-reply-change = Öffentliche Antwort ändern
appointment-reply-write = Öffentlich antworten
appointment-reply-submit = Antwort speichern

# Opens the form to move this occurrence of a series and all later ones.
appointment-move-following-open = Diesen und folgende verschieben…

# Screen-reader text after appointment-move-following-open.
appointment-move-following-hint = (Termine der Terminserie)
appointment-move-start-label = Neue Zeit für diesen Termin
appointment-move-start-hint = ({ $zone }; jeder spätere Termin verschiebt sich um denselben Abstand und behält die Ortszeit des Anbieters)
appointment-move-following-submit = Diesen und folgende verschieben

# reschedule.html: confirming the new time of an appointment.
reschedule-title = Termin verschieben

# Before the old time (struck through) and the new time (in bold).
reschedule-from = Von
reschedule-to = Auf
reschedule-submit = Auf diese Zeit verschieben
reschedule-choose-another-time = Andere Zeit wählen
reschedule-back-to-appointment = Zurück zum Termin

# error.html: error pages.
error-back-home = Zurück zur Startseite

# partials_policy.html: a provider's booking rules (labels of number fields; the unit comes last).
partials-policy-notice-minutes = Mindestvorlauf, Minuten
partials-policy-horizon-days = Buchbar bis, Tage im Voraus
partials-policy-slot-step = Startzeiten alle, Minuten
partials-policy-slot-step-hint = (leer: Dauer der Leistung)
partials-policy-cutoff-hours = Absagen oder Verschieben durch die Kundschaft bis, Stunden vorher
partials-policy-hold-minutes = Ein frei gewordener Platz wird für die erste Person auf der Warteliste reserviert, Minuten
partials-policy-auto-confirm = Buchungen sofort bestätigen (sonst bestätigen Sie jede Anfrage selbst)

privacy-heading = Datenschutzhinweise
privacy-version = Fassung { $version }
privacy-your-data = Ihre Daten laden Sie in Ihrem Konto herunter oder löschen sie dort
