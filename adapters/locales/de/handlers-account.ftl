# Texts the account, provider and admin handlers produce in Rust (notices, field
# errors, error pages).

# Error pages
h-acct-error-failed-title = Etwas ist schiefgelaufen
h-acct-error-failed-message = Das ist leider bei uns fehlgeschlagen. Der Fehler wurde protokolliert; bitte versuchen Sie es gleich noch einmal.
h-acct-error-too-large-title = Zu groß
h-acct-error-too-large-message = Was Sie gesendet haben, ist zu groß.
h-acct-error-bad-title = Das hat nicht funktioniert
h-acct-error-bad-message = Die Anfrage konnte nicht verstanden werden. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.
h-acct-error-unavailable-title = Vorübergehend nicht verfügbar
h-acct-error-unavailable-message = Wir können unsere Daten gerade nicht erreichen, daher wurde nichts geändert. Bitte versuchen Sie es in ein paar Sekunden noch einmal.
h-acct-error-not-found-title = Nicht gefunden
h-acct-error-not-found-message = Hier gibt es nichts. Es wurde vielleicht entfernt, oder die Adresse ist falsch geschrieben.

# Rejected text fields ($min and $max are numbers of characters)
h-acct-text-name-missing = Der Name ist erforderlich.
h-acct-text-name-length = Der Name muss zwischen { $min } und { $max } Zeichen lang sein.
h-acct-text-name-control = Der Name enthält unsichtbare Steuerzeichen.
h-acct-text-description-missing = Die Beschreibung ist erforderlich.
h-acct-text-description-length = Die Beschreibung muss zwischen { $min } und { $max } Zeichen lang sein.
h-acct-text-description-control = Die Beschreibung enthält unsichtbare Steuerzeichen.
h-acct-text-category-name-missing = Der Kategoriename ist erforderlich.
h-acct-text-category-name-length = Der Kategoriename muss zwischen { $min } und { $max } Zeichen lang sein.
h-acct-text-category-name-control = Der Kategoriename enthält unsichtbare Steuerzeichen.

# Rejected account data ($value is what was typed, in quotes)
h-acct-user-email = { $value } ist keine gültige E-Mail-Adresse.
h-acct-user-phone = Eine Telefonnummer besteht aus 5 bis 20 Ziffern, Leerzeichen, Bindestrichen, Punkten, Klammern und einem führenden +.
h-acct-user-password-length = Das Passwort muss zwischen { $min } und { $max } Zeichen lang sein.
h-acct-user-unknown-role = Unbekannte Rolle { $value }.

# Sign up and log in
h-acct-register-too-many = Zu viele Registrierungen aus Ihrem Netzwerk in der letzten Stunde. Bitte versuchen Sie es später noch einmal.
h-acct-email-taken = Es gibt bereits ein Konto mit dieser E-Mail-Adresse.
h-acct-register-choose-role = Wählen Sie Kunde oder Anbieter.
h-acct-email-invalid = Geben Sie eine E-Mail-Adresse wie name@example.org ein.
h-acct-login-throttled = Zu viele fehlgeschlagene Versuche. Warten Sie ein paar Minuten und versuchen Sie es dann noch einmal.
h-acct-login-wrong-credentials = E-Mail-Adresse oder Passwort falsch.
h-acct-login-deactivated = Dieses Konto ist deaktiviert. Wenden Sie sich an den Support, um es wieder zu aktivieren.
h-acct-form-expired-title = Dieses Formular ist abgelaufen
h-acct-form-expired-message = Zu Ihrer Sicherheit konnte das Formular nicht gesendet werden. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.

# Account page: notices after a change
h-acct-done-profile = Ihr Profil ist gespeichert.
h-acct-done-password = Ihr Passwort wurde geändert.
h-acct-done-token-revoked = Das API-Token wurde widerrufen.
h-acct-done-email = Ihre E-Mail-Adresse wurde geändert. Wir haben einen Link an sie gesendet: Öffnen Sie ihn, um die Adresse zu bestätigen.
h-acct-done-verification = Wir haben einen neuen Bestätigungslink gesendet. Es kann eine Minute dauern, bis er ankommt.
h-acct-done-verified = Ihre E-Mail-Adresse ist bereits bestätigt.
h-acct-done-busy-calendar = Der Kalender ist hinzugefügt: Seine Termine blockieren Ihre freien Termine ab dem ersten Lesen, in ein bis zwei Minuten.
h-acct-done-busy-calendar-removed = Der Kalender blockiert Ihre Zeit nicht mehr.

