# Account pages: logging in, signing up, passwords, email verification, the account page,
# deleting the account, the dashboard, a provider's services and schedule, photos, the
# calendar feed and webhooks.
#
# Sentences that contain a link or emphasis are split into pieces around it; the comment
# above each group shows how the pieces are put together. Page titles get
# " · Book Your Services" appended by the page.

## login.html

login-heading = Anmelden
login-email-label = E-Mail-Adresse
login-password-label = Passwort
login-submit = Anmelden
login-forgot-link = Passwort vergessen?
# Shown as: [login-register-before] <link>[login-register-link]</link>[login-register-after]
login-register-before = Neu hier?
login-register-link = Konto erstellen
login-register-after = .

## register.html

register-heading = Konto erstellen
# Legend of the two choices below: "I want to … book services / offer services".
register-role-legend = Ich möchte
register-role-customer = Leistungen buchen (Kundenkonto)
register-role-provider = Leistungen anbieten (Anbieterkonto)
register-name-label = Ihr Name
register-name-hint = Sichtbar für alle, mit denen Sie Termine vereinbaren.
register-email-label = E-Mail-Adresse
register-password-label = Passwort
register-password-hint = Mindestens 8 Zeichen.
register-zone-label = Zeitzone
register-zone-hint = Ein IANA-Name wie Europe/Berlin; leer bedeutet UTC.
register-submit = Konto erstellen
register-privacy-before = Ich habe die
register-privacy-link = Datenschutzhinweise
register-privacy-after = {" "}gelesen und akzeptiere sie.
register-privacy-required = Bitte setzen Sie das Häkchen, um die Datenschutzhinweise zu akzeptieren; ohne diese Zustimmung können wir kein Konto eröffnen.
# Shown as: [register-login-before] <link>[register-login-link]</link>[register-login-after]
register-login-before = Sie haben schon ein Konto?
register-login-link = Anmelden
register-login-after = .

## forgot_password.html

forgot-password-heading = Passwort vergessen?
# $email: the address typed in; $minutes: how long the link works.
forgot-password-sent = Falls ein Konto die Adresse { $email } verwendet, haben wir dorthin einen Link zum Festlegen eines neuen Passworts gesendet. Der Link funktioniert einmal und ist { $minutes ->
        [one] { $minutes } Minute lang gültig.
       *[other] { $minutes } Minuten lang gültig.
    }
forgot-password-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen dann einen Link, mit dem Sie ein neues Passwort festlegen können.
forgot-password-email-label = E-Mail-Adresse
forgot-password-submit = Link senden
forgot-password-back = Zurück zur Anmeldung

## reset_password.html

reset-password-heading = Neues Passwort festlegen
# Shown as: [reset-password-invalid] <link>[reset-password-ask-link]</link>[reset-password-ask-after]
reset-password-invalid = Dieser Link ist ungültig, wurde bereits verwendet oder ist abgelaufen.
reset-password-ask-link = Fordern Sie einen neuen an
reset-password-ask-after = .
reset-password-new-label = Neues Passwort
reset-password-submit = Neues Passwort speichern

## verify_email.html

verify-email-heading = E-Mail-Bestätigung
# $email: the address just verified.
verify-email-done = Vielen Dank: { $email } ist bestätigt.
verify-email-back = Zurück zu Ihrem Konto
verify-email-login = Anmelden
verify-email-wrong-account = Dieser Link wurde für ein anderes Konto verschickt als das, mit dem Sie angemeldet sind. Er hat daher nichts bestätigt und funktioniert nicht mehr. Melden Sie sich bei dem anderen Konto an und fordern Sie auf dessen Kontoseite einen neuen Link an.
verify-email-invalid = Dieser Bestätigungslink ist ungültig, wurde bereits verwendet oder ist abgelaufen.
verify-email-resend = Neuen Bestätigungslink senden
verify-email-login-for-link = Anmelden und neuen Link anfordern

## unsubscribe.html (the link in review request emails)

