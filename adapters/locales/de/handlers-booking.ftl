# Text the page handlers build in Rust for booking, appointments, the catalogue, series,
# the waitlist, reviews, the dashboard and the booking-policy form (web/src/pages/*.rs,
# web/src/present.rs). Arguments arrive already formatted (names, dates, times, zones).
# German (formal "Sie").

## Dates are formatted by ICU4X (adapters/src/local_format.rs), not here.

# A day of the service page's month calendar, read by screen readers. $date: its weekday,
# day and month ("Thursday 3 December"); then how many free times it has.
h-book-picker-day = { $date }, { $count ->
    [0] keine freien Termine
    [one] { $count } freier Termin
   *[other] { $count } freie Termine
}

## Appointments: lists and the appointment's page.

# The name shown when the service no longer exists.
h-book-a-service = Eine Leistung
# Who an appointment is with, shown to its customer. $name: the provider's name.
h-book-with = bei { $name }
# Who an appointment is for, shown to its provider. $name: the customer's name.
h-book-for = für { $name }
h-book-not-yours-title = Nicht Ihr Termin
h-book-not-yours = Dieser Termin gehört jemand anderem.
# Notices after an action on an appointment.
h-book-done-cancelled = Der Termin ist abgesagt.
h-book-done-rescheduled = Der Termin wurde auf die neue Zeit verschoben.
h-book-done-moved-following = Dieser Termin und die folgenden wurden verschoben.
h-book-done-kept = Der Termin bleibt zur bisherigen Zeit; Ihr Anbieter wird informiert.
h-book-done-confirmed = Der Termin ist bestätigt.
h-book-done-booked = Der Platz gehört Ihnen: Der Termin ist gebucht.
h-book-done-released = Der Platz ist für die nächste Person auf der Warteliste freigegeben.
h-book-done-completed = Der Termin ist als stattgefunden markiert.
h-book-done-no-show = Der Termin ist als nicht erschienen markiert.
h-book-done-reviewed = Vielen Dank: Ihre Bewertung ist veröffentlicht.
h-book-done-replied = Ihre Antwort ist veröffentlicht.
# $error: why the cancellation reason was refused (a sentence).
h-book-reason-invalid = Grund: { $error }
# $error: why (a sentence).
h-book-not-cancelled = Der Termin konnte nicht abgesagt werden: { $error }
# $error: why (a sentence).
h-book-not-moved = Der Termin konnte nicht verschoben werden: { $error }
h-book-answer-forbidden-title = Nur die Kundin oder der Kunde kann antworten
h-book-answer-forbidden = Nur die Kundschaft dieses Termins kann eine neue Zeit annehmen oder ablehnen.
h-book-status-forbidden-title = Nur der Anbieter kann das tun
h-book-status-forbidden = Nur der Anbieter dieses Termins kann seinen Status ändern.
h-book-changed-meanwhile = Der Termin wurde inzwischen geändert. Bitte versuchen Sie es noch einmal.
h-book-no-proposal = Es gibt keine vorgeschlagene Verschiebung, auf die Sie antworten können.
# "Move this and following": $example is the current start as the field expects it (2026-06-02T14:30).
h-book-move-following-start = Geben Sie das neue Datum und die neue Uhrzeit ein, zum Beispiel { $example }.
# $when: the occurrence that cannot move (date, time and zone); $error: why (a sentence).
h-book-move-following-refused = Der Termin am { $when } kann nicht verschoben werden, daher wurde nichts verschoben: { $error }
h-book-move-following-taken = Eine der neuen Zeiten wurde gerade gebucht, daher wurde nichts verschoben.
h-book-series-changed-meanwhile = Ein Termin der Terminserie wurde inzwischen geändert. Bitte versuchen Sie es noch einmal.

## Why a change of an appointment was refused.

# $status: cancelled, completed, no-show, released (select on it to translate it).
h-book-err-closed = { $status ->
    [cancelled] Der Termin ist bereits abgesagt.
    [completed] Der Termin hat bereits stattgefunden.
    [no-show] Der Termin ist bereits als nicht erschienen vermerkt.
    [released] Der Platz ist bereits freigegeben.
   *[other] Der Termin ist bereits abgeschlossen.
}
h-book-err-already-confirmed = Der Termin ist bereits bestätigt.
h-book-err-on-hold = Diese Zeit ist nur für Sie vorgemerkt: Nehmen Sie sie zuerst an oder lehnen Sie sie ab.
h-book-err-not-on-hold = Diese Zeit ist nicht (mehr) für Sie vorgemerkt.
h-book-err-too-late = Änderungen sind bis { $hours } Stunden vor dem Termin möglich.
h-book-err-started = Der Termin hat bereits begonnen.
h-book-err-not-started = Der Termin hat noch nicht begonnen.

