# Texts the account, provider and admin handlers produce in Rust (notices, field
# errors, error pages).

# Error pages
h-acct-error-failed-title = Une erreur s'est produite
h-acct-error-failed-message = Désolé, cela a échoué de notre côté. L'erreur a été enregistrée ; veuillez réessayer dans un instant.
h-acct-error-too-large-title = Trop volumineux
h-acct-error-too-large-message = Ce que vous avez envoyé est trop volumineux.
h-acct-error-bad-title = Cela n'a pas fonctionné
h-acct-error-bad-message = La requête n'a pas pu être comprise. Revenez en arrière, rechargez la page et réessayez.
h-acct-error-unavailable-title = Temporairement indisponible
h-acct-error-unavailable-message = Nos données sont momentanément inaccessibles, rien n'a donc été modifié. Veuillez réessayer dans quelques secondes.
h-acct-error-not-found-title = Introuvable
h-acct-error-not-found-message = Il n'y a rien ici. Le contenu a peut-être été supprimé, ou l'adresse est mal saisie.

# Rejected text fields ($min and $max are numbers of characters)
h-acct-text-name-missing = Le nom est obligatoire.
h-acct-text-name-length = Le nom doit comporter entre { $min } et { $max } caractères.
h-acct-text-name-control = Le nom contient des caractères de contrôle invisibles.
h-acct-text-description-missing = La description est obligatoire.
h-acct-text-description-length = La description doit comporter entre { $min } et { $max } caractères.
h-acct-text-description-control = La description contient des caractères de contrôle invisibles.
h-acct-text-category-name-missing = Le nom de la catégorie est obligatoire.
h-acct-text-category-name-length = Le nom de la catégorie doit comporter entre { $min } et { $max } caractères.
h-acct-text-category-name-control = Le nom de la catégorie contient des caractères de contrôle invisibles.

# Rejected account data ($value is what was typed, in quotes)
h-acct-user-email = { $value } n'est pas une adresse e-mail valide.
h-acct-user-phone = Un numéro de téléphone comporte de 5 à 20 chiffres, espaces, tirets, points, parenthèses et un + au début.
h-acct-user-password-length = Le mot de passe doit comporter entre { $min } et { $max } caractères.
h-acct-user-unknown-role = Rôle inconnu : { $value }.

# Sign up and log in
h-acct-register-too-many = Trop d'inscriptions depuis votre réseau au cours de la dernière heure. Veuillez réessayer plus tard.
h-acct-email-taken = Un compte existe déjà avec cette adresse e-mail.
h-acct-register-choose-role = Choisissez client ou prestataire.
h-acct-email-invalid = Saisissez une adresse e-mail comme nom@example.org.
h-acct-login-throttled = Trop de tentatives échouées. Patientez quelques minutes puis réessayez.
h-acct-login-wrong-credentials = Adresse e-mail ou mot de passe incorrect.
h-acct-login-deactivated = Ce compte est désactivé. Contactez l'assistance pour le réactiver.
h-acct-form-expired-title = Ce formulaire a expiré
h-acct-form-expired-message = Pour votre sécurité, le formulaire n'a pas pu être envoyé. Revenez en arrière, rechargez la page et réessayez.

# Account page: notices after a change
h-acct-done-profile = Votre profil est enregistré.
h-acct-done-password = Votre mot de passe a été modifié.
h-acct-done-token-revoked = Le jeton d'API a été révoqué.
h-acct-done-email = Votre adresse e-mail a été modifiée. Nous y avons envoyé un lien : ouvrez-le pour la vérifier.
h-acct-done-verification = Nous avons envoyé un nouveau lien de vérification. Il peut mettre une minute à arriver.
h-acct-done-verified = Votre adresse e-mail est déjà vérifiée.
h-acct-done-busy-calendar = Le calendrier est ajouté : ses événements bloquent vos créneaux dès sa première lecture, d'ici une ou deux minutes.
h-acct-done-busy-calendar-removed = Le calendrier ne bloque plus votre temps.

# Account page: field errors
h-acct-calendar-providers-only = Seuls les prestataires partagent un calendrier.
h-acct-calendar-email-invalid = Saisissez une adresse Gmail comme nom@gmail.com.
h-acct-too-many-wrong-passwords = Trop de mots de passe incorrects. Patientez quelques minutes puis réessayez.
h-acct-wrong-password = Ce n'est pas votre mot de passe actuel.
h-acct-email-same = C'est déjà votre adresse e-mail.

# Account page: verification links
h-acct-verification-too-many = Trop de liens de vérification ont été demandés au cours de la dernière heure. Consultez votre boîte de réception (et vos spams) ou réessayez plus tard.
h-acct-verification-too-soon = Un lien de vérification a été envoyé il y a moins d'une minute. Consultez votre boîte de réception (et vos spams) ou patientez une minute avant de le redemander.
h-acct-verification-mail-failed = Nous n'avons pas pu envoyer l'e-mail pour le moment. Veuillez réessayer dans quelques minutes.