unsubscribe-heading = E-Mails mit der Bitte um eine Bewertung
unsubscribe-ask = Nach einem abgeschlossenen Termin fragen wir Sie einmal per E-Mail, wie er war. Möchten Sie diese E-Mails abbestellen? E-Mails zu Ihren Buchungen erhalten Sie weiterhin.
unsubscribe-submit = Bewertungsanfragen per E-Mail abbestellen
unsubscribe-done = Erledigt: Wir bitten Sie nicht mehr per E-Mail um Bewertungen. Sie können abgeschlossene Termine weiterhin auf deren Seite bewerten und diese E-Mails in Ihrem Konto wieder einschalten.
unsubscribe-failed = Dieser Link wurde bereits verwendet oder ist abgelaufen. Ändern Sie die Einstellung stattdessen in Ihrem Konto.
unsubscribe-account = Ihr Konto
unsubscribe-login = Bei Ihrem Konto anmelden

## delete_account.html

delete-account-title-deleted = Konto gelöscht
delete-account-heading = Konto löschen
delete-account-deleted-heading = Ihr Konto ist gelöscht
delete-account-deleted-text = Ihre persönlichen Daten sind entfernt und Sie sind abgemeldet. Wer an Ihren vergangenen Terminen beteiligt war, behält diese unter einem Pseudonym.
delete-account-home = Zurück zur Startseite
delete-account-what-heading = Was passiert
delete-account-what-services = Ihre Leistungen werden deaktiviert: Niemand kann Sie mehr buchen.
delete-account-what-cancelled = Ihre Termine, die noch nicht begonnen haben, werden abgesagt; die andere Seite wird wie bei jeder Absage benachrichtigt.
delete-account-what-erased = Ihr Name, Ihre E-Mail-Adresse und Telefonnummer, Ihre Fotos, Notizen, Bewertungstexte und API-Token, Ihr Kalenderabonnement und Ihre Kalenderverbindungen werden gelöscht.
# $pseudonym: the name that replaces the user's in the other side's records, e.g. "Deleted customer".
delete-account-what-kept = Wer an Ihren vergangenen Terminen beteiligt war, behält diese (Zeit, Leistung, Preis) für die eigenen Unterlagen, und zwar unter dem Namen „{ $pseudonym }“.
# Shown as: [delete-account-what-final] <link>[delete-account-export-link]</link>[delete-account-export-after]
delete-account-what-final = Das lässt sich nicht rückgängig machen.
delete-account-export-link = Laden Sie vorher Ihre Daten herunter
delete-account-export-after = , wenn Sie eine Kopie behalten möchten.
delete-account-password-label = Aktuelles Passwort zur Bestätigung
delete-account-submit = Mein Konto endgültig löschen
delete-account-keep = Konto behalten

## profile.html (the account page)

