## Les documents de problème de l'API (application/problem+json) : un titre par type de problème, et les
## détails que les pages ne partagent pas. Les refus que les pages affichent aussi viennent de handlers-*.ftl.

problem-title-bad-request = Requête mal formée
problem-title-unauthorized = Connectez-vous d'abord
problem-title-login-refused = Connexion refusée
problem-title-forbidden = Non autorisé
problem-title-not-found = Introuvable
problem-title-conflict = Conflit
problem-title-changed-meanwhile = Modifié entre-temps
problem-title-payload-too-large = Requête trop volumineuse
problem-title-refused = Requête refusée
problem-title-too-many-requests = Trop de requêtes
problem-title-internal = Erreur interne
problem-title-unavailable = Temporairement indisponible

problem-log-in = Cette action nécessite une session connectée ou un jeton d'API valide (Authorization: Bearer).
problem-token-unknown = Jeton d'API inconnu.
problem-token-revoked = Ce jeton d'API a été révoqué.
problem-method-not-allowed = Cette méthode n'est pas autorisée ici.
problem-payload-too-large = Le corps de la requête dépasse la taille acceptée par le serveur.
problem-internal = Une erreur s'est produite de notre côté. Elle a été enregistrée.
problem-unavailable = Le service est momentanément indisponible ; rien n'a été modifié. Veuillez réessayer dans un instant.
# $seconds: moment où la limite est réinitialisée
problem-too-many-requests = { $seconds ->
    [one] Trop de requêtes. Réessayez dans une seconde.
   *[other] Trop de requêtes. Réessayez dans { $seconds } secondes.
}
# $minutes: moment où la limite est réinitialisée
problem-too-many-bookings = { $minutes ->
    [one] Trop de tentatives de réservation au cours de la dernière heure. Réessayez dans une minute.
   *[other] Trop de tentatives de réservation au cours de la dernière heure. Réessayez dans { $minutes } minutes.
}
# $what: le type d'élément demandé
problem-not-found = { $what ->
    [account] Ce compte n'existe pas.
    [appointment] Ce rendez-vous n'existe pas.
    [audit-entry] Cette entrée du journal d'audit n'existe pas.
    [calendar] Ce calendrier n'existe pas.
    [category] Cette catégorie n'existe pas.
    [channel] Ce canal n'existe pas.
    [delivery] Cet envoi n'existe pas.
    [failed-delivery] Cet envoi en échec n'existe pas.
    [held-place] Cette place réservée temporairement n'existe pas.
    [message] Ce message n'existe pas.
    [own-service] Cette prestation ne figure pas parmi les vôtres.
    [provider] Ce prestataire n'existe pas.
    [review] Cet avis n'existe pas.
    [service] Cette prestation n'existe pas.
    [service-or-waitlist-entry] Cette prestation ou cette inscription sur liste d'attente n'existe pas.
    [token] Ce jeton n'existe pas.
    [webhook-endpoint] Ce point de terminaison de webhook n'existe pas.
   *[resource] Cette ressource n'existe pas.
}
problem-empty-window = `to` doit être postérieur à `from`.
problem-seven-days = Les horaires sont nécessaires pour les sept jours de la semaine.
problem-idempotency-key = L'Idempotency-Key doit comporter de 1 à 100 caractères ASCII visibles.
problem-idempotency-key-reused = Cet Idempotency-Key a déjà été utilisé pour une autre réservation.
problem-changed-since-read = La ressource a été modifiée depuis que vous l'avez lue : relisez-la (avec son nouvel ETag) et refaites la modification.
problem-photo-unreadable = La photo n'a pas pu être lue.
problem-privacy-notice-not-accepted = Acceptez la politique de confidentialité (GET /privacy) avec accept_privacy_notice: true.
problem-unknown-language = Choisissez une langue disponible sur la place de marché (GET /api/v1/languages).
# $occurrences: les débuts refusés, chacun avec son motif entre parenthèses
problem-occurrences-taken = Certains rendez-vous ne peuvent pas être réservés : { $occurrences }.

problem-forbidden-book = Seuls les comptes client peuvent réserver : connectez-vous avec un compte client pour réserver.
problem-forbidden-join-waitlist = Seuls les comptes client peuvent s'inscrire sur une liste d'attente : connectez-vous avec un compte client.
problem-forbidden-see-waitlist = Vous ne pouvez pas voir cette liste d'attente.
problem-forbidden-list-appointments = Vous ne pouvez pas lister ces rendez-vous.
problem-forbidden-see-appointment = Vous ne pouvez pas voir ce rendez-vous.
problem-forbidden-cancel = Vous ne pouvez pas annuler ce rendez-vous.
problem-forbidden-status = Vous ne pouvez pas changer le statut de ce rendez-vous.
problem-forbidden-move = Vous ne pouvez pas déplacer ce rendez-vous.
problem-forbidden-offer-services = Seuls les comptes prestataires peuvent proposer des prestations.
problem-forbidden-own-services = Seuls les comptes prestataires ont des prestations.
problem-forbidden-change-service = Vous ne pouvez pas modifier cette prestation.
problem-forbidden-change-photo = Vous ne pouvez pas modifier cette photo.
problem-forbidden-schedule = Seuls les comptes prestataires ont des horaires et des règles de réservation.
problem-forbidden-hours = Vous ne pouvez pas modifier les horaires de ce prestataire.
problem-forbidden-policy = Vous ne pouvez pas modifier les règles de réservation de ce prestataire.
problem-forbidden-webhooks = Vous ne pouvez pas gérer les webhooks.
problem-forbidden-register = Ce type de compte ne peut pas être créé ici.
problem-forbidden-see-profile = Vous ne pouvez pas voir ce profil.
problem-forbidden-edit-profile = Vous ne pouvez pas modifier ce profil.
problem-forbidden-review = Seul le client de ce rendez-vous peut donner son avis.
problem-forbidden-reply = Seul le prestataire du rendez-vous évalué peut répondre.
problem-forbidden-role = Votre rôle ne le permet pas.
problem-forbidden-export = Vous ne pouvez exporter que vos propres données.
problem-forbidden-channel = Le jeton du canal ne correspond pas.
