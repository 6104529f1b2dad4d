# Mails (adapters/templates/mail/). Notes for translators: see en/mail.ftl.

## Appointment changes: booked, confirmed, moved, cancelled, reminders, waitlist places.

mail-appointment-subject = { $change ->
        [provider_request] Demande de réservation
        [provider_booked] Nouvelle réservation
        [requested] Demande envoyée
        [booked] Réservé
        [confirmed] Confirmé
        [rescheduled] Déplacé
        [cancelled] Annulé
        [reminder] Rappel
        [hold_offered] Une place s'est libérée
       *[other] Mis à jour
    } : { $service } avec { $other_name }, { $when } ({ $zone_name })
mail-appointment-hello = Bonjour { $name },
mail-appointment-booked-provider = { $other_name } a réservé { $service } avec vous.
mail-appointment-booked-provider-request = Veuillez confirmer ou refuser la demande.
mail-appointment-requested = Votre demande pour { $service } avec { $other_name } a été envoyée. { $other_name } la confirmera.
mail-appointment-booked = Votre rendez-vous pour { $service } avec { $other_name } est réservé.
mail-appointment-confirmed = Le rendez-vous pour { $service } avec { $other_name } est confirmé.
mail-appointment-rescheduled = Le rendez-vous pour { $service } avec { $other_name } a été déplacé.
mail-appointment-cancelled = Le rendez-vous pour { $service } avec { $other_name } a été annulé { $cancelled_by ->
        [you] par vous
        [customer] côté client
        [provider] côté prestataire
       *[staff] par notre équipe d'assistance
    }.
mail-appointment-reason = Motif : { $reason }
mail-appointment-reminder = Rappel : votre rendez-vous pour { $service } avec { $other_name } approche.
mail-appointment-hold-offered = Une place que vous attendiez s'est libérée : { $service } avec { $other_name }. Elle vous est réservée jusqu'au { $held_until }. Acceptez-la pour la réserver, ou refusez-la pour qu'elle revienne à la personne suivante sur la liste d'attente.
mail-appointment-updated = Le rendez-vous pour { $service } avec { $other_name } a été modifié.
mail-appointment-when = Quand :
mail-appointment-was = Avant :
mail-appointment-note = Note :
mail-appointment-hold-link = Accepter ou refuser :
mail-appointment-see-link = Voir le rendez-vous :
mail-appointment-when-heading = Quand
mail-appointment-was-heading = Avant
mail-appointment-note-heading = Note
mail-appointment-hold-action = Accepter ou refuser
mail-appointment-see-action = Voir le rendez-vous
mail-appointment-html-booked-provider-before = { $other_name } a réservé
mail-appointment-html-booked-provider-after = avec vous.
mail-appointment-html-requested-before = Votre demande pour
mail-appointment-html-requested-after = avec { $other_name } a été envoyée. { $other_name } la confirmera.
mail-appointment-html-booked-before = Votre rendez-vous pour
mail-appointment-html-booked-after = avec { $other_name } est réservé.
mail-appointment-html-confirmed-before = Le rendez-vous pour
mail-appointment-html-confirmed-after = avec { $other_name } est confirmé.
mail-appointment-html-rescheduled-before = Le rendez-vous pour
mail-appointment-html-rescheduled-after = avec { $other_name } a été déplacé.
mail-appointment-html-cancelled-before = Le rendez-vous pour
mail-appointment-html-cancelled-after = avec { $other_name } a été annulé { $cancelled_by ->
        [you] par vous
        [customer] côté client
        [provider] côté prestataire
       *[staff] par notre équipe d'assistance
    }.
mail-appointment-html-reminder-before = Rappel : votre rendez-vous pour
mail-appointment-html-reminder-after = avec { $other_name } approche.
mail-appointment-html-updated-before = Le rendez-vous pour
mail-appointment-html-updated-after = avec { $other_name } a été modifié.
mail-appointment-html-hold-offered-before = Une place que vous attendiez s'est libérée :
mail-appointment-html-hold-offered-after = avec { $other_name }.
mail-appointment-html-hold-offered-until-before = Elle vous est réservée jusqu'au
mail-appointment-html-hold-offered-until-after = .
mail-appointment-html-hold-offered-choice = Acceptez-la pour la réserver, ou refusez-la pour qu'elle revienne à la personne suivante sur la liste d'attente.

## Welcome, after signing up; the mail carries the link that verifies the address.

mail-welcome-subject = Bienvenue sur Book Your Services, { $name }
mail-welcome-title = Bienvenue
mail-welcome-hello = Bonjour { $name },
mail-welcome-intro = Bienvenue sur Book Your Services.
mail-welcome-ready = Votre compte est prêt :
mail-welcome-ready-link = Votre compte est prêt.
mail-welcome-confirm =
    Veuillez confirmer qu'il s'agit bien de votre adresse e-mail en ouvrant ce lien avant le
    { $verify_expires } ({ $zone }) ; il ne fonctionne qu'une fois :
