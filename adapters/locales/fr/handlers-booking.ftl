# Text the page handlers build in Rust for booking, appointments, the catalogue, series,
# the waitlist, reviews, the dashboard and the booking-policy form (web/src/pages/*.rs,
# web/src/present.rs). Arguments arrive already formatted (names, dates, times, zones).
# French ("vous").

## Dates are formatted by ICU4X (adapters/src/local_format.rs), not here.

# A day of the service page's month calendar, read by screen readers. $date: its weekday,
# day and month ("Thursday 3 December"); then how many free times it has.
h-book-picker-day = { $date }, { $count ->
    [0] aucun créneau libre
    [one] { $count } créneau libre
   *[other] { $count } créneaux libres
}

## Appointments: lists and the appointment's page.

# The name shown when the service no longer exists.
h-book-a-service = Une prestation
# Who an appointment is with, shown to its customer. $name: the provider's name.
h-book-with = avec { $name }
# Who an appointment is for, shown to its provider. $name: the customer's name.
h-book-for = pour { $name }
h-book-not-yours-title = Ce rendez-vous n'est pas le vôtre
h-book-not-yours = Ce rendez-vous appartient à quelqu'un d'autre.
# Notices after an action on an appointment.
h-book-done-cancelled = Le rendez-vous est annulé.
h-book-done-rescheduled = Le rendez-vous a été déplacé à son nouvel horaire.
h-book-done-moved-following = Ce rendez-vous et les suivants ont été déplacés.
h-book-done-kept = Le rendez-vous garde son horaire ; votre prestataire en est informé.
h-book-done-confirmed = Le rendez-vous est confirmé.
h-book-done-booked = La place est à vous : le rendez-vous est réservé.
h-book-done-released = La place est libérée pour la personne suivante sur la liste d'attente.
h-book-done-completed = Le rendez-vous est marqué comme effectué.
h-book-done-no-show = Le rendez-vous est marqué comme non honoré.
h-book-done-reviewed = Merci : votre avis est publié.
h-book-done-replied = Votre réponse est publiée.
# $error: why the cancellation reason was refused (a sentence).
h-book-reason-invalid = Motif : { $error }
# $error: why (a sentence).
h-book-not-cancelled = Le rendez-vous n'a pas pu être annulé : { $error }
# $error: why (a sentence).
h-book-not-moved = Le rendez-vous n'a pas pu être déplacé : { $error }
h-book-answer-forbidden-title = Seul le client peut répondre
h-book-answer-forbidden = Seul le client de ce rendez-vous peut accepter ou refuser un nouvel horaire.
h-book-status-forbidden-title = Seul le prestataire peut faire cela
h-book-status-forbidden = Seul le prestataire de ce rendez-vous peut en changer le statut.
h-book-changed-meanwhile = Le rendez-vous a été modifié entre-temps, veuillez réessayer.
h-book-no-proposal = Il n'y a aucun déplacement proposé auquel répondre.
# "Move this and following": $example is the current start as the field expects it (2026-06-02T14:30).
h-book-move-following-start = Saisissez la nouvelle date et la nouvelle heure, par exemple { $example }.
# $when: the occurrence that cannot move (date, time and zone); $error: why (a sentence).
h-book-move-following-refused = Le rendez-vous du { $when } ne peut pas être déplacé, donc rien n'a été déplacé : { $error }
h-book-move-following-taken = L'un des nouveaux horaires vient d'être réservé, donc rien n'a été déplacé.
h-book-series-changed-meanwhile = Un rendez-vous de la série a été modifié entre-temps, veuillez réessayer.

## Why a change of an appointment was refused.

# $status: cancelled, completed, no-show, released (select on it to translate it).
h-book-err-closed = { $status ->
    [cancelled] Le rendez-vous est déjà annulé.
    [completed] Le rendez-vous a déjà eu lieu.
    [no-show] Le rendez-vous est déjà marqué comme non honoré.
    [released] La place est déjà libérée.
   *[other] Le rendez-vous est déjà clos.
}
h-book-err-already-confirmed = Le rendez-vous est déjà confirmé.
h-book-err-on-hold = Cet horaire est seulement réservé pour vous : acceptez-le ou refusez-le d'abord.
h-book-err-not-on-hold = Cet horaire n'est pas (ou plus) réservé pour vous.
h-book-err-too-late = Les modifications sont possibles jusqu'à { $hours } heures avant le rendez-vous.
h-book-err-started = Le rendez-vous a déjà commencé.
h-book-err-not-started = Le rendez-vous n'a pas encore commencé.

