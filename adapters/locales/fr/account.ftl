# Account pages: logging in, signing up, passwords, email verification, the account page,
# deleting the account, the dashboard, a provider's services and schedule, photos, the
# calendar feed and webhooks.
#
# Sentences that contain a link or emphasis are split into pieces around it; the comment
# above each group shows how the pieces are put together. Page titles get
# " · Book Your Services" appended by the page.

## login.html

login-heading = Se connecter
login-email-label = Adresse e-mail
login-password-label = Mot de passe
login-submit = Se connecter
login-forgot-link = Mot de passe oublié ?
# Shown as: [login-register-before] <link>[login-register-link]</link>[login-register-after]
login-register-before = Première visite ?
login-register-link = Créez un compte
login-register-after = .

## register.html

register-heading = Créer un compte
# Legend of the two choices below: "I want to … book services / offer services".
register-role-legend = Je souhaite
register-role-customer = réserver des prestations (compte client)
register-role-provider = proposer des prestations (compte prestataire)
register-name-label = Votre nom
register-name-hint = Visible par les personnes avec qui vous avez rendez-vous.
register-email-label = Adresse e-mail
register-password-label = Mot de passe
register-password-hint = Au moins 8 caractères.
register-zone-label = Fuseau horaire
register-zone-hint = Un nom IANA comme Europe/Paris ; laissez vide pour UTC.
register-submit = Créer le compte
register-privacy-before = J’ai lu et j’accepte la
register-privacy-link = politique de confidentialité
register-privacy-after = .
register-privacy-required = Cochez la case pour accepter la politique de confidentialité ; nous ne pouvons pas ouvrir de compte sans cela.
# Shown as: [register-login-before] <link>[register-login-link]</link>[register-login-after]
register-login-before = Vous avez déjà un compte ?
register-login-link = Connectez-vous
register-login-after = .

## forgot_password.html

forgot-password-heading = Mot de passe oublié ?
# $email: the address typed in; $minutes: how long the link works.
forgot-password-sent = Si un compte utilise l’adresse { $email }, nous y avons envoyé un lien pour choisir un nouveau mot de passe. Le lien ne fonctionne qu’une fois, pendant { $minutes ->
        [one] { $minutes } minute.
       *[other] { $minutes } minutes.
    }
forgot-password-intro = Saisissez l’adresse e-mail de votre compte ; nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-password-email-label = Adresse e-mail
forgot-password-submit = Envoyez-moi un lien
forgot-password-back = Retour à la connexion

## reset_password.html

reset-password-heading = Choisir un nouveau mot de passe
# Shown as: [reset-password-invalid] <link>[reset-password-ask-link]</link>[reset-password-ask-after]
reset-password-invalid = Ce lien n’est pas valide, a déjà été utilisé ou a expiré.
reset-password-ask-link = Demandez-en un nouveau
reset-password-ask-after = .
reset-password-new-label = Nouveau mot de passe
reset-password-submit = Enregistrer le nouveau mot de passe

## verify_email.html

verify-email-heading = Vérification de l’adresse e-mail
# $email: the address just verified.
verify-email-done = Merci : l’adresse { $email } est vérifiée.
verify-email-back = Retour à votre compte
verify-email-login = Se connecter
verify-email-wrong-account = Ce lien a été envoyé pour un autre compte que celui que vous utilisez actuellement : il n’a donc rien vérifié et ne fonctionne plus. Connectez-vous à ce compte et demandez un nouveau lien depuis sa page de compte.
verify-email-invalid = Ce lien de vérification n’est pas valide, a déjà été utilisé ou a expiré.
verify-email-resend = Envoyez-moi un nouveau lien de vérification
verify-email-login-for-link = Se connecter pour recevoir un nouveau lien

## unsubscribe.html (the link in review request emails)

unsubscribe-heading = E-mails de demande d’avis
unsubscribe-ask = Après un rendez-vous terminé, nous vous écrivons une fois pour vous demander comment il s’est passé. Ne plus recevoir ces e-mails ? Les e-mails concernant vos réservations continueront d’arriver.
unsubscribe-submit = Ne plus recevoir les demandes d’avis
unsubscribe-done = C’est fait : nous ne vous demanderons plus d’avis par e-mail. Vous pouvez toujours donner votre avis sur un rendez-vous terminé depuis sa page, et réactiver ces e-mails dans votre compte.
unsubscribe-failed = Ce lien a déjà été utilisé ou a expiré. Modifiez plutôt ce réglage dans votre compte.
unsubscribe-account = Votre compte
unsubscribe-login = Se connecter à votre compte