profile-heading = Ihr Konto
# $email: the account's email address.
profile-signed-in-as = Angemeldet als { $email }
profile-profile-heading = Profil
profile-name-label = Name
profile-phone-label = Telefon
# After a field label, in smaller type.
profile-optional = (optional)
profile-zone-label = Zeitzone
profile-zone-hint = Zeiten werden in dieser Zeitzone angezeigt; auch die Arbeitszeiten von Anbietern beziehen sich auf ihre Zeitzone.
profile-language-label = Sprache
profile-language-hint = Seiten und alle E-Mails, die wir Ihnen senden, erscheinen in dieser Sprache.
profile-language-browser = Wie mein Browser es wünscht
profile-calendar-email-label = Gmail-Adresse für Ihren Kalender
profile-calendar-email-hint = Wir geben einen Kalender mit Ihren Terminen für dieses Google-Konto frei.
profile-review-requests = Nach einem abgeschlossenen Termin einmal per E-Mail um eine Bewertung bitten
profile-save = Profil speichern
profile-email-heading = E-Mail-Adresse
# Shown as: [profile-email-verified-before] <strong>[profile-email-verified]</strong> [profile-email-verified-after]
# $email: the address; $date: the day it was verified.
profile-email-verified-before = { $email } ist
profile-email-verified = bestätigt
profile-email-verified-after = (seit { $date }).
# Shown as: [profile-email-unverified-before] <strong>[profile-email-unverified]</strong>[profile-email-unverified-after]
profile-email-unverified-before = { $email } ist
profile-email-unverified = noch nicht bestätigt
profile-email-unverified-after = . Öffnen Sie den Link, den wir an diese Adresse gesendet haben, um zu bestätigen, dass sie Ihnen gehört.
profile-email-resend = Bestätigungs-E-Mail erneut senden
profile-new-email-label = Neue E-Mail-Adresse
profile-new-email-hint = Damit melden Sie sich an, und dorthin erhalten Sie Ihre E-Mails; die Adresse muss erneut bestätigt werden.
profile-email-password-label = Aktuelles Passwort zur Bestätigung der Änderung
profile-email-submit = E-Mail-Adresse ändern
profile-photo-heading = Profilfoto
profile-photo-formats = JPEG, PNG oder WebP
profile-photo-upload = Foto hochladen
profile-feed-heading = Kalenderabonnement
profile-feed-text = Abonnieren Sie Ihre Termine über eine private Adresse in Google Kalender, Outlook oder Apple Kalender. Eine neue Adresse ersetzt die alte.
profile-feed-create = Abonnement-Adresse erstellen
profile-feed-stop = Aktuelle Adresse deaktivieren
# Providers only: calendars of their own whose busy times close their bookable slots.
profile-busy-heading = Kalender, die Ihre Zeit blockieren
# For CalDAV calendars (Fastmail, Nextcloud, iCloud…).
profile-busy-login-intro = Zeiten, in denen Sie in diesen Kalendern (Fastmail, Nextcloud, iCloud oder ein anderer CalDAV-Server) belegt sind, werden nicht als freie Termine angeboten (als „frei“ markierte und abgesagte Ereignisse zählen nicht).
profile-busy-login-step-address = Kopieren Sie die CalDAV-Adresse des Kalenders aus dessen Einstellungen (Fastmail: Einstellungen → Kalender → der Kalender → CalDAV-URL; Nextcloud: Menü „…“ des Kalenders → Internen Link kopieren).
profile-busy-login-step-password = Erstellen Sie bei Ihrem Kalenderdienst ein app-spezifisches Passwort für diese Website (iCloud und Fastmail verlangen eines); wir lesen nur und speichern es verschlüsselt.
# For Outlook (Microsoft 365) mailboxes.
profile-busy-mailbox-intro = Zeiten, in denen Sie in Ihrem Outlook-Kalender (Microsoft 365) belegt sind, werden nicht als freie Termine angeboten (als „Frei“ oder „An anderem Ort tätig“ angezeigte Ereignisse, abgesagte Ereignisse und abgelehnte Einladungen zählen nicht).
# $address: the platform's calendar account.
profile-busy-mailbox-step-share = Sie müssen nichts freigeben: { $address } liest die Kalender der Postfächer Ihrer Organisation.
# When Outlook announces changes to us.
profile-busy-mailbox-step-enter-pushed = Geben Sie unten die Adresse Ihres Postfachs (Ihre geschäftliche E-Mail-Adresse) ein; wir lesen dessen Hauptkalender (Änderungen innerhalb von Sekunden, da Outlook uns darüber informiert).
# When we check for changes every few minutes.
profile-busy-mailbox-step-enter-polled = Geben Sie unten die Adresse Ihres Postfachs (Ihre geschäftliche E-Mail-Adresse) ein; wir lesen dessen Hauptkalender (Änderungen innerhalb weniger Minuten).
# For Google calendars. The quoted labels are those of Google Calendar's settings.
profile-busy-google-intro = Zeiten, in denen Sie in diesen Google-Kalendern belegt sind, werden nicht als freie Termine angeboten (als „frei“ markierte Ereignisse und abgelehnte Einladungen zählen nicht).
# Shown as: [profile-busy-google-step-share-before] <strong>calendar address</strong> [profile-busy-google-step-share-after-pushed or -polled]
profile-busy-google-step-share-before = Öffnen Sie in Google Kalender die Einstellungen des Kalenders, wählen Sie „Für bestimmte Personen oder Gruppen freigeben“ und fügen Sie
# When Google announces changes to us.
profile-busy-google-step-share-after-pushed = mit „Alle Termindetails anzeigen“ hinzu (am besten: Änderungen werden innerhalb von Sekunden gelesen, da Google uns darüber informiert) oder mit „Nur frei/beschäftigt anzeigen (Details ausblenden)“ (wird alle paar Minuten gelesen).
# When we check for changes every few minutes.
profile-busy-google-step-share-after-polled = mit „Alle Termindetails anzeigen“ hinzu (am besten: Änderungen werden innerhalb weniger Minuten gelesen) oder mit „Nur frei/beschäftigt anzeigen (Details ausblenden)“ (wird alle paar Minuten gelesen).
profile-busy-google-step-id = Geben Sie unten die ID des Kalenders ein: für Ihren Hauptkalender Ihre Gmail-Adresse, für einen anderen Kalender die „Kalender-ID“ unter „Kalender integrieren“.
# $mode: how the calendar is read, e.g. "free/busy only: busy blocks are read every few minutes".
profile-busy-access = Zugriff: { $mode }
# Screen-reader label of the Remove button. $calendar: the calendar's id or address.
profile-busy-remove-label = Blockierung durch { $calendar } aufheben
profile-busy-remove = Entfernen
profile-busy-id-login = Kalenderadresse (CalDAV-URL)
profile-busy-id-mailbox = Postfachadresse
profile-busy-id-google = Kalender-ID
profile-busy-username = Benutzername
profile-busy-app-password = App-Passwort
profile-busy-add = Kalender hinzufügen
profile-tokens-heading = API-Token
# Shown as: [profile-tokens-intro-before] <link>[profile-tokens-intro-link]</link> [profile-tokens-intro-middle] <code>[profile-tokens-intro-header]</code>[profile-tokens-intro-after]
profile-tokens-intro-before = Mit einem Token kann ein Programm die
profile-tokens-intro-link = JSON-API
profile-tokens-intro-middle = in Ihrem Namen nutzen. Senden Sie es als
# An HTTP header: keep "Authorization: Bearer"; only the placeholder <token> may be translated.
profile-tokens-intro-header = Authorization: Bearer <Token>
profile-tokens-intro-after = . Widerrufen Sie Token, die Sie nicht mehr verwenden.
# $name: the name the user gave the token.
profile-token-created = Token „{ $name }“ erstellt.
profile-token-copy = Kopieren Sie es jetzt: Es wird nur dieses eine Mal angezeigt und funktioniert wie Ihr Passwort.
profile-token-new-label = Ihr neues Token
profile-token-new-hint = Markieren und kopieren Sie es (Strg+C oder ⌘+C auf dem Mac).
profile-token-name-label = Name des Tokens
profile-token-name-hint = Wofür das Token gedacht ist, z. B. „Kalenderskript“.
profile-token-create = Token erstellen
profile-tokens-list-label = Ihre API-Token
# $date: when the token was created.
profile-token-created-on = Erstellt: { $date }
# $date: when the token was last used.
profile-token-last-used = Zuletzt verwendet: { $date }
profile-token-never-used = Nie verwendet
# Screen-reader label of the Revoke button. $name: the token's name.
profile-token-revoke-label = Token { $name } widerrufen
profile-token-revoke = Widerrufen
profile-tokens-none = Sie haben keine API-Token.
profile-password-heading = Passwort ändern
profile-password-current = Aktuelles Passwort
profile-password-new = Neues Passwort
profile-password-submit = Passwort ändern
profile-data-heading = Ihre Daten
profile-data-export-text = Laden Sie alles, was wir über Sie speichern (Profil, Termine, Bewertungen, Token- und Protokolleinträge), als JSON-Datei herunter.
profile-data-export = Ihre Daten herunterladen
profile-data-delete-text = Wenn Sie Ihr Konto löschen, werden Ihre bevorstehenden Termine abgesagt und Ihre persönlichen Daten gelöscht; wer an Ihren vergangenen Terminen beteiligt war, behält diese unter einem Pseudonym.
profile-data-delete-link = Konto löschen …