## Why a time cannot be booked (or an appointment moved to it).

h-book-err-in-past = Cet horaire est passé.
h-book-err-too-soon = Ce prestataire demande un délai d'au moins { $minutes } minutes.
h-book-err-too-far = Les réservations sont ouvertes au maximum { $days } jours à l'avance.
h-book-err-outside-hours = Le prestataire ne travaille pas à cet horaire.
h-book-err-off-grid = Les rendez-vous commencent toutes les { $minutes } minutes à partir de l'heure d'ouverture.
h-book-err-slot-taken = Cet horaire est déjà réservé.
h-book-err-class-full = Ce cours est complet : les { $places } places sont réservées.
h-book-err-one-class = Une place dans un cours se réserve pour une séance à la fois : elle ne peut ni faire partie d'une série ni être déplacée (annulez-la et réservez une autre séance).
h-book-err-own-service = Vous ne pouvez pas réserver votre propre prestation.
h-book-err-unavailable = Cette prestation n'est pas disponible à la réservation.

## Booking a time.

h-book-slot-taken-sorry = Désolé, quelqu'un vient de réserver cet horaire.
h-book-class-full-sorry = Désolé, ce cours est complet : les { $places } places sont réservées.
h-book-err-customers-only = Seuls les comptes client peuvent réserver : connectez-vous avec un compte client pour réserver.
h-book-err-key-reused = Cette clé d'idempotence a déjà été utilisée pour une autre réservation.
h-book-too-many = Vous avez essayé de réserver trop de fois au cours de la dernière heure. Veuillez réessayer plus tard.

## Free texts: $field is note, review, reply or reason (select on it to name the field).

h-book-text-missing = { $field ->
    [note] Veuillez saisir une note.
    [review] Veuillez rédiger votre avis.
    [reply] Veuillez rédiger votre réponse.
   *[reason] Veuillez indiquer un motif.
}
h-book-text-length = { $field ->
    [note] La note
    [review] L'avis
    [reply] La réponse
   *[reason] Le motif
} doit comporter entre { $min } et { $max } caractères.
h-book-text-control = { $field ->
    [note] La note
    [review] L'avis
    [reply] La réponse
   *[reason] Le motif
} contient des caractères de contrôle invisibles.

## Search and the service page.

# A class's free time. $left: places still free; $capacity: all places.
h-book-places-left = { $left ->
    [one] { $left } place libre sur { $capacity }
   *[other] { $left } places libres sur { $capacity }
}
h-book-err-search-too-long = Votre recherche doit comporter au maximum { $max } caractères.
h-book-err-negative-price = Les prix ne peuvent pas être négatifs.
h-book-err-price-range = Le prix minimum ne doit pas dépasser le prix maximum.
# $zone: the name as typed, in quotes.
h-book-err-unknown-zone = Fuseau horaire inconnu { $zone } : utilisez un nom IANA comme Europe/Paris.
h-book-err-no-such-service = Cette prestation n'existe pas.
h-book-err-window-too-long = Les créneaux peuvent être affichés sur { $days } jours au maximum à la fois.

## Series.

h-book-series-repeat-invalid = Choisissez la fréquence et le nombre de répétitions.
h-book-series-interval = Une série se répète toutes les 1 à 4 semaines.
h-book-series-count = Une série compte de 2 à 12 rendez-vous.
h-book-series-choose = Choisissez les rendez-vous à réserver.
# Followed by the list of the series' dates.
h-book-series-not-all-free = Certains rendez-vous ne sont plus réservables, donc rien n'a été réservé. Voici la série telle qu'elle se présente maintenant :
h-book-series-nothing-free = Aucun des rendez-vous n'est plus réservable.

## Waitlist.

