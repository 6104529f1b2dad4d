# Book Your Services: the public pages, booking and appointments. French ("vous").
# Templates: base, home, search, service, provider, book, series, series_booked, waitlist,
# waitlist_join, review, review_action, appointment, reschedule, error and the partials
# partials_reviews, partials_row, partials_actions, partials_policy.
# Variables are already formatted by the app (dates, times, prices, zone names).

# base.html: the layout of every page (head, navigation, footer).
base-description = Trouvez un coiffeur, un cours particulier, un kiné ou un cours de yoga près de chez vous, consultez les vrais créneaux libres dans votre fuseau horaire et réservez en quelques clics.
base-skip-link = Aller au contenu principal

# Accessible name of the main navigation bar.
base-nav-main = Navigation principale
base-nav-search = Trouver une prestation
base-nav-dashboard = Tableau de bord
base-nav-waitlist = Liste d'attente

# A provider's own services and working hours.
base-nav-services = Prestations
base-nav-schedule = Horaires
base-nav-admin = Administration
base-nav-account = Compte
base-log-out = Se déconnecter
base-log-in = Se connecter
base-sign-up = S'inscrire

# Footer: accessible name of the language switcher (visitors who are not signed in).
base-language = Langue

# Footer link for signed-in users, whose language is a setting of their account.
base-language-account = Langue : modifiez-la dans votre compte

# home.html: the home page.
home-heading = Réservez une prestation en quelques clics
home-search-label = Rechercher des prestations
home-search-placeholder = Coupe de cheveux, soutien scolaire, yoga…
home-search-button = Rechercher
home-browse-heading = Parcourir par catégorie
home-new-heading = Nouveau sur Book Your Services

# Length of a service, $minutes is a number.
home-minutes = { $minutes } min

# Shown when there are no services yet: home-empty-before, then a link to sign up with the
# text home-empty-link, then home-empty-after right after the link (start it with {" "} for a space).
home-empty-before = Aucune prestation pour l'instant. Prestataires :
home-empty-link = créez un compte
home-empty-after = {" "}pour proposer les vôtres.

# search.html: search results with filters.
# Page title, followed by " · Book Your Services".
search-title = Recherche
search-heading = Trouver une prestation
search-form-label = Recherche et filtres
search-query-label = Rechercher
search-category-label = Catégorie
search-category-all = Toutes les catégories

# Filter on the length of a service.
search-length-label = Durée
search-length-any = Toutes les durées

# $minutes: 30, 60, 90 or 120.
search-length-option = Jusqu'à { $minutes } min
search-rating-label = Note
search-rating-any = Toutes les notes

# $stars: 4, 3 or 2.
search-rating-option =
    { $stars ->
        [one] { $stars } étoile ou plus
       *[other] { $stars } étoiles ou plus
    }
search-sort-label = Tri
search-sort-relevance = Pertinence
search-sort-price-asc = Prix croissant
search-sort-price-desc = Prix décroissant
search-sort-newest = Plus récentes
search-sort-rating = Mieux notées
search-submit = Afficher les résultats

# Heading over the results: how many services match.
search-results =
    { $count ->
        [one] { $count } prestation
       *[other] { $count } prestations
    }
search-minutes = { $minutes } min
search-pages-label = Pages de résultats
search-previous = Précédent
search-page-of = Page { $page } sur { $pages }
search-next = Suivant
search-empty = Aucune prestation ne correspond.

# $query: the words searched for.
search-empty-query = Aucune prestation ne correspond à « { $query } ».

# search-empty-hint-before, then a link to all services with the text search-empty-hint-link,
# then search-empty-hint-after right after the link.
search-empty-hint-before = Essayez avec moins de mots, une autre catégorie, ou
search-empty-hint-link = affichez toutes les prestations
search-empty-hint-after = .

# service.html: a service's page with its month calendar of free times.
service-minutes =
    { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }

# Heading of the time picker when an existing appointment is being moved.
service-pick-new-time = Choisissez un nouvel horaire pour votre rendez-vous
service-pick-time = Choisir un horaire
service-back-to-appointment = Retour au rendez-vous
service-zone-label = Afficher les horaires dans le fuseau horaire

# The examples are IANA time zone names: keep them in this form (Region/City).
service-zone-hint = Une ville, par exemple Europe/Paris ou America/Montreal.

# After an error about the zone typed: the provider's zone is shown instead.
service-zone-fallback = Affichage dans le fuseau { $zone }.
service-zone-submit = Afficher

# Screen-reader text of the ‹ and › month buttons.
service-previous-month = Mois précédent
service-next-month = Mois suivant

# Calendar column headings (weeks start on Monday): the full name for screen readers, then
# the two-letter abbreviation shown.
service-weekday-mon = lundi
service-weekday-mon-short = Lu
service-weekday-tue = mardi
service-weekday-tue-short = Ma
service-weekday-wed = mercredi
service-weekday-wed-short = Me
service-weekday-thu = jeudi
service-weekday-thu-short = Je
service-weekday-fri = vendredi
service-weekday-fri-short = Ve
service-weekday-sat = samedi
service-weekday-sat-short = Sa
service-weekday-sun = dimanche
service-weekday-sun-short = Di

# After the day's date in the heading over its free times.
service-times-in = (fuseau horaire : { $zone })
service-free-times = Créneaux libres dans le fuseau { $zone }
service-no-free-times = Aucun créneau libre ce jour-là. Essayez un autre jour ou inscrivez-vous sur la liste d'attente ci-dessous.

# Link to the waitlist form; waitlist-empty-customer quotes its last words.
service-waitlist-link = Rien ne vous convient ? Rejoindre la liste d'attente
service-provider-zone = Fuseau horaire du prestataire : { $zone }.

# provider.html: a provider's public page.
# Followed by the page's address as a link.
provider-book-directly = Réserver directement :
provider-minutes = { $minutes } min
provider-pick-time = Choisir un horaire

# Screen-reader text after provider-pick-time; $service is the service's name.
provider-pick-time-for = pour { $service }
provider-empty = { $provider } n'a aucune prestation à réserver pour le moment.

# book.html: confirming a booking, and the offer to repeat it.
book-title = Confirmez votre réservation

# Above a list of other free times after the chosen one was taken.
book-alternatives = Ces horaires sont encore libres :
book-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
book-when-for-provider = Pour le prestataire : { $when }
book-note-label = Note pour le prestataire
book-note-hint = (facultatif)
book-submit = Réserver cet horaire
book-choose-another-time = Choisir un autre horaire
book-repeat-heading = Répéter cette réservation

# Label of a select whose options are book-every-option ("Repeat every" + "2 weeks").
book-repeat-every = Répéter

# $weeks: 1 to 4.
book-every-option =
    { $weeks ->
        [one] chaque semaine
       *[other] toutes les { $weeks } semaines
    }
book-times-label = Nombre de rendez-vous

# $count: 2 to 12.
book-times-option =
    { $count ->
        [one] { $count } fois
       *[other] { $count } fois
    }
book-repeat-submit = Voir les dates libres

# series.html: previewing and booking a recurring series.
series-title = Répéter votre réservation

# After the price of one appointment.
series-price-each = par rendez-vous
series-minutes = { $minutes } min
series-repeat-legend = Répétition

# Label of a select whose options are series-every-option ("Every" + "2 weeks").
series-every-label = Fréquence

# $weeks: 1 to 4.
series-every-option =
    { $weeks ->
        [one] chaque semaine
       *[other] toutes les { $weeks } semaines
    }
series-times-label = Nombre de rendez-vous

# $count: 2 to 12.
series-times-option =
    { $count ->
        [one] { $count } fois
       *[other] { $count } fois
    }