## dashboard.html

dashboard-title = Übersicht
dashboard-provider-heading = Ihr Terminplan
# Banner when the provider's own calendars could not be read.
# Shown as: <strong>[dashboard-closing-strong]</strong> [dashboard-closing-before] calendar ids [dashboard-closing-after]
#   <link>[dashboard-closing-link]</link>[dashboard-closing-link-after]
# $count: how many calendars are listed.
dashboard-closing-strong = Derzeit kann niemand bei Ihnen buchen.
dashboard-closing-before = Wir konnten
dashboard-closing-after = in letzter Zeit nicht lesen (oder { $count ->
        [one] er ist
       *[other] sie sind
    } nicht mehr für uns freigegeben). Daher sind Ihre freien Termine gesperrt, um Doppelbuchungen zu vermeiden.
dashboard-closing-link = Prüfen Sie Ihre Kalender
dashboard-closing-link-after = ; nach dem nächsten erfolgreichen Lesen sind Ihre freien Termine wieder buchbar.
# $zone: an IANA time zone name such as Europe/Paris.
dashboard-times-in = Zeiten in { $zone }.
dashboard-link-services = Leistungen
# Link to the provider's working hours.
dashboard-link-hours = Arbeitszeiten
dashboard-link-public-page = Ihre öffentliche Seite
dashboard-today-heading = Heute
dashboard-today-empty = Heute ist nichts gebucht.
dashboard-week-heading = Diese Woche

