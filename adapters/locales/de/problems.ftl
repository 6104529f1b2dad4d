## Die Problemdokumente der API (application/problem+json): ein Titel je Art von Problem und die
## Details, die die Seiten nicht teilen. Ablehnungen, die auch die Seiten zeigen, stammen aus handlers-*.ftl.

problem-title-bad-request = Fehlerhafte Anfrage
problem-title-unauthorized = Bitte zuerst anmelden
problem-title-login-refused = Anmeldung abgelehnt
problem-title-forbidden = Nicht erlaubt
problem-title-not-found = Nicht gefunden
problem-title-conflict = Konflikt
problem-title-changed-meanwhile = Inzwischen geändert
problem-title-payload-too-large = Anfrage zu groß
problem-title-refused = Anfrage abgelehnt
problem-title-too-many-requests = Zu viele Anfragen
problem-title-internal = Interner Fehler
problem-title-unavailable = Vorübergehend nicht verfügbar

problem-log-in = Dafür ist eine angemeldete Sitzung oder ein gültiges API-Token (Authorization: Bearer) erforderlich.
problem-token-unknown = Unbekanntes API-Token.
problem-token-revoked = Dieses API-Token wurde widerrufen.
problem-method-not-allowed = Diese Methode ist hier nicht erlaubt.
problem-payload-too-large = Der Inhalt der Anfrage ist größer, als der Server annimmt.
problem-internal = Bei uns ist etwas schiefgelaufen. Der Fehler wurde protokolliert.
problem-unavailable = Der Dienst ist kurzzeitig nicht verfügbar; es wurde nichts geändert. Bitte versuchen Sie es gleich noch einmal.
# $seconds: wann das Limit zurückgesetzt wird
problem-too-many-requests = { $seconds ->
    [one] Zu viele Anfragen. Versuchen Sie es in einer Sekunde noch einmal.
   *[other] Zu viele Anfragen. Versuchen Sie es in { $seconds } Sekunden noch einmal.
}
# $minutes: wann das Limit zurückgesetzt wird
problem-too-many-bookings = { $minutes ->
    [one] Zu viele Buchungsversuche in der letzten Stunde. Versuchen Sie es in einer Minute noch einmal.
   *[other] Zu viele Buchungsversuche in der letzten Stunde. Versuchen Sie es in { $minutes } Minuten noch einmal.
}
# $what: die Art dessen, was angefragt wurde
problem-not-found = { $what ->
    [account] Es gibt kein solches Konto.
    [appointment] Es gibt keinen solchen Termin.
    [audit-entry] Es gibt keinen solchen Eintrag im Audit-Protokoll.
    [calendar] Es gibt keinen solchen Kalender.
    [category] Es gibt keine solche Kategorie.
    [channel] Es gibt keinen solchen Kanal.
    [delivery] Es gibt keine solche Zustellung.
    [failed-delivery] Es gibt keine solche fehlgeschlagene Zustellung.
    [held-place] Es gibt keinen solchen vorgemerkten Platz.
    [message] Es gibt keine solche Nachricht.
    [own-service] Unter Ihren Leistungen gibt es keine solche Leistung.
    [provider] Es gibt keinen solchen Anbieter.
    [review] Es gibt keine solche Bewertung.
    [service] Es gibt keine solche Leistung.
    [service-or-waitlist-entry] Es gibt keine solche Leistung oder keinen solchen Eintrag auf der Warteliste.
    [token] Es gibt kein solches Token.
    [webhook-endpoint] Es gibt keinen solchen Webhook-Endpunkt.
   *[resource] Es gibt keine solche Ressource.
}
problem-empty-window = `to` muss nach `from` liegen.
problem-seven-days = Arbeitszeiten werden für alle sieben Wochentage benötigt.
problem-idempotency-key = Der Idempotency-Key muss aus 1 bis 100 sichtbaren ASCII-Zeichen bestehen.
problem-idempotency-key-reused = Dieser Idempotency-Key wurde bereits für eine andere Buchung verwendet.
problem-changed-since-read = Die Ressource wurde geändert, seit Sie sie gelesen haben: Lesen Sie sie erneut (mit ihrem neuen ETag) und wiederholen Sie die Änderung.
problem-photo-unreadable = Das Foto konnte nicht gelesen werden.
problem-privacy-notice-not-accepted = Akzeptieren Sie die Datenschutzhinweise (GET /privacy) mit accept_privacy_notice: true.
problem-unknown-language = Wählen Sie eine Sprache, in der der Marktplatz verfügbar ist (GET /api/v1/languages).
# $occurrences: die abgelehnten Startzeiten, jeweils mit ihrem Grund in Klammern
problem-occurrences-taken = Nicht alle Termine können gebucht werden: { $occurrences }.

problem-forbidden-book = Nur Kundenkonten können buchen: Melden Sie sich mit einem Kundenkonto an, um zu buchen.
problem-forbidden-join-waitlist = Nur Kundenkonten können sich auf eine Warteliste setzen: Melden Sie sich mit einem Kundenkonto an.
problem-forbidden-see-waitlist = Sie dürfen diese Warteliste nicht sehen.
problem-forbidden-list-appointments = Sie dürfen diese Termine nicht auflisten.
problem-forbidden-see-appointment = Sie dürfen diesen Termin nicht sehen.
problem-forbidden-cancel = Sie dürfen diesen Termin nicht absagen.
problem-forbidden-status = Sie dürfen den Status dieses Termins nicht ändern.
problem-forbidden-move = Sie dürfen diesen Termin nicht verschieben.
problem-forbidden-offer-services = Nur Anbieterkonten können Leistungen anbieten.
problem-forbidden-own-services = Nur Anbieterkonten haben Leistungen.
problem-forbidden-change-service = Sie dürfen diese Leistung nicht ändern.
problem-forbidden-change-photo = Sie dürfen dieses Foto nicht ändern.
problem-forbidden-schedule = Nur Anbieterkonten haben Arbeitszeiten und Buchungsregeln.
problem-forbidden-hours = Sie dürfen die Arbeitszeiten dieses Anbieters nicht ändern.
problem-forbidden-policy = Sie dürfen die Buchungsregeln dieses Anbieters nicht ändern.
problem-forbidden-webhooks = Sie dürfen keine Webhooks verwalten.
problem-forbidden-register = Diese Art von Konto kann hier nicht erstellt werden.
problem-forbidden-see-profile = Sie dürfen dieses Profil nicht sehen.
problem-forbidden-edit-profile = Sie dürfen dieses Profil nicht bearbeiten.
problem-forbidden-review = Nur die Kundschaft dieses Termins kann ihn bewerten.
problem-forbidden-reply = Nur der Anbieter des bewerteten Termins kann antworten.
problem-forbidden-role = Ihre Rolle erlaubt das nicht.
problem-forbidden-export = Sie dürfen nur Ihre eigenen Daten exportieren.
problem-forbidden-channel = Das Token des Kanals stimmt nicht überein.