series-check-submit = Vérifier ces dates
series-dates-heading = Dates
series-zone-note = Horaires affichés dans le fuseau { $zone }. Chaque rendez-vous garde l'heure locale du prestataire, y compris lors des changements d'heure.

# How many of the dates can be booked; English keeps one form for every number.
series-free-count =
    { $free ->
        [one] { $free } sur { $total } est libre.
       *[other] { $free } sur { $total } sont libres.
    }

# The state of each date in the list; a reason follows series-occurrence-taken.
series-occurrence-free = libre
series-occurrence-taken = indisponible
series-note-label = Note pour le prestataire
series-note-hint = (facultatif, sur chaque rendez-vous)

# Buttons: $count is how many of the dates are free (English keeps one form for every number).
series-book-free-only =
    { $count ->
        [one] Réserver uniquement la date libre
       *[other] Réserver uniquement les { $count } dates libres
    }
series-book-all-or-none = Tout réserver ou rien
series-all-or-none-hint = « Tout réserver ou rien » n'est possible que si chaque date est libre.
series-book-all = Réserver les { $count } dates
series-book-free-anyway = Réserver les dates libres, même si certaines sont prises entre-temps

# series-none-free-before, then a link back to the time picker with the text
# series-none-free-link, then series-none-free-after right after the link.
series-none-free-before = Aucune de ces dates ne peut être réservée. Essayez un autre intervalle ou
series-none-free-link = choisissez un autre horaire
series-none-free-after = .

# $error: why the note was refused (a sentence).
series-note-error = Note : { $error }
series-choose-another-time = Choisir un autre horaire

# series_booked.html: after booking a series.
series-booked-title = Série réservée
series-booked-heading = Votre série est réservée
series-booked-minutes = { $minutes } min
series-booked-zone = horaires dans le fuseau { $zone }

# $count: how many appointments were booked (English keeps one form for every number).
series-booked-summary =
    { $count ->
        [one] { $count } rendez-vous réservé.
       *[other] { $count } rendez-vous réservés.
    } Chacun a son propre e-mail de confirmation et sa propre entrée d'agenda, et peut être déplacé ou annulé séparément.
series-booked-skipped-heading = Non réservées
series-booked-dashboard-link = Vos rendez-vous

# waitlist.html: a customer's waitlist entries, or who waits for a provider's services.
waitlist-title = Liste d'attente
waitlist-heading-provider = Qui attend
waitlist-heading-customer = Votre liste d'attente
waitlist-provider-intro = Les clients qui attendent une place dans vos prestations, par ordre d'arrivée. Une place libérée est réservée à la première personne dont la plage horaire lui correspond.

# $date: when the entry was made, e.g. "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
waitlist-joined = Inscription le { $date }

# $until: a date and time like $date above. waitlist-held is the provider's view.
waitlist-held = Une place est réservée jusqu'au { $until }.
waitlist-held-for-you = Une place vous est réservée jusqu'au { $until }.
waitlist-hold-link = Réserver ou libérer la place
waitlist-leave = Quitter la liste d'attente
waitlist-empty-provider = Personne n'attend.

# Quotes the end of service-waitlist-link.
waitlist-empty-customer = Vous n'attendez rien pour le moment. Sur la page d'une prestation, « Rejoindre la liste d'attente » nous demande de vous réserver la prochaine place libre.

# waitlist_join.html: joining the waitlist of a service.
waitlist-join-title = Rejoindre la liste d'attente

# waitlist-join-for, then the service's name as a link, then waitlist-join-intro right after
# the link (it starts with the full stop ending "For <service>.").
waitlist-join-for = Pour
waitlist-join-intro = . Quand une place se libère dans votre plage horaire, elle est réservée à la première personne en attente pendant une durée fixée par le prestataire (deux heures par défaut), et cette personne reçoit un e-mail pour la réserver en un clic.
waitlist-join-days-legend = Jours
waitlist-join-first-day = Du
waitlist-join-last-day = Au
waitlist-join-times-legend = Heures de la journée
waitlist-join-times-zone = (fuseau { $zone })
waitlist-join-from = Début au plus tôt
waitlist-join-until = Fin au plus tard
waitlist-join-submit = Rejoindre la liste d'attente
waitlist-join-back = Retour aux horaires