# Account page: field errors
h-acct-calendar-providers-only = Nur Anbieter teilen einen Kalender.
h-acct-calendar-email-invalid = Geben Sie eine Gmail-Adresse wie name@gmail.com ein.
h-acct-too-many-wrong-passwords = Zu viele falsche Passwörter. Warten Sie ein paar Minuten und versuchen Sie es dann noch einmal.
h-acct-wrong-password = Das ist nicht Ihr aktuelles Passwort.
h-acct-email-same = Das ist bereits Ihre E-Mail-Adresse.

# Account page: verification links
h-acct-verification-too-many = In der letzten Stunde wurden zu viele Bestätigungslinks angefordert. Sehen Sie in Ihrem Posteingang (und Spam-Ordner) nach oder versuchen Sie es später noch einmal.
h-acct-verification-too-soon = Vor weniger als einer Minute wurde ein Bestätigungslink gesendet. Sehen Sie in Ihrem Posteingang (und Spam-Ordner) nach oder warten Sie eine Minute und fordern Sie ihn erneut an.
h-acct-verification-mail-failed = Wir konnten die E-Mail gerade nicht senden. Bitte versuchen Sie es in ein paar Minuten noch einmal.

# Account page: calendars that block a provider's time
h-acct-busy-mode-events-pushed = alle Termindetails: Änderungen werden gemeldet und innerhalb von Sekunden gelesen
h-acct-busy-mode-events = alle Termindetails: Änderungen werden alle paar Minuten gelesen
h-acct-busy-mode-free-busy = nur frei/belegt: belegte Zeiten werden alle paar Minuten gelesen

# $when is a date and time
h-acct-busy-read-at = Gelesen am { $when }
h-acct-busy-waiting = Wartet auf das erste Lesen
h-acct-busy-failing = Konnte zuletzt nicht gelesen werden; wir versuchen es weiter
h-acct-busy-gone-login = Kein Zugriff: Prüfen Sie die Adresse und das App-Passwort und fügen Sie den Kalender dann erneut hinzu
h-acct-busy-gone-mailbox = Kein Zugriff: Prüfen Sie die Postfachadresse und fügen Sie den Kalender dann erneut hinzu

# $address is an email address
h-acct-busy-gone-shared = Kein Zugriff: Teilen Sie den Kalender erneut mit { $address }
h-acct-busy-forbidden-title = Nur für Anbieter
h-acct-busy-forbidden-message = Nur Anbieter wählen Kalender aus, die ihre buchbare Zeit blockieren.
h-acct-busy-error-forbidden = Nur Anbieter können Kalender auswählen, die ihre Zeit blockieren.
h-acct-busy-error-not-configured = Das Lesen von Kalendern ist auf dieser Website nicht eingerichtet.
h-acct-busy-error-invalid-id = Geben Sie die ID des Kalenders ein (für Ihren Google-Hauptkalender Ihre Gmail-Adresse).
h-acct-busy-error-own-calendar = In diesen Kalender werden Ihre Termine kopiert; wählen Sie einen eigenen Kalender.
h-acct-busy-error-not-shared = Dieser Kalender ist noch nicht mit { $address } geteilt.
h-acct-busy-error-login-required = Geben Sie den Benutzernamen und das App-Passwort für diesen Kalender ein.

# $detail is the calendar server's answer (not translated); a full stop is added
h-acct-busy-error-login-refused = Dieser Kalender konnte mit dieser Adresse und diesen Zugangsdaten nicht geöffnet werden: { $detail }
h-acct-busy-error-unreachable = Der Kalenderdienst war nicht erreichbar; versuchen Sie es in ein paar Minuten noch einmal.

# A provider's services
h-acct-provider-not-bookable-title = Keine Buchungen möglich
h-acct-provider-not-bookable-message = Dieser Anbieter nimmt keine Buchungen an. Suchen Sie nach einer anderen Leistung.
h-acct-service-category-invalid = Wählen Sie eine Kategorie aus der Liste.
h-acct-service-duration-invalid = Geben Sie die Dauer in Minuten ein, zum Beispiel 60.