mail-welcome-html-confirm-before = Veuillez
mail-welcome-html-confirm-link = confirmer votre adresse e-mail
mail-welcome-html-confirm-until = avant le { $verify_expires }
mail-welcome-html-confirm-after = {" "}; le lien ne fonctionne qu'une fois.

## A new link to verify the address (asked for again, or after a change of address).

mail-email-verification-subject = Confirmez votre adresse e-mail pour Book Your Services
mail-email-verification-title = Confirmez votre adresse e-mail
mail-email-verification-hello = Bonjour { $name },
mail-email-verification-confirm =
    Veuillez confirmer que { $email } est bien l'adresse e-mail de votre compte Book Your Services
    en ouvrant ce lien avant le { $verify_expires } ({ $zone }) ; il ne fonctionne qu'une fois :
mail-email-verification-html-intro = Veuillez confirmer que { $email } est bien l'adresse e-mail de votre compte Book Your Services :
mail-email-verification-html-link = Confirmer mon adresse e-mail
mail-email-verification-html-until = avant le { $verify_expires }
mail-email-verification-html-after = {" "}; le lien ne fonctionne qu'une fois.
mail-email-verification-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.

## A link to choose a new password.

mail-password-reset-subject = Réinitialisez votre mot de passe Book Your Services
mail-password-reset-title = Réinitialisez votre mot de passe
mail-password-reset-hello = Bonjour { $name },
mail-password-reset-asked = Quelqu'un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte.
mail-password-reset-open =
    Pour en choisir un nouveau,
    ouvrez ce lien avant le { $expires } ({ $zone }) ; il ne fonctionne qu'une fois :
mail-password-reset-html-link = Choisissez un nouveau mot de passe
mail-password-reset-html-until = avant le { $expires }
mail-password-reset-html-after = {" "}; le lien ne fonctionne qu'une fois.
mail-password-reset-ignore = Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.

## To a provider: one of their own calendars cannot be read any more.

mail-calendar-closing-subject = Votre agenda { $calendar_id } a fermé vos créneaux de réservation
mail-calendar-closing-hello = Bonjour { $name },
mail-calendar-closing-login-refused =
    Votre agenda { $calendar_id } n'accepte plus les identifiants que vous nous avez donnés (ou
    n'existe plus) : nous ne pouvons donc plus voir vos disponibilités. Pour éviter les doubles
    réservations, personne ne peut vous réserver tant que vous ne l'avez pas ajouté de nouveau sur
    la page de votre compte avec un nouveau mot de passe d'application.
mail-calendar-closing-unshared =
    Votre agenda { $calendar_id } n'est plus partagé avec { $share_with } : nous ne pouvons donc
    plus voir vos disponibilités. Pour éviter les doubles réservations, personne ne peut vous
    réserver tant qu'il n'est pas de nouveau partagé (« Voir tous les détails des événements » ou
    « Voir uniquement les disponibilités »).
mail-calendar-closing-stale =
    Nous n'arrivons plus à lire votre agenda { $calendar_id } depuis un moment : nous ne connaissons
    donc pas vos disponibilités. Pour éviter les doubles réservations, personne ne peut vous
    réserver tant qu'il n'a pas pu être lu de nouveau ; nous continuons d'essayer.
mail-calendar-closing-html-login-refused-before = Votre agenda
mail-calendar-closing-html-login-refused-after = n'accepte plus les identifiants que vous nous avez donnés (ou n'existe plus) : nous ne pouvons donc plus voir vos disponibilités.
mail-calendar-closing-html-login-refused-until = Pour éviter les doubles réservations, personne ne peut vous réserver tant que vous ne l'avez pas ajouté de nouveau sur la page de votre compte avec un nouveau mot de passe d'application.
mail-calendar-closing-html-unshared-before = Votre agenda
mail-calendar-closing-html-unshared-after = n'est plus partagé avec { $share_with } : nous ne pouvons donc plus voir vos disponibilités.
mail-calendar-closing-html-unshared-until = Pour éviter les doubles réservations, personne ne peut vous réserver tant qu'il n'est pas de nouveau partagé (« Voir tous les détails des événements » ou « Voir uniquement les disponibilités »).
mail-calendar-closing-html-stale-before = Nous n'arrivons plus à lire votre agenda
mail-calendar-closing-html-stale-after = depuis un moment : nous ne connaissons donc pas vos disponibilités.
mail-calendar-closing-html-stale-until = Pour éviter les doubles réservations, personne ne peut vous réserver tant qu'il n'a pas pu être lu de nouveau ; nous continuons d'essayer.
mail-calendar-closing-bookings-stand = Les réservations déjà effectuées sont maintenues.
mail-calendar-closing-check = Vérifiez ou supprimez l'agenda sur la page de votre compte :
mail-calendar-closing-check-link = Vérifiez ou supprimez l'agenda sur la page de votre compte
mail-calendar-closing-once = Vous ne recevez ce message qu'une fois ; nous ne vous écrirons de nouveau que si l'agenda, une fois rétabli, cesse encore de fonctionner.