## delete_account.html

delete-account-title-deleted = Compte supprimé
delete-account-heading = Supprimer votre compte
delete-account-deleted-heading = Votre compte est supprimé
delete-account-deleted-text = Vos données personnelles ont été effacées et votre session est fermée. Les personnes avec qui vous avez eu rendez-vous conservent ces rendez-vous passés sous un pseudonyme.
delete-account-home = Retour à l’accueil
delete-account-what-heading = Ce qui va se passer
delete-account-what-services = Vos prestations sont désactivées : plus personne ne peut réserver chez vous.
delete-account-what-cancelled = Vos rendez-vous qui n’ont pas encore commencé sont annulés ; l’autre partie en est informée comme pour toute annulation.
delete-account-what-erased = Votre nom, votre adresse e-mail, votre numéro de téléphone, vos photos, notes, textes d’avis et jetons d’API, votre abonnement au calendrier et vos connexions de calendrier sont effacés.
# $pseudonym: the name that replaces the user's in the other side's records, e.g. "Deleted customer".
delete-account-what-kept = Les personnes avec qui vous avez eu rendez-vous conservent ces rendez-vous passés (date, prestation, prix) pour leur comptabilité, sous le nom « { $pseudonym } ».
# Shown as: [delete-account-what-final] <link>[delete-account-export-link]</link>[delete-account-export-after]
delete-account-what-final = Cette action est irréversible.
delete-account-export-link = Téléchargez vos données
delete-account-export-after = {" "}avant, si vous souhaitez en garder une copie.
delete-account-password-label = Mot de passe actuel, pour confirmer
delete-account-submit = Supprimer définitivement mon compte
delete-account-keep = Garder mon compte

## profile.html (the account page)