## Why a time cannot be booked (or an appointment moved to it).

h-book-err-in-past = Diese Zeit liegt in der Vergangenheit.
h-book-err-too-soon = Dieser Anbieter braucht mindestens { $minutes } Minuten Vorlauf.
h-book-err-too-far = Buchungen sind höchstens { $days } Tage im Voraus möglich.
h-book-err-outside-hours = Der Anbieter arbeitet zu dieser Zeit nicht.
h-book-err-off-grid = Termine beginnen ab Arbeitsbeginn alle { $minutes } Minuten.
h-book-err-slot-taken = Diese Zeit ist bereits gebucht.
h-book-err-class-full = Dieser Kurs ist ausgebucht: Alle { $places } Plätze sind vergeben.
h-book-err-one-class = Ein Platz in einem Kurs wird immer nur für einen Kurstermin gebucht: Er kann nicht Teil einer Terminserie sein und nicht verschoben werden (sagen Sie ihn ab und buchen Sie einen anderen Kurstermin).
h-book-err-own-service = Sie können Ihre eigene Leistung nicht buchen.
h-book-err-unavailable = Diese Leistung kann derzeit nicht gebucht werden.

## Booking a time.

h-book-slot-taken-sorry = Leider hat gerade eben jemand diese Zeit gebucht.
h-book-class-full-sorry = Leider ist dieser Kurs ausgebucht: Alle { $places } Plätze sind vergeben.
h-book-err-customers-only = Nur Kundenkonten können buchen: Melden Sie sich mit einem Kundenkonto an, um zu buchen.
h-book-err-key-reused = Dieser Idempotenzschlüssel wurde bereits für eine andere Buchung verwendet.
h-book-too-many = Sie haben in der letzten Stunde zu oft versucht zu buchen. Bitte versuchen Sie es später noch einmal.

## Free texts: $field is note, review, reply or reason (select on it to name the field).

h-book-text-missing = { $field ->
    [note] Bitte geben Sie eine Notiz ein.
    [review] Bitte schreiben Sie einen Bewertungstext.
    [reply] Bitte schreiben Sie eine Antwort.
   *[reason] Bitte geben Sie einen Grund an.
}
h-book-text-length = { $field ->
    [note] Die Notiz
    [review] Der Bewertungstext
    [reply] Die Antwort
   *[reason] Der Grund
} muss zwischen { $min } und { $max } Zeichen lang sein.
h-book-text-control = { $field ->
    [note] Die Notiz
    [review] Der Bewertungstext
    [reply] Die Antwort
   *[reason] Der Grund
} enthält unsichtbare Steuerzeichen.

## Search and the service page.

# A class's free time. $left: places still free; $capacity: all places.
h-book-places-left = noch { $left } von { $capacity } Plätzen frei
h-book-err-search-too-long = Suchen Sie nach höchstens { $max } Zeichen.
h-book-err-negative-price = Preise können nicht negativ sein.
h-book-err-price-range = Der niedrigste Preis darf nicht über dem höchsten liegen.
# $zone: the name as typed, in quotes.
h-book-err-unknown-zone = Unbekannte Zeitzone { $zone }: Verwenden Sie einen IANA-Namen wie Europe/Berlin.
h-book-err-no-such-service = Diese Leistung gibt es nicht.
h-book-err-window-too-long = Freie Termine können für höchstens { $days } Tage auf einmal angezeigt werden.

## Series.

h-book-series-repeat-invalid = Wählen Sie, wie oft und wie viele Male wiederholt werden soll.
h-book-series-interval = Eine Terminserie wiederholt sich alle 1 bis 4 Wochen.
h-book-series-count = Eine Terminserie hat 2 bis 12 Termine.
h-book-series-choose = Wählen Sie, welche Termine gebucht werden sollen.
# Followed by the list of the series' dates.
h-book-series-not-all-free = Nicht mehr alle Termine sind buchbar, daher wurde nichts gebucht. So sieht die Terminserie jetzt aus:
h-book-series-nothing-free = Keiner der Termine ist mehr buchbar.

## Waitlist.