# review.html: a customer writes or changes a review.
review-title-change = Modifier votre avis
review-title-write = Écrire un avis
review-change-window = Vous pouvez modifier votre avis pendant 90 jours après le rendez-vous.
review-stars-legend = Votre note

# $count: 1 to 5.
review-stars-option =
    { $count ->
        [one] { $count } étoile
       *[other] { $count } étoiles
    }
review-text-label = Votre avis
review-text-hint = (facultatif, publié avec votre prénom et l'initiale de votre nom)
review-submit-change = Enregistrer les modifications
review-submit-write = Publier l'avis
review-back-to-appointment = Retour au rendez-vous

# review_action.html: the reply or report form about a review.
review-action-back-home = Retour à l'accueil

# partials_reviews.html: the reviews block of service and provider pages.
partials-reviews-heading = Avis

# After the average rating ("4.5 / 5 · 12 reviews").
partials-reviews-count =
    { $count ->
        [one] { $count } avis
       *[other] { $count } avis
    }

# $stars: 1 to 5 (English keeps one form for every number).
partials-reviews-stars =
    { $stars ->
        [one] { $stars } étoile sur 5
       *[other] { $stars } étoiles sur 5
    }
partials-reviews-reply-heading = Réponse du prestataire
partials-reviews-report = Signaler

# Screen-reader text after partials-reviews-report; $author is the reviewer's short name.
partials-reviews-report-whose = l'avis de { $author }

# partials_row.html: an appointment in lists. Its status uses the appointment-status-* keys.
partials-row-minutes = { $minutes } min

# Shown in bold, followed by partials-row-conflict-text.
partials-row-conflict = Conflit :
partials-row-conflict-text = chevauche un événement de votre propre agenda
partials-row-note = Note : { $note }

# partials_actions.html: the buttons for an appointment (confirm, complete, move, cancel).
partials-actions-confirm = Confirmer
partials-actions-complete = Marquer comme effectué
partials-actions-no-show = Marquer une absence
partials-actions-reschedule = Déplacer à un autre horaire

# Opens the cancellation form.
partials-actions-cancel-open = Annuler…
partials-actions-reason-label = Motif
partials-actions-reason-hint = (facultatif, visible par l'autre partie)
partials-actions-cancel = Annuler ce rendez-vous
partials-actions-cancel-class = Annuler tout le cours

# Screen-reader text after partials-actions-cancel-class.
partials-actions-cancel-class-hint = pour toutes les personnes inscrites
partials-actions-cancel-following = Annuler celui-ci et les suivants

# Screen-reader text after partials-actions-cancel-following.
partials-actions-cancel-following-hint = (rendez-vous de la série)

# appointment.html: an appointment's page.
appointment-title = Rendez-vous
appointment-heading-cancelled = Rendez-vous annulé
appointment-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
appointment-when-for-provider = Pour le prestataire : { $when }

# Followed by the status in bold (one of the appointment-status-* values below).
appointment-status-caption = Statut :

# An appointment's status, also in lists (partials_row.html). One key per status of
# domain::AppointmentStatus::as_str (with "_" written "-").
appointment-status-requested = en attente de confirmation
appointment-status-confirmed = confirmé
appointment-status-cancelled = annulé
appointment-status-completed = effectué
appointment-status-no-show = absence
appointment-status-held = réservé via la liste d'attente
appointment-status-released = libéré (non réservé)

# Shown in bold, followed by appointment-conflict-text (to the provider).
appointment-conflict = Conflit :
appointment-conflict-text = ce rendez-vous chevauche un événement de votre propre agenda dont nous avons eu connaissance après la réservation. Il reste réservé ; déplacez-le ou annulez-le si vous ne pouvez pas l'honorer (le client est prévenu comme d'habitude).
appointment-note-own = Votre note : { $note }
appointment-note-customer = Note du client : { $note }
appointment-cancel-reason = Motif de l'annulation : { $reason }
appointment-add-to-calendar = Ajouter à l'agenda (.ics)

# A place freed for a customer on the waitlist. $until: a date and time, e.g.
# "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
appointment-held-until = Réservé pour vous jusqu'au { $until }
appointment-held-text = Une place que vous attendiez s'est libérée. Personne d'autre ne peut la réserver d'ici là. Réservez-la, ou laissez-la à la personne suivante sur la liste.
appointment-hold-accept = Réserver cette place
appointment-hold-decline = Non merci
appointment-move-heading = Nouvel horaire proposé

# To the customer: appointment-move-customer-before, the new time in bold, then
# appointment-move-customer-after right after it (start it with {" "} for a space).
appointment-move-customer-before = Votre prestataire a déplacé ce rendez-vous dans son agenda, au
appointment-move-customer-after = . Rien ne change tant que vous n'avez pas répondu.
appointment-move-accept = Accepter le nouvel horaire

# $when: the current time of the appointment.
appointment-move-decline = Garder { $when }

# To the provider: appointment-move-provider-before, the new time in bold, then
# appointment-move-provider-after right after it.
appointment-move-provider-before = Déplacé dans l'agenda du prestataire, au
appointment-move-provider-after = . En attente de l'accord du client ; d'ici là, le rendez-vous garde son horaire.
appointment-review-heading = Avis

# $stars: 1 to 5 (English keeps one form for every number).
appointment-review-stars =
    { $stars ->
        [one] { $stars } étoile sur 5
       *[other] { $stars } étoiles sur 5
    }
appointment-review-hidden = masqué par l'équipe
appointment-review-reply-heading = Réponse du prestataire
appointment-review-change = Modifier votre avis
appointment-review-write = Écrire un avis
appointment-reply-change = Modifier votre réponse publique
appointment-reply-write = Répondre publiquement
appointment-reply-submit = Enregistrer la réponse

# Opens the form to move this occurrence of a series and all later ones.
appointment-move-following-open = Déplacer celui-ci et les suivants…

# Screen-reader text after appointment-move-following-open.
appointment-move-following-hint = (rendez-vous de la série)
appointment-move-start-label = Nouvel horaire pour ce rendez-vous
appointment-move-start-hint = ({ $zone } ; chaque rendez-vous suivant est décalé d'autant et garde l'heure locale du prestataire)
appointment-move-following-submit = Déplacer celui-ci et les suivants

# reschedule.html: confirming the new time of an appointment.
reschedule-title = Déplacer votre rendez-vous

# Before the old time (struck through) and the new time (in bold).
reschedule-from = Ancien horaire :
reschedule-to = Nouvel horaire :
reschedule-submit = Déplacer à cet horaire
reschedule-choose-another-time = Choisir un autre horaire
reschedule-back-to-appointment = Retour au rendez-vous

# error.html: error pages.
error-back-home = Retour à l'accueil

# partials_policy.html: a provider's booking rules (labels of number fields; the unit comes last).
partials-policy-notice-minutes = Délai de prévenance minimal, en minutes
partials-policy-horizon-days = Réservable jusqu'à, en jours à l'avance
partials-policy-slot-step = Début des créneaux toutes les, en minutes
partials-policy-slot-step-hint = (vide : durée de la prestation)
partials-policy-cutoff-hours = Annulation ou déplacement par le client jusqu'à, en heures avant
partials-policy-hold-minutes = Une place libérée est réservée à la première personne de la liste d'attente, en minutes
partials-policy-auto-confirm = Confirmer les réservations immédiatement (sinon, vous confirmez chaque demande)

privacy-heading = Politique de confidentialité
privacy-version = Version { $version }
privacy-your-data = Téléchargez ou supprimez vos données depuis votre compte
