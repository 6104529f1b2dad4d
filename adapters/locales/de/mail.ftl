# Mails (adapters/templates/mail/). Notes for translators: see en/mail.ftl.

## Appointment changes: booked, confirmed, moved, cancelled, reminders, waitlist places.

mail-appointment-subject = { $change ->
        [provider_request] Buchungsanfrage
        [provider_booked] Neue Buchung
        [requested] Angefragt
        [booked] Gebucht
        [confirmed] Bestätigt
        [rescheduled] Verschoben
        [cancelled] Abgesagt
        [reminder] Erinnerung
        [hold_offered] Ein Platz ist frei geworden
       *[other] Geändert
    }: { $service } mit { $other_name }, { $when } ({ $zone_name })
mail-appointment-hello = Hallo { $name },
mail-appointment-booked-provider = { $other_name } hat { $service } bei Ihnen gebucht.
mail-appointment-booked-provider-request = Bitte bestätigen Sie die Anfrage oder lehnen Sie sie ab.
mail-appointment-requested = Ihre Anfrage für { $service } bei { $other_name } wurde gesendet. { $other_name } wird sie bestätigen.
mail-appointment-booked = Ihr Termin für { $service } bei { $other_name } ist gebucht.
mail-appointment-confirmed = Der Termin für { $service } mit { $other_name } ist bestätigt.
mail-appointment-rescheduled = Der Termin für { $service } mit { $other_name } wurde verschoben.
mail-appointment-cancelled = Der Termin für { $service } mit { $other_name } wurde { $cancelled_by ->
        [you] von Ihnen
        [customer] kundenseitig
        [provider] anbieterseitig
       *[staff] von unserem Support-Team
    } abgesagt.
mail-appointment-reason = Grund: { $reason }
mail-appointment-reminder = Zur Erinnerung: Bald steht Ihr Termin für { $service } mit { $other_name } an.
mail-appointment-hold-offered = Ein Platz, auf den Sie gewartet haben, ist frei: { $service } bei { $other_name }. Er bleibt bis { $held_until } für Sie reserviert. Nehmen Sie ihn an, um ihn zu buchen, oder lehnen Sie ihn ab, damit die nächste Person auf der Warteliste ihn erhält.
mail-appointment-updated = Der Termin für { $service } mit { $other_name } wurde geändert.
mail-appointment-when = Wann:
mail-appointment-was = Vorher:
mail-appointment-note = Notiz:
mail-appointment-hold-link = Annehmen oder ablehnen:
mail-appointment-see-link = Termin ansehen:
mail-appointment-when-heading = Wann
mail-appointment-was-heading = Vorher
mail-appointment-note-heading = Notiz
mail-appointment-hold-action = Annehmen oder ablehnen
mail-appointment-see-action = Termin ansehen
mail-appointment-html-booked-provider-before = { $other_name } hat
mail-appointment-html-booked-provider-after = bei Ihnen gebucht.
mail-appointment-html-requested-before = Ihre Anfrage für
mail-appointment-html-requested-after = bei { $other_name } wurde gesendet. { $other_name } wird sie bestätigen.
mail-appointment-html-booked-before = Ihr Termin für
mail-appointment-html-booked-after = bei { $other_name } ist gebucht.
mail-appointment-html-confirmed-before = Der Termin für
mail-appointment-html-confirmed-after = mit { $other_name } ist bestätigt.
mail-appointment-html-rescheduled-before = Der Termin für
mail-appointment-html-rescheduled-after = mit { $other_name } wurde verschoben.
mail-appointment-html-cancelled-before = Der Termin für
mail-appointment-html-cancelled-after = mit { $other_name } wurde { $cancelled_by ->
        [you] von Ihnen
        [customer] kundenseitig
        [provider] anbieterseitig
       *[staff] von unserem Support-Team
    } abgesagt.