profile-heading = Votre compte
# $email: the account's email address.
profile-signed-in-as = Session ouverte avec { $email }
profile-profile-heading = Profil
profile-name-label = Nom
profile-phone-label = Téléphone
# After a field label, in smaller type.
profile-optional = (facultatif)
profile-zone-label = Fuseau horaire
profile-zone-hint = Les heures sont affichées dans ce fuseau ; c’est aussi celui dans lequel s’entendent les horaires d’un prestataire.
profile-language-label = Langue
profile-language-hint = Les pages et tous les e-mails que nous vous envoyons sont dans cette langue.
profile-language-browser = Selon mon navigateur
profile-calendar-email-label = Adresse Gmail pour votre agenda
profile-calendar-email-hint = Nous partageons un agenda de vos rendez-vous avec ce compte Google.
profile-review-requests = M’envoyer un e-mail une fois après chaque rendez-vous terminé pour me demander mon avis
profile-save = Enregistrer le profil
profile-email-heading = Adresse e-mail
# Shown as: [profile-email-verified-before] <strong>[profile-email-verified]</strong> [profile-email-verified-after]
# $email: the address; $date: the day it was verified.
profile-email-verified-before = L’adresse { $email } est
profile-email-verified = vérifiée
profile-email-verified-after = (depuis le { $date }).
# Shown as: [profile-email-unverified-before] <strong>[profile-email-unverified]</strong>[profile-email-unverified-after]
profile-email-unverified-before = L’adresse { $email }
profile-email-unverified = n’est pas encore vérifiée
profile-email-unverified-after = . Ouvrez le lien que nous y avons envoyé pour confirmer qu’elle vous appartient.
profile-email-resend = Renvoyer l’e-mail de vérification
profile-new-email-label = Nouvelle adresse e-mail
profile-new-email-hint = Elle vous sert à vous connecter et à recevoir vos e-mails ; elle devra être vérifiée à nouveau.
profile-email-password-label = Mot de passe actuel, pour confirmer la modification
profile-email-submit = Modifier l’adresse e-mail
profile-photo-heading = Photo de profil
profile-photo-formats = JPEG, PNG ou WebP
profile-photo-upload = Envoyer la photo
profile-feed-heading = Abonnement de calendrier
profile-feed-text = Abonnez-vous à vos rendez-vous depuis Google Agenda, Outlook ou Calendrier d’Apple grâce à une adresse privée. Une nouvelle adresse remplace l’ancienne.
profile-feed-create = Créer une adresse d’abonnement
profile-feed-stop = Désactiver l’adresse actuelle
# Providers only: calendars of their own whose busy times close their bookable slots.
profile-busy-heading = Calendriers qui bloquent votre temps
# For CalDAV calendars (Fastmail, Nextcloud, iCloud…).
profile-busy-login-intro = Les périodes occupées de ces calendriers (Fastmail, Nextcloud, iCloud ou tout autre serveur CalDAV) ne sont pas proposées comme créneaux (les événements marqués « disponible » et les événements annulés ne comptent pas).
profile-busy-login-step-address = Copiez l’adresse CalDAV du calendrier depuis ses réglages (Fastmail : Paramètres → Calendriers → le calendrier → URL CalDAV ; Nextcloud : menu « … » du calendrier → Copier le lien interne).
profile-busy-login-step-password = Créez chez votre fournisseur de calendrier un mot de passe d’application pour ce site (iCloud et Fastmail l’exigent) ; nous nous contentons de lire, et nous le conservons chiffré.
# For Outlook (Microsoft 365) mailboxes.
profile-busy-mailbox-intro = Les périodes occupées de votre calendrier Outlook (Microsoft 365) ne sont pas proposées comme créneaux (les événements affichés comme « libre » ou « travail ailleurs », les événements annulés et les invitations que vous avez refusées ne comptent pas).
# $address: the platform's calendar account.
profile-busy-mailbox-step-share = Rien à partager : { $address } lit les calendriers des boîtes aux lettres de votre organisation.
# When Outlook announces changes to us.
profile-busy-mailbox-step-enter-pushed = Saisissez ci-dessous l’adresse de votre boîte aux lettres (e-mail professionnel) ; son calendrier principal est lu (modifications prises en compte en quelques secondes, car Outlook nous les signale).
# When we check for changes every few minutes.
profile-busy-mailbox-step-enter-polled = Saisissez ci-dessous l’adresse de votre boîte aux lettres (e-mail professionnel) ; son calendrier principal est lu (modifications prises en compte en quelques minutes).
# For Google calendars. The quoted labels are those of Google Calendar's settings.
profile-busy-google-intro = Les périodes occupées de ces agendas Google ne sont pas proposées comme créneaux (les événements marqués « disponible » et les invitations que vous avez refusées ne comptent pas).
# Shown as: [profile-busy-google-step-share-before] <strong>calendar address</strong> [profile-busy-google-step-share-after-pushed or -polled]
profile-busy-google-step-share-before = Dans Google Agenda, ouvrez les paramètres de l’agenda, puis « Partager avec des personnes en particulier », et ajoutez
# When Google announces changes to us.
profile-busy-google-step-share-after-pushed = avec « Afficher tous les détails des événements » (idéal : les modifications sont lues en quelques secondes, car Google nous les signale) ou « Afficher uniquement les disponibilités (masquer les détails) » (lecture toutes les quelques minutes).
# When we check for changes every few minutes.
profile-busy-google-step-share-after-polled = avec « Afficher tous les détails des événements » (idéal : les modifications sont lues en quelques minutes) ou « Afficher uniquement les disponibilités (masquer les détails) » (lecture toutes les quelques minutes).
profile-busy-google-step-id = Saisissez ci-dessous l’identifiant de l’agenda : pour votre agenda principal, votre adresse Gmail ; pour un autre, l’« ID de l’agenda » sous « Intégrer l’agenda ».
# $mode: how the calendar is read, e.g. "free/busy only: busy blocks are read every few minutes".
profile-busy-access = Accès : { $mode }
# Screen-reader label of the Remove button. $calendar: the calendar's id or address.
profile-busy-remove-label = Ne plus laisser { $calendar } bloquer votre temps
profile-busy-remove = Retirer
profile-busy-id-login = Adresse du calendrier (URL CalDAV)
profile-busy-id-mailbox = Adresse de la boîte aux lettres
profile-busy-id-google = ID de l’agenda
profile-busy-username = Nom d’utilisateur
profile-busy-app-password = Mot de passe d’application
profile-busy-add = Ajouter le calendrier
profile-tokens-heading = Jetons d’API
# Shown as: [profile-tokens-intro-before] <link>[profile-tokens-intro-link]</link> [profile-tokens-intro-middle] <code>[profile-tokens-intro-header]</code>[profile-tokens-intro-after]
profile-tokens-intro-before = Un jeton permet à un programme d’utiliser
profile-tokens-intro-link = l’API JSON
profile-tokens-intro-middle = en votre nom : envoyez-le sous la forme
# An HTTP header: keep "Authorization: Bearer"; only the placeholder <token> may be translated.
profile-tokens-intro-header = Authorization: Bearer <jeton>
profile-tokens-intro-after = . Révoquez les jetons que vous n’utilisez plus.
# $name: the name the user gave the token.
profile-token-created = Jeton « { $name } » créé.
profile-token-copy = Copiez-le maintenant : il ne s’affiche qu’une seule fois et fonctionne comme votre mot de passe.
profile-token-new-label = Votre nouveau jeton
profile-token-new-hint = Sélectionnez-le et copiez-le (Ctrl+C, ou ⌘+C sur Mac).
profile-token-name-label = Nom du jeton
profile-token-name-hint = À quoi sert le jeton, par exemple « script d’agenda ».
profile-token-create = Créer le jeton
profile-tokens-list-label = Vos jetons d’API
# $date: when the token was created.
profile-token-created-on = Créé le { $date }
# $date: when the token was last used.
profile-token-last-used = Dernière utilisation : { $date }
profile-token-never-used = Jamais utilisé
# Screen-reader label of the Revoke button. $name: the token's name.
profile-token-revoke-label = Révoquer le jeton { $name }
profile-token-revoke = Révoquer
profile-tokens-none = Vous n’avez aucun jeton d’API.
profile-password-heading = Changer de mot de passe
profile-password-current = Mot de passe actuel
profile-password-new = Nouveau mot de passe
profile-password-submit = Changer le mot de passe
profile-data-heading = Vos données
profile-data-export-text = Téléchargez tout ce que nous conservons à votre sujet (profil, rendez-vous, avis, jetons et journal d’audit) dans un fichier JSON.
profile-data-export = Télécharger vos données
profile-data-delete-text = Supprimer votre compte annule vos rendez-vous à venir et efface vos données personnelles ; les personnes avec qui vous avez eu rendez-vous conservent ces rendez-vous passés sous un pseudonyme.
profile-data-delete-link = Supprimer votre compte…