# Account page: calendars that block a provider's time
h-acct-busy-mode-events-pushed = tous les détails des événements : les modifications sont signalées et lues en quelques secondes
h-acct-busy-mode-events = tous les détails des événements : les modifications sont lues toutes les quelques minutes
h-acct-busy-mode-free-busy = disponibilités uniquement : les plages occupées sont lues toutes les quelques minutes

# $when is a date and time
h-acct-busy-read-at = Lu le { $when }
h-acct-busy-waiting = En attente de la première lecture
h-acct-busy-failing = N'a pas pu être lu récemment ; nous continuons d'essayer
h-acct-busy-gone-login = Aucun accès : vérifiez son adresse et le mot de passe d'application, puis ajoutez-le à nouveau
h-acct-busy-gone-mailbox = Aucun accès : vérifiez l'adresse de la boîte aux lettres, puis ajoutez-le à nouveau

# $address is an email address
h-acct-busy-gone-shared = Aucun accès : partagez-le à nouveau avec { $address }
h-acct-busy-forbidden-title = Réservé aux prestataires
h-acct-busy-forbidden-message = Seuls les prestataires choisissent des calendriers qui bloquent leur temps réservable.
h-acct-busy-error-forbidden = Seuls les prestataires peuvent choisir des calendriers qui bloquent leur temps.
h-acct-busy-error-not-configured = La lecture des calendriers n'est pas configurée sur ce site.
h-acct-busy-error-invalid-id = Saisissez l'identifiant du calendrier (pour votre agenda Google principal, votre adresse Gmail).
h-acct-busy-error-own-calendar = C'est le calendrier dans lequel vos rendez-vous sont copiés ; choisissez l'un des vôtres.
h-acct-busy-error-not-shared = Ce calendrier n'est pas encore partagé avec { $address }.
h-acct-busy-error-login-required = Saisissez le nom d'utilisateur et le mot de passe d'application de ce calendrier.

# $detail is the calendar server's answer (not translated); a full stop is added
h-acct-busy-error-login-refused = Ce calendrier n'a pas pu être ouvert avec cette adresse et ces identifiants : { $detail }
h-acct-busy-error-unreachable = Le service de calendrier est injoignable ; réessayez dans quelques minutes.

# A provider's services
h-acct-provider-not-bookable-title = Réservations fermées
h-acct-provider-not-bookable-message = Ce prestataire n'accepte pas de réservations. Cherchez une autre prestation.
h-acct-service-category-invalid = Choisissez une catégorie dans la liste.
h-acct-service-duration-invalid = Saisissez la durée en minutes, par exemple 60.

# $value is the number typed
h-acct-service-duration-range = La durée doit être de 5 à 720 minutes par pas de 5, et non { $value }.
h-acct-service-buffer-range = Une marge peut durer au plus 240 minutes, et non { $value }.
h-acct-service-capacity-range = Une prestation compte de 1 à 100 places, et non { $value }.
h-acct-service-buffers-invalid = Saisissez les marges en minutes entières, 0 pour aucune.

# $value is the code typed, in quotes
h-acct-service-currency-unknown = Devise inconnue : { $value }. Utilisez un code ISO 4217 comme EUR ou USD.
h-acct-service-price-invalid = Saisissez le prix comme 25 ou 25.50, sans la devise.
h-acct-service-capacity-invalid = Saisissez le nombre de places, 1 pour un client à la fois.
h-acct-service-category-unavailable = Cette catégorie n'est pas disponible. Choisissez-en une autre.
h-acct-service-providers-only-title = Réservé aux prestataires
h-acct-service-providers-only-message = Seuls les comptes prestataires peuvent proposer des prestations.
h-acct-not-yours-title = Accès refusé
h-acct-service-not-yours-message = Cette prestation appartient à un autre prestataire.

# A provider's schedule
h-acct-schedule-done-hours = Vos horaires hebdomadaires sont enregistrés.
h-acct-schedule-done-override = Vos modifications de dates sont enregistrées.
h-acct-schedule-done-policy = Vos règles de réservation sont enregistrées.
h-acct-schedule-not-yours-message = Vous ne pouvez modifier que vos propres horaires.
h-acct-schedule-hours-invalid = Rien n'a été enregistré : veuillez corriger les horaires signalés.
h-acct-schedule-start-and-end = Saisissez un début et une fin, ou aucun des deux.
h-acct-schedule-choose-date = Choisissez une date.
h-acct-schedule-override-hours-missing = Saisissez les horaires de cette date, ou choisissez « Jour de congé ».

# $value is the time typed, in quotes
h-acct-schedule-not-a-time = { $value } n'est pas une heure : utilisez HH:MM entre 00:00 et 24:00.

# $start and $end are times like 09:00
h-acct-schedule-end-not-after-start = { $start } doit être avant { $end }.

# $first and $second are intervals like 09:00–12:00
h-acct-schedule-overlap = { $first } chevauche { $second }.
h-acct-schedule-too-many-intervals = Une journée peut comporter au plus { $max } plages.

# $date is a date like 2026-06-02
h-acct-schedule-date-past = Le { $date } est déjà passé.
h-acct-schedule-date-too-far = Les horaires peuvent être planifiés au plus { $max_days } jours à l'avance.