h-book-waitlist-days-invalid = Saisissez les deux jours sous forme de dates.
h-book-waitlist-times-invalid = Saisissez les deux heures au format HH:MM.
h-book-waitlist-days-backwards = Le dernier jour ne doit pas précéder le premier.
h-book-waitlist-too-long = Une période sur liste d'attente couvre au maximum { $days } jours.
h-book-waitlist-times-backwards = L'heure la plus tardive doit suivre l'heure la plus tôt.
h-book-waitlist-customers-only = Seuls les comptes client peuvent s'inscrire sur une liste d'attente : connectez-vous avec un compte client.
h-book-waitlist-not-found = Cette prestation ou cette inscription sur liste d'attente n'existe pas.
h-book-waitlist-window-over = Cette période est déjà passée.
h-book-waitlist-already = Vous êtes déjà sur la liste d'attente de cette prestation : quittez-la d'abord pour changer votre période.
h-book-waitlist-hold-open = Une place vous est réservée : refusez-la plutôt.
h-book-waitlist-joined = Vous êtes sur la liste d'attente. Nous vous écrirons dès qu'une place vous sera réservée.
h-book-waitlist-left = Vous avez quitté la liste d'attente.
h-book-waitlist-forbidden-title = Pas de liste d'attente ici
h-book-waitlist-forbidden = Les clients voient leurs propres inscriptions, les prestataires voient qui attend leurs prestations.
h-book-waitlist-cannot-leave = Impossible de quitter pour l'instant

## Reviews.

h-book-rating-none = Pas encore d'avis
# $average: the average stars with one decimal (4.5); $count: how many reviews.
h-book-rating = Noté { $average } sur 5 d'après { $count ->
    [one] { $count } avis
   *[other] { $count } avis
}
h-book-reviews-verified = Les avis proviennent uniquement de clients ayant honoré une réservation.
h-book-review-forbidden-title = Vous ne pouvez pas donner votre avis sur ce rendez-vous
h-book-review-forbidden = Seul le client d'un rendez-vous effectué peut donner son avis, dans les 90 jours qui suivent.
h-book-review-stars-invalid = Choisissez de 1 à 5 étoiles.
h-book-review-not-customer = Seul le client de ce rendez-vous peut donner son avis.
h-book-review-not-completed = Seul un rendez-vous effectué peut recevoir un avis.
h-book-review-window-closed = Les avis peuvent être rédigés ou modifiés jusqu'à 90 jours après le rendez-vous.
h-book-review-stars = Une note va de 1 à 5 étoiles.
# $hidden: yes or no.
h-book-review-already-moderated = { $hidden ->
    [yes] L'avis est déjà masqué.
   *[no] L'avis est déjà visible.
}
h-book-review-changed-meanwhile = L'avis a été modifié entre-temps, veuillez réessayer.
h-book-reply-title = Répondre à un avis
h-book-reply-label = Votre réponse publique
h-book-reply-button = Enregistrer la réponse
h-book-report-title = Signaler un avis
h-book-report-label = Pourquoi notre équipe devrait-elle examiner cet avis ?
h-book-report-button = Envoyer le signalement
h-book-reply-forbidden-title = Seul le prestataire peut répondre
h-book-reply-forbidden = Seul le prestataire du rendez-vous évalué peut répondre à son avis.
h-book-report-thanks = Merci : notre équipe va examiner cet avis.
h-book-report-already = Vous avez déjà signalé cet avis.

## The provider's dashboard.

# A class on the agenda. $booked: places booked; $capacity: all places.
h-book-places-booked = { $booked ->
    [one] { $booked } place réservée sur { $capacity }
   *[other] { $booked } places réservées sur { $capacity }
}

## The booking-policy fields (schedule and service forms).

h-book-policy-notice = Saisissez le délai en minutes entières, par exemple 60.
h-book-policy-horizon = Saisissez un nombre de jours entre 1 et 730.
h-book-policy-step = Saisissez l'intervalle en minutes, par exemple 15, ou laissez le champ vide.
h-book-policy-cutoff = Saisissez la limite de modification en heures entières, par exemple 12.
h-book-policy-hold = Saisissez la durée de réservation en minutes entières, de 15 à 4320 (3 jours).
# $minutes: the step typed.
h-book-policy-step-invalid = L'intervalle des créneaux doit être de 5 à 480 minutes, par pas de 5, et non { $minutes }.
h-book-policy-notice-max = Le délai minimum peut être de 30 jours au plus.
h-book-policy-cutoff-max = La limite de modification peut être de 30 jours au plus.
h-book-policy-horizon-range = Les réservations doivent être possibles entre 1 et 730 jours à l'avance.
h-book-policy-notice-horizon = Le délai minimum doit être plus court que la période pendant laquelle on peut réserver à l'avance.
h-book-policy-hold-range = Une place libérée peut être réservée de 15 minutes à 3 jours.