## dashboard.html

dashboard-title = Tableau de bord
dashboard-provider-heading = Votre agenda
# Banner when the provider's own calendars could not be read.
# Shown as: <strong>[dashboard-closing-strong]</strong> [dashboard-closing-before] calendar ids [dashboard-closing-after]
#   <link>[dashboard-closing-link]</link>[dashboard-closing-link-after]
# $count: how many calendars are listed.
dashboard-closing-strong = Personne ne peut réserver chez vous pour le moment.
dashboard-closing-before = Nous n’avons pas pu lire
dashboard-closing-after = ces derniers temps (ou le partage avec nous a été retiré) : vos créneaux sont donc fermés pour éviter les doubles réservations.
dashboard-closing-link = Vérifiez vos calendriers
dashboard-closing-link-after = {"\u00A0"}; vos créneaux rouvriront à la prochaine lecture réussie.
# $zone: an IANA time zone name such as Europe/Paris.
dashboard-times-in = Heures affichées dans le fuseau { $zone }.
dashboard-link-services = Prestations
# Link to the provider's working hours.
dashboard-link-hours = Horaires
dashboard-link-public-page = Votre page publique
dashboard-today-heading = Aujourd’hui
dashboard-today-empty = Aucune réservation aujourd’hui.
dashboard-week-heading = Cette semaine

# The statuses in the week grid use the shared appointment-status-* keys (site.ftl).

# A day of the week grid without appointments.
dashboard-week-free = Libre
dashboard-classes-heading = Cours
dashboard-attendees-label = Personnes inscrites
dashboard-upcoming-heading = À venir
# Followed by the provider's booking link.
dashboard-provider-upcoming-empty = Aucun rendez-vous à venir pour l’instant. Partagez votre lien de réservation :
dashboard-recent-heading = Récents
dashboard-past-empty = Aucun rendez-vous passé.
dashboard-customer-heading = Vos rendez-vous
# Shown as: [dashboard-customer-upcoming-empty-before] <link>[dashboard-customer-upcoming-empty-link]</link>[dashboard-customer-upcoming-empty-after]
dashboard-customer-upcoming-empty-before = Aucune réservation pour l’instant.
dashboard-customer-upcoming-empty-link = Trouvez une prestation
dashboard-customer-upcoming-empty-after = {" "}à réserver.
dashboard-past-heading = Passés

## services.html (a provider's services)

