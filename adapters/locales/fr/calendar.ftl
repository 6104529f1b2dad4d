# Calendar entries (the provider's calendars, the iCalendar feed, mail invitations).
calendar-title = { $service } avec { $name }
calendar-title-class = { $service } : { $booked } { $booked ->
        [one] place réservée
       *[other] places réservées
    } sur { $places }
calendar-service = Prestation : { $service }
calendar-customer = Client : { $name }
calendar-email = E-mail : { $email }
calendar-phone = Téléphone : { $phone }
calendar-with = Avec : { $name }
calendar-attendees = Participants :
calendar-requested = Statut : en attente de confirmation par le prestataire
calendar-note = Note : { $note }
calendar-details = Détails : { $link }