mail-appointment-html-reminder-before = Zur Erinnerung: Bald steht Ihr Termin für
mail-appointment-html-reminder-after = mit { $other_name } an.
mail-appointment-html-updated-before = Der Termin für
mail-appointment-html-updated-after = mit { $other_name } wurde geändert.
mail-appointment-html-hold-offered-before = Ein Platz, auf den Sie gewartet haben, ist frei:
mail-appointment-html-hold-offered-after = bei { $other_name }.
mail-appointment-html-hold-offered-until-before = Er bleibt für Sie reserviert bis
mail-appointment-html-hold-offered-until-after = .
mail-appointment-html-hold-offered-choice = Nehmen Sie ihn an, um ihn zu buchen, oder lehnen Sie ihn ab, damit die nächste Person auf der Warteliste ihn erhält.

## Welcome, after signing up; the mail carries the link that verifies the address.

mail-welcome-subject = Willkommen bei Book Your Services, { $name }
mail-welcome-title = Willkommen
mail-welcome-hello = Hallo { $name },
mail-welcome-intro = Willkommen bei Book Your Services.
mail-welcome-ready = Ihr Konto ist eingerichtet:
mail-welcome-ready-link = Ihr Konto ist eingerichtet.
mail-welcome-confirm =
    Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist, indem Sie diesen Link bis
    { $verify_expires } ({ $zone }) öffnen. Er funktioniert nur einmal:
mail-welcome-html-confirm-before = Bitte
mail-welcome-html-confirm-link = bestätigen Sie Ihre E-Mail-Adresse
mail-welcome-html-confirm-until = bis { $verify_expires }
mail-welcome-html-confirm-after = ; der Link funktioniert nur einmal.

## A new link to verify the address (asked for again, or after a change of address).

mail-email-verification-subject = Bestätigen Sie Ihre E-Mail-Adresse für Book Your Services
mail-email-verification-title = Bestätigen Sie Ihre E-Mail-Adresse
mail-email-verification-hello = Hallo { $name },
mail-email-verification-confirm =
    Bitte bestätigen Sie, dass { $email } die E-Mail-Adresse Ihres Kontos bei Book Your Services
    ist, indem Sie diesen Link bis { $verify_expires } ({ $zone }) öffnen. Er funktioniert nur einmal:
mail-email-verification-html-intro = Bitte bestätigen Sie, dass { $email } die E-Mail-Adresse Ihres Kontos bei Book Your Services ist:
mail-email-verification-html-link = E-Mail-Adresse bestätigen
mail-email-verification-html-until = bis { $verify_expires }
mail-email-verification-html-after = ; der Link funktioniert nur einmal.
mail-email-verification-ignore = Falls Sie das nicht angefordert haben, ignorieren Sie diese E-Mail einfach.

## A link to choose a new password.

mail-password-reset-subject = Setzen Sie Ihr Passwort für Book Your Services zurück
mail-password-reset-title = Passwort zurücksetzen
mail-password-reset-hello = Hallo { $name },
mail-password-reset-asked = Jemand (hoffentlich Sie) hat angefordert, das Passwort Ihres Kontos zurückzusetzen.
mail-password-reset-open =
    Um ein neues zu wählen,
    öffnen Sie diesen Link bis { $expires } ({ $zone }). Er funktioniert nur einmal:
mail-password-reset-html-link = Wählen Sie ein neues Passwort
mail-password-reset-html-until = bis { $expires }
mail-password-reset-html-after = ; der Link funktioniert nur einmal.
mail-password-reset-ignore = Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.

## To a provider: one of their own calendars cannot be read any more.

mail-calendar-closing-subject = Ihr Kalender { $calendar_id } hat Ihre freien Termine gesperrt
mail-calendar-closing-hello = Hallo { $name },
mail-calendar-closing-login-refused =
    Ihr Kalender { $calendar_id } akzeptiert die Anmeldedaten, die Sie uns gegeben haben, nicht mehr
    (oder existiert nicht mehr). Daher können wir nicht sehen, wann Sie belegt sind. Um Doppelbuchungen
    zu vermeiden, können Sie erst wieder gebucht werden, wenn Sie ihn auf Ihrer Kontoseite mit
    einem neuen App-Passwort erneut hinzufügen.