services-heading = Vos prestations
services-new = Nouvelle prestation
# Followed by the link.
services-booking-link = Votre lien de réservation :
services-inactive = inactive
# $minutes: the service's duration.
services-minutes = { $minutes } min
# Followed by the service's name for screen readers only.
services-edit = Modifier
services-view = Voir
services-deactivate = Désactiver
services-activate = Activer
# Shown as: [services-empty-before] <link>[services-empty-link]</link>[services-empty-after]
services-empty-before = Vous ne proposez encore aucune prestation.
services-empty-link = Créez votre première prestation
services-empty-after = {" "}pour que l’on puisse réserver chez vous.

## service_form.html

service-form-title-edit = Modifier la prestation
service-form-title-new = Nouvelle prestation
# $name: the service's name.
service-form-heading-edit = Modifier { $name }
service-form-errors = Veuillez corriger les champs signalés ci-dessous.
service-form-name = Nom
service-form-description = Description
service-form-optional = (facultatif)
service-form-category = Catégorie
service-form-no-category = Sans catégorie
service-form-time = Durée
service-form-duration = Durée en minutes
service-form-buffer-before = Minutes libres avant
service-form-buffer-after = Minutes libres après
service-form-capacity = Places
service-form-capacity-hint = (1 pour une personne à la fois ; au-delà, la prestation devient un cours dans lequel on réserve une place)
service-form-price = Prix
service-form-amount = Montant
service-form-currency = Devise
service-form-policy = Règles de réservation
service-form-own-policy = Cette prestation a ses propres règles (sinon, celles de vos horaires s’appliquent)
service-form-save = Enregistrer les modifications
service-form-create = Créer la prestation
service-form-back = Retour à vos prestations
service-form-photo-heading = Photo
service-form-photo-formats = JPEG, PNG ou WebP
service-form-photo-upload = Envoyer la photo

## schedule.html (a provider's working hours)

schedule-heading = Vos horaires
# Shown as: [schedule-zone] <link>[schedule-zone-change]</link>[schedule-zone-change-after]
# $zone: an IANA time zone name such as Europe/Paris.
schedule-zone = Les horaires sont exprimés dans votre fuseau horaire, { $zone }.
schedule-zone-change = Le modifier
schedule-zone-change-after = .
schedule-weekly-heading = Horaires hebdomadaires
schedule-weekly-hint = Ajoutez une ligne par plage de travail, par exemple 09:00–12:00 et 13:00–17:00 pour une pause déjeuner. Laissez un jour vide si vous ne travaillez pas.
schedule-day-monday = Lundi
schedule-day-tuesday = Mardi
schedule-day-wednesday = Mercredi
schedule-day-thursday = Jeudi
schedule-day-friday = Vendredi
schedule-day-saturday = Samedi
schedule-day-sunday = Dimanche
# Screen-reader labels of the time fields. $day: a weekday name above; $number: 1, 2, 3…
schedule-interval-start = { $day }, plage { $number }, début
schedule-interval-end = { $day }, plage { $number }, fin
schedule-add-interval = Ajouter une plage
schedule-save-hours = Enregistrer les horaires hebdomadaires
schedule-overrides-heading = Jours de congé et horaires exceptionnels
# The hours of a day off in the list.
schedule-closed = Fermé
# Followed by the day, for screen readers only.
schedule-remove = Retirer
schedule-overrides-empty = Aucun jour de congé ni horaire exceptionnel prévu. Vos horaires hebdomadaires s’appliquent tous les jours.
schedule-override-date = Date
schedule-override-kind = Ce jour-là
schedule-override-closed = Jour de congé
schedule-override-hours = Horaires exceptionnels :
schedule-override-first-start = Début de la première plage
schedule-override-first-end = Fin de la première plage
schedule-override-second-start = Début de la deuxième plage
schedule-override-second-end = Fin de la deuxième plage
schedule-override-add = Ajouter
schedule-policy-heading = Règles de réservation
schedule-policy-hint = S’appliquent à toutes les prestations qui n’ont pas leurs propres règles.
schedule-policy-save = Enregistrer les règles

## photo_upload.html

photo-upload-title-profile = Votre photo
photo-upload-title-service = Photo de la prestation
# $max_mb: the largest file accepted, in megabytes.
photo-upload-label = Photo (JPEG, PNG ou WebP, { $max_mb } Mo maximum)
photo-upload-submit = Envoyer

## calendar_feed.html