# $value is the number typed
h-acct-service-duration-range = Die Dauer muss 5 bis 720 Minuten in 5-Minuten-Schritten betragen, nicht { $value }.
h-acct-service-buffer-range = Ein Puffer darf höchstens 240 Minuten lang sein, nicht { $value }.
h-acct-service-capacity-range = Eine Leistung hat 1 bis 100 Plätze, nicht { $value }.
h-acct-service-buffers-invalid = Geben Sie die Puffer in ganzen Minuten ein, 0 für keinen.

# $value is the code typed, in quotes
h-acct-service-currency-unknown = Unbekannte Währung { $value }: Verwenden Sie einen ISO-4217-Code wie EUR oder USD.
h-acct-service-price-invalid = Geben Sie den Preis wie 25 oder 25.50 ein, ohne Währung.
h-acct-service-capacity-invalid = Geben Sie die Anzahl der Plätze ein, 1 für jeweils einen Kunden.
h-acct-service-category-unavailable = Diese Kategorie ist nicht verfügbar. Wählen Sie eine andere.
h-acct-service-providers-only-title = Nur für Anbieter
h-acct-service-providers-only-message = Nur Anbieterkonten können Leistungen anbieten.
h-acct-not-yours-title = Kein Zugriff
h-acct-service-not-yours-message = Diese Leistung gehört einem anderen Anbieter.

# A provider's schedule
h-acct-schedule-done-hours = Ihre wöchentlichen Arbeitszeiten sind gespeichert.
h-acct-schedule-done-override = Ihre Änderungen für einzelne Tage sind gespeichert.
h-acct-schedule-done-policy = Ihre Buchungsregeln sind gespeichert.
h-acct-schedule-not-yours-message = Sie können nur Ihre eigenen Arbeitszeiten ändern.
h-acct-schedule-hours-invalid = Es wurde nichts gespeichert: Bitte korrigieren Sie die markierten Zeiten.
h-acct-schedule-start-and-end = Geben Sie Beginn und Ende ein, oder keines von beiden.
h-acct-schedule-choose-date = Wählen Sie ein Datum.
h-acct-schedule-override-hours-missing = Geben Sie die Zeiten für diesen Tag ein oder wählen Sie „Freier Tag“.

# $value is the time typed, in quotes
h-acct-schedule-not-a-time = { $value } ist keine Uhrzeit: Verwenden Sie HH:MM zwischen 00:00 und 24:00.

# $start and $end are times like 09:00
h-acct-schedule-end-not-after-start = { $start } muss vor { $end } liegen.

# $first and $second are intervals like 09:00–12:00
h-acct-schedule-overlap = { $first } überschneidet sich mit { $second }.
h-acct-schedule-too-many-intervals = Ein Tag kann höchstens { $max } Zeiträume haben.

# $date is a date like 2026-06-02
h-acct-schedule-date-past = { $date } liegt bereits in der Vergangenheit.
h-acct-schedule-date-too-far = Arbeitszeiten können höchstens { $max_days } Tage im Voraus geplant werden.

# Deleting an account
h-acct-delete-last-admin = Sie sind der einzige Administrator: Machen Sie eine andere Person zum Administrator, bevor Sie Ihr Konto löschen.

# API tokens; $max is a number
h-acct-token-too-many = Sie haben bereits { $max } Tokens; widerrufen Sie zuerst eines.

# Photo uploads (the English messages start in lower case, as the page shows them)
h-acct-photo-missing = Wählen Sie ein Foto zum Hochladen.
h-acct-photo-not-an-image = Diese Datei ist kein Foto: Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch

# $format is a picture format such as GIF
h-acct-photo-unsupported-format = { $format }-Bilder werden nicht angenommen: Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch

# $size and $limit are megabytes with one decimal, like 5.0
h-acct-photo-too-large = Die Datei ist { $size } MB groß; Fotos dürfen höchstens { $limit } MB groß sein

# $width and $height are pixels; $limit is millions of pixels
h-acct-photo-too-many-pixels = Das Bild hat { $width }×{ $height } Pixel; Fotos dürfen höchstens { $limit } Megapixel haben
h-acct-photo-corrupt = Das Bild ist beschädigt oder unvollständig: Bitte laden Sie es erneut hoch oder wählen Sie eine andere Datei

