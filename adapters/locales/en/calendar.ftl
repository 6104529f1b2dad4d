# Calendar entries (the provider's calendars, the iCalendar feed, mail invitations).
calendar-title = { $service } with { $name }
calendar-title-class = { $service }: { $booked } of { $places } places booked
calendar-service = Service: { $service }
calendar-customer = Customer: { $name }
calendar-email = Email: { $email }
calendar-phone = Phone: { $phone }
calendar-with = With: { $name }
calendar-attendees = Attendees:
calendar-requested = Status: waiting for the provider to confirm
calendar-note = Note: { $note }
calendar-details = Details: { $link }