h-book-waitlist-days-invalid = Geben Sie beide Tage als Datum ein.
h-book-waitlist-times-invalid = Geben Sie beide Uhrzeiten im Format HH:MM ein.
h-book-waitlist-days-backwards = Der letzte Tag darf nicht vor dem ersten liegen.
h-book-waitlist-too-long = Ein Zeitraum auf der Warteliste umfasst höchstens { $days } Tage.
h-book-waitlist-times-backwards = Die späteste Uhrzeit muss nach der frühesten liegen.
h-book-waitlist-customers-only = Nur Kundenkonten können sich auf eine Warteliste setzen: Melden Sie sich mit einem Kundenkonto an.
h-book-waitlist-not-found = Diese Leistung oder diesen Eintrag auf der Warteliste gibt es nicht.
h-book-waitlist-window-over = Dieser Zeitraum ist bereits vorbei.
h-book-waitlist-already = Sie stehen bereits auf der Warteliste für diese Leistung: Verlassen Sie sie zuerst, um Ihren Zeitraum zu ändern.
h-book-waitlist-hold-open = Für Sie ist ein Platz vorgemerkt: Lehnen Sie ihn stattdessen ab.
h-book-waitlist-joined = Sie stehen auf der Warteliste. Wir schreiben Ihnen, sobald ein Platz für Sie vorgemerkt ist.
h-book-waitlist-left = Sie haben die Warteliste verlassen.
h-book-waitlist-forbidden-title = Hier gibt es keine Warteliste
h-book-waitlist-forbidden = Kunden sehen ihre eigenen Einträge auf der Warteliste, Anbieter sehen, wer auf ihre Leistungen wartet.
h-book-waitlist-cannot-leave = Verlassen noch nicht möglich

## Reviews.

h-book-rating-none = Noch keine Bewertungen
# $average: the average stars with one decimal (4.5); $count: how many reviews.
h-book-rating = Mit { $average } von 5 bewertet, aus { $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
}
h-book-reviews-verified = Bewertungen stammen nur von Kunden, die eine Buchung wahrgenommen haben.
h-book-review-forbidden-title = Sie können diesen Termin nicht bewerten
h-book-review-forbidden = Nur die Kundschaft eines stattgefundenen Termins kann ihn bewerten, innerhalb von 90 Tagen danach.
h-book-review-stars-invalid = Wählen Sie 1 bis 5 Sterne.
h-book-review-not-customer = Nur die Kundschaft dieses Termins kann ihn bewerten.
h-book-review-not-completed = Nur ein stattgefundener Termin kann bewertet werden.
h-book-review-window-closed = Bewertungen können bis 90 Tage nach dem Termin geschrieben oder geändert werden.
h-book-review-stars = Eine Bewertung hat 1 bis 5 Sterne.
# $hidden: yes or no.
h-book-review-already-moderated = { $hidden ->
    [yes] Die Bewertung ist bereits ausgeblendet.
   *[no] Die Bewertung ist bereits sichtbar.
}
h-book-review-changed-meanwhile = Die Bewertung wurde inzwischen geändert. Bitte versuchen Sie es noch einmal.
h-book-reply-title = Auf eine Bewertung antworten
h-book-reply-label = Ihre öffentliche Antwort
h-book-reply-button = Antwort speichern
h-book-report-title = Bewertung melden
h-book-report-label = Warum sollte sich unser Team diese Bewertung ansehen?
h-book-report-button = Meldung senden
h-book-reply-forbidden-title = Nur der Anbieter kann antworten
h-book-reply-forbidden = Nur der Anbieter des bewerteten Termins kann auf die Bewertung antworten.
h-book-report-thanks = Vielen Dank: Unser Team sieht sich diese Bewertung an.
h-book-report-already = Sie haben diese Bewertung bereits gemeldet.

## The provider's dashboard.

# A class on the agenda. $booked: places booked; $capacity: all places.
h-book-places-booked = { $booked } von { $capacity } Plätzen gebucht

## The booking-policy fields (schedule and service forms).

h-book-policy-notice = Geben Sie den Vorlauf in ganzen Minuten ein, zum Beispiel 60.
h-book-policy-horizon = Geben Sie eine Anzahl von Tagen zwischen 1 und 730 ein.
h-book-policy-step = Geben Sie den Takt in Minuten ein, zum Beispiel 15, oder lassen Sie das Feld leer.
h-book-policy-cutoff = Geben Sie die Änderungsfrist in ganzen Stunden ein, zum Beispiel 12.
h-book-policy-hold = Geben Sie die Vormerkzeit in ganzen Minuten ein, von 15 bis 4320 (3 Tage).
# $minutes: the step typed.
h-book-policy-step-invalid = Der Takt der freien Termine muss 5 bis 480 Minuten in 5-Minuten-Schritten betragen, nicht { $minutes }.
h-book-policy-notice-max = Der Mindestvorlauf darf höchstens 30 Tage betragen.
h-book-policy-cutoff-max = Die Änderungsfrist darf höchstens 30 Tage betragen.
h-book-policy-horizon-range = Buchungen müssen zwischen 1 und 730 Tage im Voraus möglich sein.
h-book-policy-notice-horizon = Der Mindestvorlauf muss kürzer sein als der Zeitraum, für den im Voraus gebucht werden kann.
h-book-policy-hold-range = Ein freigewordener Platz kann 15 Minuten bis 3 Tage vorgemerkt werden.