# The statuses in the week grid use the shared appointment-status-* keys (site.ftl).

# A day of the week grid without appointments.
dashboard-week-free = Frei
dashboard-classes-heading = Kurse
dashboard-attendees-label = Teilnehmende
dashboard-upcoming-heading = Anstehend
# Followed by the provider's booking link.
dashboard-provider-upcoming-empty = Noch keine anstehenden Termine. Teilen Sie Ihren Buchungslink:
dashboard-recent-heading = Zuletzt
dashboard-past-empty = Keine vergangenen Termine.
dashboard-customer-heading = Ihre Termine
# Shown as: [dashboard-customer-upcoming-empty-before] <link>[dashboard-customer-upcoming-empty-link]</link>[dashboard-customer-upcoming-empty-after]
dashboard-customer-upcoming-empty-before = Noch nichts gebucht.
dashboard-customer-upcoming-empty-link = Suchen Sie eine Leistung
dashboard-customer-upcoming-empty-after = {" "}und buchen Sie einen Termin.
dashboard-past-heading = Vergangen

## services.html (a provider's services)

services-heading = Ihre Leistungen
services-new = Neue Leistung
# Followed by the link.
services-booking-link = Ihr Buchungslink:
services-inactive = inaktiv
# $minutes: the service's duration.
services-minutes = { $minutes } Min.
# Followed by the service's name for screen readers only.
services-edit = Bearbeiten
services-view = Ansehen
services-deactivate = Deaktivieren
services-activate = Aktivieren
# Shown as: [services-empty-before] <link>[services-empty-link]</link>[services-empty-after]
services-empty-before = Sie bieten noch keine Leistungen an.
services-empty-link = Erstellen Sie Ihre erste Leistung
services-empty-after = , damit Sie gebucht werden können.

## service_form.html

service-form-title-edit = Leistung bearbeiten
service-form-title-new = Neue Leistung
# $name: the service's name.
service-form-heading-edit = { $name } bearbeiten
service-form-errors = Bitte korrigieren Sie die unten markierten Felder.
service-form-name = Name
service-form-description = Beschreibung
service-form-optional = (optional)
service-form-category = Kategorie
service-form-no-category = Keine Kategorie
service-form-time = Zeit
service-form-duration = Dauer in Minuten
service-form-buffer-before = Freie Minuten davor
service-form-buffer-after = Freie Minuten danach
service-form-capacity = Plätze
service-form-capacity-hint = (1 für jeweils eine Person; mit mehr Plätzen wird daraus ein Kurs, in dem man einen Platz bucht)
service-form-price = Preis
service-form-amount = Betrag
service-form-currency = Währung
service-form-policy = Buchungsregeln
service-form-own-policy = Für diese Leistung gelten eigene Regeln (sonst gelten die Regeln aus Ihren Arbeitszeiten)
service-form-save = Änderungen speichern
service-form-create = Leistung erstellen
service-form-back = Zurück zu Ihren Leistungen
service-form-photo-heading = Foto
service-form-photo-formats = JPEG, PNG oder WebP
service-form-photo-upload = Foto hochladen