mail-calendar-closing-unshared =
    Ihr Kalender { $calendar_id } ist nicht mehr für { $share_with } freigegeben. Daher können
    wir nicht sehen, wann Sie belegt sind. Um Doppelbuchungen zu vermeiden, können Sie erst wieder
    gebucht werden, wenn er wieder freigegeben ist („Alle Termindetails anzeigen“ oder
    „Nur Verfügbarkeit anzeigen“).
mail-calendar-closing-stale =
    Wir konnten Ihren Kalender { $calendar_id } seit einiger Zeit nicht lesen und wissen daher nicht,
    wann Sie belegt sind. Um Doppelbuchungen zu vermeiden, können Sie erst wieder gebucht werden,
    wenn er wieder gelesen werden kann; wir versuchen es weiter.
mail-calendar-closing-html-login-refused-before = Ihr Kalender
mail-calendar-closing-html-login-refused-after = akzeptiert die Anmeldedaten, die Sie uns gegeben haben, nicht mehr (oder existiert nicht mehr). Daher können wir nicht sehen, wann Sie belegt sind.
mail-calendar-closing-html-login-refused-until = Um Doppelbuchungen zu vermeiden, können Sie erst wieder gebucht werden, wenn Sie ihn auf Ihrer Kontoseite mit einem neuen App-Passwort erneut hinzufügen.
mail-calendar-closing-html-unshared-before = Ihr Kalender
mail-calendar-closing-html-unshared-after = ist nicht mehr für { $share_with } freigegeben. Daher können wir nicht sehen, wann Sie belegt sind.
mail-calendar-closing-html-unshared-until = Um Doppelbuchungen zu vermeiden, können Sie erst wieder gebucht werden, wenn er wieder freigegeben ist („Alle Termindetails anzeigen“ oder „Nur Verfügbarkeit anzeigen“).
mail-calendar-closing-html-stale-before = Wir konnten Ihren Kalender
mail-calendar-closing-html-stale-after = seit einiger Zeit nicht lesen und wissen daher nicht, wann Sie belegt sind.
mail-calendar-closing-html-stale-until = Um Doppelbuchungen zu vermeiden, können Sie erst wieder gebucht werden, wenn er wieder gelesen werden kann; wir versuchen es weiter.
mail-calendar-closing-bookings-stand = Ihre bisherigen Buchungen bleiben bestehen.
mail-calendar-closing-check = Prüfen oder entfernen Sie den Kalender auf Ihrer Kontoseite:
mail-calendar-closing-check-link = Prüfen oder entfernen Sie den Kalender auf Ihrer Kontoseite
mail-calendar-closing-once = Sie erhalten diese E-Mail nur einmal; wir schreiben Ihnen erst wieder, wenn der Kalender zwischendurch funktioniert hat und erneut ausfällt.

## To a customer after a completed appointment: please review it.

mail-review-request-subject = Wie war { $service } bei { $other_name }?
mail-review-request-hello = Hallo { $name },
mail-review-request-ask =
    { $other_name } hat Ihren Termin für { $service } am { $when } ({ $zone }) als
    abgeschlossen markiert. Möchten Sie anderen erzählen, wie es war? Ein bis fünf Sterne genügen;
    ein paar Worte helfen noch mehr. Sie können Ihre Bewertung bis { $closes } schreiben:
mail-review-request-html-before = { $other_name } hat Ihren Termin für
mail-review-request-html-after = am { $when } ({ $zone }) als abgeschlossen markiert.
mail-review-request-html-ask = Möchten Sie anderen erzählen, wie es war? Ein bis fünf Sterne genügen; ein paar Worte helfen noch mehr. Sie können Ihre Bewertung bis { $closes } schreiben.
mail-review-request-review-link = Termin bewerten
mail-review-request-trust = Nur wer eine Buchung wahrgenommen hat, kann sie bewerten – deshalb zählt Ihre Bewertung.
mail-review-request-once = Sie erhalten diese E-Mail einmal pro Termin.
mail-review-request-opt-out = Wenn Sie keine solchen E-Mails mehr erhalten möchten:
mail-review-request-opt-out-link = Keine E-Mails mit der Bitte um Bewertungen mehr erhalten

## To a customer: the provider moved the appointment in their own calendar; accept it?

mail-move-proposed-subject = { $other_name } schlägt eine neue Zeit vor: { $service }, { $proposed } ({ $zone_name })
mail-move-proposed-hello = Hallo { $name },
mail-move-proposed-intro =
    { $other_name } hat Ihren Termin für { $service } im eigenen Kalender verschoben und fragt,
    ob Ihnen die neue Zeit passt:
mail-move-proposed-html-before = { $other_name } hat Ihren Termin für
mail-move-proposed-html-after = im eigenen Kalender verschoben und fragt, ob Ihnen die neue Zeit passt:
mail-move-proposed-now = Jetzt:
mail-move-proposed-new = Vorschlag:
mail-move-proposed-zone = Alle Zeiten in { $zone }.
mail-move-proposed-wait = Bis Sie antworten, ändert sich nichts.
mail-move-proposed-answer = Nehmen Sie die neue Zeit auf der Terminseite an oder behalten Sie die bisherige:
mail-move-proposed-answer-link = Annehmen oder bisherige Zeit behalten

## To a provider: the customer kept the booked time.

mail-move-declined-subject = { $other_name } bleibt bei { $when }: { $service } ({ $zone_name })
mail-move-declined-hello = Hallo { $name },
mail-move-declined-moved =
    Sie haben den Termin von { $other_name } für { $service } in Ihrem Kalender auf { $proposed }
    verschoben. { $other_name } möchte die gebuchte Zeit behalten, daher bleibt der Termin am
mail-move-declined-kept = und Ihr Kalender zeigt ihn wieder dort an. Um ihn zu ändern, öffnen Sie den Termin:
mail-move-declined-html-before = Sie haben den Termin von { $other_name } für
mail-move-declined-html-after = in Ihrem Kalender auf { $proposed } verschoben.
mail-move-declined-html-stays = { $other_name } möchte die gebuchte Zeit behalten, daher bleibt der Termin am
mail-move-declined-html-kept = ({ $zone }), und Ihr Kalender zeigt ihn wieder dort an.
mail-move-declined-open-link = Termin öffnen

## To the owner of a webhook endpoint that was disabled after failing.

mail-webhook-disabled-subject = Ihr Webhook-Endpunkt wurde deaktiviert
mail-webhook-disabled-hello = Hallo { $name },
mail-webhook-disabled-stopped = Wir senden keine Webhooks mehr an { $url }: { $reason }.
mail-webhook-disabled-html-stopped-before = Wir senden keine Webhooks mehr an
mail-webhook-disabled-html-stopped-after = : { $reason }.
mail-webhook-disabled-paused = Neue Nachrichten werden nicht mehr an ihn gesendet, bis Sie ihn wieder aktivieren.
mail-webhook-disabled-next =
    Sehen Sie sich auf seiner Seite die letzten Zustellversuche an, beheben Sie den Fehler beim
    Empfänger, aktivieren Sie dann den Endpunkt und senden Sie erneut, was er verpasst hat:
mail-webhook-disabled-next-link = Sehen Sie sich die letzten Zustellversuche an, beheben Sie den Fehler beim Empfänger, aktivieren Sie dann den Endpunkt und senden Sie erneut, was er verpasst hat

# An erased account, as mails and calendar entries name it
person-erased-customer = Gelöschter Kunde
person-erased-provider = Gelöschter Anbieter
person-erased-staff = Gelöschtes Teammitglied
