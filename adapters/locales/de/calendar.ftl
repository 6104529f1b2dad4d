# Calendar entries (the provider's calendars, the iCalendar feed, mail invitations).
calendar-title = { $service } mit { $name }
calendar-title-class = { $service }: { $booked } von { $places } Plätzen gebucht
calendar-service = Leistung: { $service }
calendar-customer = Kunde: { $name }
calendar-email = E-Mail: { $email }
calendar-phone = Telefon: { $phone }
calendar-with = Mit: { $name }
calendar-attendees = Teilnehmende:
calendar-requested = Status: wartet auf die Bestätigung des Anbieters
calendar-note = Notiz: { $note }
calendar-details = Details: { $link }