## schedule.html (a provider's working hours)

schedule-heading = Ihre Arbeitszeiten
# Shown as: [schedule-zone] <link>[schedule-zone-change]</link>[schedule-zone-change-after]
# $zone: an IANA time zone name such as Europe/Paris.
schedule-zone = Die Zeiten gelten in Ihrer Zeitzone { $zone }.
schedule-zone-change = Ändern
schedule-zone-change-after = .
schedule-weekly-heading = Wöchentliche Arbeitszeiten
schedule-weekly-hint = Fügen Sie pro Arbeitszeitraum eine Zeile hinzu, zum Beispiel 09:00–12:00 und 13:00–17:00 für eine Mittagspause. Lassen Sie Tage leer, an denen Sie nicht arbeiten.
schedule-day-monday = Montag
schedule-day-tuesday = Dienstag
schedule-day-wednesday = Mittwoch
schedule-day-thursday = Donnerstag
schedule-day-friday = Freitag
schedule-day-saturday = Samstag
schedule-day-sunday = Sonntag
# Screen-reader labels of the time fields. $day: a weekday name above; $number: 1, 2, 3…
schedule-interval-start = { $day }, Zeitraum { $number }, Beginn
schedule-interval-end = { $day }, Zeitraum { $number }, Ende
schedule-add-interval = Zeitraum hinzufügen
schedule-save-hours = Wöchentliche Arbeitszeiten speichern
schedule-overrides-heading = Freie Tage und besondere Arbeitszeiten
# The hours of a day off in the list.
schedule-closed = Geschlossen
# Followed by the day, for screen readers only.
schedule-remove = Entfernen
schedule-overrides-empty = Keine freien Tage oder besonderen Arbeitszeiten geplant. Ihre wöchentlichen Arbeitszeiten gelten an jedem Tag.
schedule-override-date = Datum
schedule-override-kind = An diesem Tag
schedule-override-closed = Freier Tag
schedule-override-hours = Besondere Arbeitszeiten:
schedule-override-first-start = Beginn des ersten Zeitraums
schedule-override-first-end = Ende des ersten Zeitraums
schedule-override-second-start = Beginn des zweiten Zeitraums
schedule-override-second-end = Ende des zweiten Zeitraums
schedule-override-add = Hinzufügen
schedule-policy-heading = Buchungsregeln
schedule-policy-hint = Gelten für jede Leistung ohne eigene Regeln.
schedule-policy-save = Regeln speichern

## photo_upload.html

photo-upload-title-profile = Ihr Foto
photo-upload-title-service = Foto der Leistung
# $max_mb: the largest file accepted, in megabytes.
photo-upload-label = Foto (JPEG, PNG oder WebP, höchstens { $max_mb } MB)
photo-upload-submit = Hochladen

## calendar_feed.html

calendar-feed-heading = Kalender-Feed
# The quoted labels are those of Google Calendar and Apple Calendar.
calendar-feed-intro = Abonnieren Sie diese Adresse in Ihrer Kalender-App (Google Kalender: „Per URL“; Apple Kalender: „Neues Kalenderabonnement“). Behalten Sie sie für sich: Wer sie kennt, sieht Ihre Termine. Sie wird nur jetzt angezeigt; erstellen Sie eine neue, um sie zu ersetzen.
calendar-feed-address-label = Adresse Ihres Kalender-Feeds
calendar-feed-revoked = Ihr Kalender-Feed ist ausgeschaltet; seine alte Adresse funktioniert nicht mehr.
calendar-feed-replace = Adresse ersetzen
calendar-feed-create = Feed-Adresse erstellen
calendar-feed-turn-off = Feed ausschalten