## To a customer after a completed appointment: please review it.

mail-review-request-subject = Comment s'est passé votre rendez-vous pour { $service } avec { $other_name } ?
mail-review-request-hello = Bonjour { $name },
mail-review-request-ask =
    { $other_name } a indiqué que votre rendez-vous pour { $service } le { $when } ({ $zone }) a
    bien eu lieu. Souhaitez-vous partager votre expérience ? Une à cinq étoiles suffisent ;
    quelques mots aident encore plus. Vous pouvez donner votre avis jusqu'au { $closes } :
mail-review-request-html-before = { $other_name } a indiqué que votre rendez-vous pour
mail-review-request-html-after = le { $when } ({ $zone }) a bien eu lieu.
mail-review-request-html-ask = Souhaitez-vous partager votre expérience ? Une à cinq étoiles suffisent ; quelques mots aident encore plus. Vous pouvez donner votre avis jusqu'au { $closes }.
mail-review-request-review-link = Donner mon avis
mail-review-request-trust = Seules les personnes ayant effectué une réservation peuvent laisser un avis : le vôtre compte vraiment.
mail-review-request-once = Vous ne recevez ce message qu'une fois par rendez-vous.
mail-review-request-opt-out = Pour ne plus recevoir ce type de message :
mail-review-request-opt-out-link = Ne plus recevoir de demandes d'avis

## To a customer: the provider moved the appointment in their own calendar; accept it?

mail-move-proposed-subject = { $other_name } propose un nouveau créneau : { $service }, { $proposed } ({ $zone_name })
mail-move-proposed-hello = Bonjour { $name },
mail-move-proposed-intro =
    { $other_name } a déplacé votre rendez-vous pour { $service } dans son agenda et vous demande
    si ce nouveau créneau vous convient :
mail-move-proposed-html-before = { $other_name } a déplacé votre rendez-vous pour
mail-move-proposed-html-after = dans son agenda et vous demande si ce nouveau créneau vous convient :
mail-move-proposed-now = Actuel :
mail-move-proposed-new = Proposé :
mail-move-proposed-zone = Heures indiquées dans le fuseau horaire { $zone }.
mail-move-proposed-wait = Rien ne change tant que vous n'avez pas répondu.
mail-move-proposed-answer = Acceptez-le ou gardez le créneau actuel sur la page du rendez-vous :
mail-move-proposed-answer-link = Accepter ou garder le créneau actuel

## To a provider: the customer kept the booked time.

mail-move-declined-subject = { $other_name } garde le créneau du { $when } : { $service } ({ $zone_name })
mail-move-declined-hello = Bonjour { $name },
mail-move-declined-moved =
    Vous avez déplacé le rendez-vous de { $other_name } pour { $service } au { $proposed } dans
    votre agenda. { $other_name } préfère garder le créneau réservé : le rendez-vous reste donc fixé au
mail-move-declined-kept = et votre agenda l'affiche de nouveau à cette place. Pour le modifier, ouvrez le rendez-vous :
mail-move-declined-html-before = Vous avez déplacé le rendez-vous de { $other_name } pour
mail-move-declined-html-after = au { $proposed } dans votre agenda.
mail-move-declined-html-stays = { $other_name } préfère garder le créneau réservé : le rendez-vous reste donc fixé au
mail-move-declined-html-kept = ({ $zone }), et votre agenda l'affiche de nouveau à cette place.
mail-move-declined-open-link = Ouvrir le rendez-vous

## To the owner of a webhook endpoint that was disabled after failing.

mail-webhook-disabled-subject = Votre point de terminaison webhook a été désactivé
mail-webhook-disabled-hello = Bonjour { $name },
mail-webhook-disabled-stopped = Nous avons cessé d'envoyer des webhooks à { $url } : { $reason }.
mail-webhook-disabled-html-stopped-before = Nous avons cessé d'envoyer des webhooks à
mail-webhook-disabled-html-stopped-after = {" "}: { $reason }.
mail-webhook-disabled-paused = Les prochains messages ne lui seront pas envoyés tant que vous ne l'aurez pas réactivé.
mail-webhook-disabled-next =
    Sur sa page, consultez ses dernières tentatives, corrigez le récepteur, puis réactivez le point
    de terminaison et renvoyez ce qu'il n'a pas reçu :
mail-webhook-disabled-next-link = Consultez ses dernières tentatives, corrigez le récepteur, puis réactivez le point de terminaison et renvoyez ce qu'il n'a pas reçu

# An erased account, as mails and calendar entries name it
person-erased-customer = Client supprimé
person-erased-provider = Prestataire supprimé
person-erased-staff = Membre de l'équipe supprimé
