# Calendar entries (the provider's calendars, the iCalendar feed, mail invitations).
calendar-title = { $service } con { $name }
calendar-title-class = { $service }: { $booked } de { $places } plazas reservadas
calendar-service = Servicio: { $service }
calendar-customer = Cliente: { $name }
calendar-email = Correo: { $email }
calendar-phone = Teléfono: { $phone }
calendar-with = Con: { $name }
calendar-attendees = Asistentes:
calendar-requested = Estado: pendiente de confirmación del profesional
calendar-note = Nota: { $note }
calendar-details = Detalles: { $link }