calendar-feed-heading = Flux de calendrier
# The quoted labels are those of Google Calendar and Apple Calendar.
calendar-feed-intro = Abonnez-vous à cette adresse dans votre application de calendrier (Google Agenda : « À partir de l’URL » ; Calendrier d’Apple : « Nouvel abonnement à un calendrier »). Gardez-la privée : toute personne qui la connaît voit vos rendez-vous. Elle ne s’affiche que maintenant ; créez-en une nouvelle pour la remplacer.
calendar-feed-address-label = Adresse de votre flux de calendrier
calendar-feed-revoked = Votre flux de calendrier est désactivé ; son ancienne adresse ne fonctionne plus.
calendar-feed-replace = Remplacer l’adresse
calendar-feed-create = Créer une adresse de flux
calendar-feed-turn-off = Désactiver le flux

## webhooks.html

webhooks-heading = Webhooks
# Shown as: [webhooks-intro-before] <link>[webhooks-intro-standard]</link>[webhooks-intro-middle] <link>[webhooks-intro-api]</link>[webhooks-intro-after]
webhooks-intro-before = Un point de terminaison de webhook est informé des réservations dès qu’elles ont lieu : chaque message est signé selon
# The name of a specification (standardwebhooks.com).
webhooks-intro-standard = Standard Webhooks
webhooks-intro-middle = , si bien que n’importe laquelle de ses bibliothèques peut le vérifier avec le secret du point de terminaison. Vous trouverez la même chose dans
webhooks-intro-api = l’API
webhooks-intro-after = .
webhooks-created = Point de terminaison enregistré.
webhooks-created-copy = Copiez son secret de signature maintenant : il ne s’affiche qu’une seule fois.
webhooks-secret-label = Secret de signature
webhooks-open = Ouvrir le point de terminaison
webhooks-register-heading = Enregistrer un point de terminaison
webhooks-register-submit = Enregistrer le point de terminaison

## webhook.html (one endpoint)

webhook-heading = Point de terminaison de webhook
webhook-all = Tous les points de terminaison de webhook
# After the endpoint's URL.
webhook-everyone = reçoit les événements de tous les comptes
webhook-disabled = Désactivé. Réactivez-le ci-dessous, puis renvoyez ce qu’il a manqué.
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
webhook-disabled-reason = Désactivé : { $reason }. Réactivez-le ci-dessous, puis renvoyez ce qu’il a manqué.
webhook-new-secret = Nouveau secret de signature.
webhook-new-secret-copy = Copiez-le maintenant : il ne s’affiche qu’une seule fois.
# $until: a date and time.
webhook-old-secret-until = L’ancien secret continue de signer en parallèle jusqu’à { $until }.
webhook-secret-label = Secret de signature
# $until: a date and time.
webhook-previous-secret-until = Le secret précédent continue de signer jusqu’à { $until }.
webhook-settings-heading = Paramètres
webhook-save = Enregistrer
webhook-send-test = Envoyer un test
webhook-rotate = Renouveler le secret
webhook-delete = Supprimer le point de terminaison
webhook-attempts-heading = Tentatives récentes
# Column headings of the attempts table.
webhook-col-when = Date (UTC)
webhook-col-event = Événement
webhook-col-status = Statut
webhook-col-time = Durée
webhook-col-answer = Réponse
webhook-col-resend = Renvoyer
# In the Status column when the receiver did not answer.
webhook-no-answer = pas de réponse
# $ms: a duration in milliseconds.
webhook-duration = { $ms } ms
# Screen-reader label of the Resend button. $message: the message id.
webhook-resend-label = Renvoyer le message { $message }
webhook-resend = Renvoyer
webhook-attempts-empty = Rien n’a encore été envoyé. Envoyez un test pour le voir apparaître ici.

## partials_webhook_form.html

partials-webhook-form-url = URL
partials-webhook-form-url-hint = Adresse à laquelle les messages sont envoyés, par exemple https://crm.example.org/hooks/bys. Elle doit être accessible depuis Internet.
partials-webhook-form-description = Description (facultative)
partials-webhook-form-events = Événements
partials-webhook-form-enabled = Envoyer des messages à ce point de terminaison

## partials_webhook_list.html

partials-webhook-list-label = Points de terminaison de webhook
# After an endpoint's event names (admins' endpoints receive the events of all providers).
partials-webhook-list-everyone = événements de tous les comptes
partials-webhook-list-enabled = Activé
partials-webhook-list-disabled = Désactivé
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
partials-webhook-list-disabled-reason = Désactivé : { $reason }
partials-webhook-list-empty = Aucun point de terminaison de webhook pour l’instant.