# Deleting an account
h-acct-delete-last-admin = Vous êtes le seul administrateur : nommez quelqu'un d'autre administrateur avant de supprimer votre compte.

# API tokens; $max is a number
h-acct-token-too-many = Vous avez déjà { $max } jetons ; révoquez-en un d'abord.

# Photo uploads (the English messages start in lower case, as the page shows them)
h-acct-photo-missing = Choisissez une photo à téléverser.
h-acct-photo-not-an-image = ce fichier n'est pas une photo : veuillez téléverser une image JPEG, PNG ou WebP

# $format is a picture format such as GIF
h-acct-photo-unsupported-format = les images { $format } ne sont pas acceptées : veuillez téléverser une image JPEG, PNG ou WebP

# $size and $limit are megabytes with one decimal, like 5.0
h-acct-photo-too-large = le fichier fait { $size } Mo ; les photos peuvent faire au plus { $limit } Mo

# $width and $height are pixels; $limit is millions of pixels
h-acct-photo-too-many-pixels = l'image fait { $width }×{ $height } pixels ; les photos peuvent avoir au plus { $limit } mégapixels
h-acct-photo-corrupt = l'image est endommagée ou incomplète : veuillez la téléverser à nouveau ou choisir un autre fichier

# Webhook endpoints
h-acct-not-allowed-title = Non autorisé
h-acct-webhook-forbidden-message = Seuls les prestataires et les administrateurs gèrent les points de terminaison de webhook ; l'équipe d'assistance peut les consulter.
h-acct-webhook-url-too-long = L'URL dépasse 2000 caractères.
h-acct-webhook-url-invalid = L'URL n'est pas valide.
h-acct-webhook-url-scheme = L'URL doit commencer par https:// ou http://.
h-acct-webhook-url-no-host = L'URL n'a pas d'hôte.
h-acct-webhook-url-credentials = L'URL ne doit pas contenir de nom d'utilisateur ni de mot de passe.

# $value is the event type, in quotes
h-acct-webhook-unknown-event = Type d'événement inconnu : { $value }.
h-acct-webhook-no-events = Choisissez au moins un type d'événement.
h-acct-webhook-secret = Le secret n'est pas un secret whsec_ d'au moins 24 octets.

# $reason is why the address is refused (in English); a full stop is added
h-acct-webhook-url-refused = Cette URL ne peut pas recevoir de webhooks : { $reason }

# Administration
h-admin-try-later-title = Réessayez plus tard
h-admin-not-allowed-title = Non autorisé
h-admin-not-allowed-message = Votre compte n'est pas autorisé à faire cela.
h-admin-notice-saved = Enregistré.
h-admin-notice-deactivated = Désactivé.
h-admin-notice-reactivated = Réactivé.
h-admin-notice-reset = Un lien de réinitialisation du mot de passe a été envoyé.
h-admin-notice-staff = Le compte d'équipe a été créé.
h-admin-notice-created = Créé.
h-admin-notice-cancelled = Le rendez-vous a été annulé ; le client et le prestataire en sont informés.
h-admin-notice-retried = L'envoi est de nouveau en file d'attente.
h-admin-notice-resynced = Le calendrier a été resynchronisé.
h-admin-notice-deleted = Le calendrier a été supprimé.
h-admin-notice-hidden = L'avis est masqué et ses signalements sont clos.
h-admin-notice-restored = L'avis est de nouveau affiché et ses signalements sont clos.

# $message is why it failed (a sentence)
h-admin-failure-message = { $message } Revenez en arrière et réessayez.
h-admin-outside-service-failed = Un service externe a échoué, réessayez plus tard.
h-admin-own-role = Vous ne pouvez pas modifier votre propre rôle.
h-admin-email-has-account = Cette adresse e-mail a déjà un compte.
h-admin-deactivate-yourself = Vous ne pouvez pas vous désactiver vous-même.
h-admin-reset-inactive = Réactivez le compte avant d'envoyer un lien de réinitialisation.
h-admin-not-staff = Un compte d'équipe est un compte administrateur ou d'assistance.
h-admin-category-no-slug = Le nom doit contenir au moins une lettre a–z ou un chiffre pour son adresse web.
h-admin-category-taken = Une catégorie porte déjà ce nom.
h-admin-category-unavailable = Cette catégorie n'est pas disponible.
h-admin-calendar-in-use = Le calendrier d'un prestataire actif n'est pas orphelin.
h-admin-appointment-changed = Le rendez-vous a été modifié entre-temps, veuillez réessayer.
h-admin-review-already-hidden = L'avis est déjà masqué.
h-admin-review-already-visible = L'avis est déjà visible.
h-admin-clashes-with-data = Cela entre en conflit avec des données existantes.
h-admin-changed-meanwhile = Cela a été modifié entre-temps : rechargez et réessayez.
h-admin-position-number = La position est un nombre entier.
h-admin-cancel-reason-missing = Un motif est nécessaire.
h-admin-cancel-reason-length = Un motif est nécessaire : il doit comporter entre 1 et 1000 caractères.
h-admin-cancel-reason-control = Un motif est nécessaire : il contient des caractères de contrôle invisibles.