# Webhook endpoints
h-acct-not-allowed-title = Nicht erlaubt
h-acct-webhook-forbidden-message = Nur Anbieter und Administratoren verwalten Webhook-Endpunkte; der Support kann sie lesen.
h-acct-webhook-url-too-long = Die URL ist länger als 2000 Zeichen.
h-acct-webhook-url-invalid = Die URL ist ungültig.
h-acct-webhook-url-scheme = Die URL muss mit https:// oder http:// beginnen.
h-acct-webhook-url-no-host = Die URL hat keinen Host.
h-acct-webhook-url-credentials = Die URL darf keinen Benutzernamen und kein Passwort enthalten.

# $value is the event type, in quotes
h-acct-webhook-unknown-event = Unbekannter Ereignistyp { $value }.
h-acct-webhook-no-events = Wählen Sie mindestens einen Ereignistyp.
h-acct-webhook-secret = Das Geheimnis ist kein whsec_-Geheimnis mit mindestens 24 Bytes.

# $reason is why the address is refused (in English); a full stop is added
h-acct-webhook-url-refused = Diese URL darf keine Webhooks empfangen: { $reason }

# Administration
h-admin-try-later-title = Später erneut versuchen
h-admin-not-allowed-title = Nicht erlaubt
h-admin-not-allowed-message = Ihr Konto darf das nicht.
h-admin-notice-saved = Gespeichert.
h-admin-notice-deactivated = Deaktiviert.
h-admin-notice-reactivated = Reaktiviert.
h-admin-notice-reset = Ein Link zum Zurücksetzen des Passworts wurde gesendet.
h-admin-notice-staff = Das Mitarbeiterkonto wurde angelegt.
h-admin-notice-created = Angelegt.
h-admin-notice-cancelled = Der Termin wurde abgesagt; Kunde und Anbieter werden benachrichtigt.
h-admin-notice-retried = Die Zustellung steht wieder in der Warteschlange.
h-admin-notice-resynced = Der Kalender wurde neu abgeglichen.
h-admin-notice-deleted = Der Kalender wurde gelöscht.
h-admin-notice-hidden = Die Bewertung ist ausgeblendet und ihre Meldungen sind abgeschlossen.
h-admin-notice-restored = Die Bewertung ist wieder eingeblendet und ihre Meldungen sind abgeschlossen.

# $message is why it failed (a sentence)
h-admin-failure-message = { $message } Gehen Sie zurück und versuchen Sie es noch einmal.
h-admin-outside-service-failed = Ein externer Dienst ist ausgefallen, versuchen Sie es später noch einmal.
h-admin-own-role = Sie können Ihre eigene Rolle nicht ändern.
h-admin-email-has-account = Für diese E-Mail-Adresse gibt es bereits ein Konto.
h-admin-deactivate-yourself = Sie können sich nicht selbst deaktivieren.
h-admin-reset-inactive = Aktivieren Sie das Konto wieder, bevor Sie einen Link zum Zurücksetzen senden.
h-admin-not-staff = Ein Mitarbeiterkonto ist ein Administrator- oder Support-Konto.
h-admin-category-no-slug = Der Name braucht mindestens einen Buchstaben a–z oder eine Ziffer für seine Webadresse.
h-admin-category-taken = Es gibt bereits eine Kategorie mit diesem Namen.
h-admin-category-unavailable = Diese Kategorie ist nicht verfügbar.
h-admin-calendar-in-use = Der Kalender eines aktiven Anbieters ist nicht verwaist.
h-admin-appointment-changed = Der Termin wurde inzwischen geändert, bitte versuchen Sie es noch einmal.
h-admin-review-already-hidden = Die Bewertung ist bereits ausgeblendet.
h-admin-review-already-visible = Die Bewertung ist bereits sichtbar.
h-admin-clashes-with-data = Das widerspricht vorhandenen Daten.
h-admin-changed-meanwhile = Es wurde inzwischen geändert: Laden Sie neu und versuchen Sie es noch einmal.
h-admin-position-number = Die Position ist eine ganze Zahl.
h-admin-cancel-reason-missing = Eine Begründung ist erforderlich.
h-admin-cancel-reason-length = Eine Begründung ist erforderlich: Sie muss zwischen 1 und 1000 Zeichen lang sein.
h-admin-cancel-reason-control = Eine Begründung ist erforderlich: Sie enthält unsichtbare Steuerzeichen.