## webhooks.html

webhooks-heading = Webhooks
# Shown as: [webhooks-intro-before] <link>[webhooks-intro-standard]</link>[webhooks-intro-middle] <link>[webhooks-intro-api]</link>[webhooks-intro-after]
webhooks-intro-before = Ein Webhook-Endpunkt wird über Buchungen informiert, sobald sie geschehen. Jede Nachricht wird nach
# The name of a specification (standardwebhooks.com).
webhooks-intro-standard = Standard Webhooks
webhooks-intro-middle = {" "}signiert, sodass jede Bibliothek dieses Standards sie mit dem Geheimnis des Endpunkts prüfen kann. Die
webhooks-intro-api = API
webhooks-intro-after = {" "}bietet dasselbe.
webhooks-created = Endpunkt registriert.
webhooks-created-copy = Kopieren Sie jetzt sein Signaturgeheimnis: Es wird nur dieses eine Mal angezeigt.
webhooks-secret-label = Signaturgeheimnis
webhooks-open = Endpunkt öffnen
webhooks-register-heading = Endpunkt registrieren
webhooks-register-submit = Endpunkt registrieren

## webhook.html (one endpoint)

webhook-heading = Webhook-Endpunkt
webhook-all = Alle Webhook-Endpunkte
# After the endpoint's URL.
webhook-everyone = erhält die Ereignisse aller Konten
webhook-disabled = Deaktiviert. Aktivieren Sie ihn unten und senden Sie dann erneut, was er verpasst hat.
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
webhook-disabled-reason = Deaktiviert: { $reason }. Aktivieren Sie ihn unten und senden Sie dann erneut, was er verpasst hat.
webhook-new-secret = Neues Signaturgeheimnis.
webhook-new-secret-copy = Kopieren Sie es jetzt: Es wird nur dieses eine Mal angezeigt.
# $until: a date and time.
webhook-old-secret-until = Das alte Geheimnis signiert bis { $until } parallel weiter.
webhook-secret-label = Signaturgeheimnis
# $until: a date and time.
webhook-previous-secret-until = Das vorherige Geheimnis signiert noch bis { $until }.
webhook-settings-heading = Einstellungen
webhook-save = Speichern
webhook-send-test = Test senden
webhook-rotate = Geheimnis erneuern
webhook-delete = Endpunkt löschen
webhook-attempts-heading = Letzte Zustellversuche
# Column headings of the attempts table.
webhook-col-when = Zeitpunkt (UTC)
webhook-col-event = Ereignis
webhook-col-status = Status
webhook-col-time = Dauer
webhook-col-answer = Antwort
webhook-col-resend = Erneut senden
# In the Status column when the receiver did not answer.
webhook-no-answer = keine Antwort
# $ms: a duration in milliseconds.
webhook-duration = { $ms } ms
# Screen-reader label of the Resend button. $message: the message id.
webhook-resend-label = Nachricht { $message } erneut senden
webhook-resend = Erneut senden
webhook-attempts-empty = Noch nichts gesendet. Senden Sie einen Test, um ihn hier zu sehen.

## partials_webhook_form.html

partials-webhook-form-url = URL
partials-webhook-form-url-hint = Wohin Nachrichten gesendet werden, z. B. https://crm.example.org/hooks/bys. Die Adresse muss über das öffentliche Internet erreichbar sein.
partials-webhook-form-description = Beschreibung (optional)
partials-webhook-form-events = Ereignisse
partials-webhook-form-enabled = Nachrichten an diesen Endpunkt senden

## partials_webhook_list.html

partials-webhook-list-label = Webhook-Endpunkte
# After an endpoint's event names (admins' endpoints receive the events of all providers).
partials-webhook-list-everyone = Ereignisse aller Konten
partials-webhook-list-enabled = Aktiv
partials-webhook-list-disabled = Deaktiviert
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
partials-webhook-list-disabled-reason = Deaktiviert: { $reason }
partials-webhook-list-empty = Noch keine Webhook-Endpunkte.
