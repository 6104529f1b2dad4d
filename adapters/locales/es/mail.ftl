# Mails (adapters/templates/mail/). Notes for translators: see en/mail.ftl.

## Appointment changes: booked, confirmed, moved, cancelled, reminders, waitlist places.

mail-appointment-subject = { $change ->
        [provider_request] Solicitud de reserva
        [provider_booked] Nueva reserva
        [requested] Solicitada
        [booked] Reservada
        [confirmed] Confirmada
        [rescheduled] Cambio de hora
        [cancelled] Cancelada
        [reminder] Recordatorio
        [hold_offered] Se ha liberado una plaza
       *[other] Actualizada
    }: { $service } con { $other_name }, { $when } ({ $zone_name })
mail-appointment-hello = Hola, { $name }:
mail-appointment-booked-provider = { $other_name } ha reservado { $service } contigo.
mail-appointment-booked-provider-request = Confirma o rechaza la solicitud.
mail-appointment-requested = Se ha enviado tu solicitud de { $service } con { $other_name }. { $other_name } la confirmará.
mail-appointment-booked = Tu cita de { $service } con { $other_name } está reservada.
mail-appointment-confirmed = La cita de { $service } con { $other_name } está confirmada.
mail-appointment-rescheduled = La cita de { $service } con { $other_name } ha cambiado de hora.
mail-appointment-cancelled = La cita de { $service } con { $other_name } { $cancelled_by ->
        [you] la has cancelado tú
        [customer] la ha cancelado quien la reservó
        [provider] la ha cancelado quien presta el servicio
       *[staff] la ha cancelado nuestro equipo de soporte
    }.
mail-appointment-reason = Motivo: { $reason }
mail-appointment-reminder = Te recordamos que pronto tienes tu cita de { $service } con { $other_name }.
mail-appointment-hold-offered = Se ha liberado una plaza que esperabas: { $service } con { $other_name }. Te la guardamos hasta el { $held_until }. Acéptala para reservarla o recházala para que pase a la siguiente persona de la lista de espera.
mail-appointment-updated = La cita de { $service } con { $other_name } se ha actualizado.
mail-appointment-when = Cuándo:
mail-appointment-was = Antes:
mail-appointment-note = Nota:
mail-appointment-hold-link = Aceptar o rechazar:
mail-appointment-see-link = Ver la cita:
mail-appointment-when-heading = Cuándo
mail-appointment-was-heading = Antes
mail-appointment-note-heading = Nota
mail-appointment-hold-action = Aceptar o rechazar
mail-appointment-see-action = Ver la cita
mail-appointment-html-booked-provider-before = { $other_name } ha reservado
mail-appointment-html-booked-provider-after = contigo.
mail-appointment-html-requested-before = Se ha enviado tu solicitud de
mail-appointment-html-requested-after = con { $other_name }. { $other_name } la confirmará.
mail-appointment-html-booked-before = Tu cita de
mail-appointment-html-booked-after = con { $other_name } está reservada.
mail-appointment-html-confirmed-before = La cita de
mail-appointment-html-confirmed-after = con { $other_name } está confirmada.
mail-appointment-html-rescheduled-before = La cita de
mail-appointment-html-rescheduled-after = con { $other_name } ha cambiado de hora.
mail-appointment-html-cancelled-before = La cita de
mail-appointment-html-cancelled-after = con { $other_name } { $cancelled_by ->
        [you] la has cancelado tú
        [customer] la ha cancelado quien la reservó
        [provider] la ha cancelado quien presta el servicio
       *[staff] la ha cancelado nuestro equipo de soporte
    }.
mail-appointment-html-reminder-before = Te recordamos que pronto tienes tu cita de
mail-appointment-html-reminder-after = con { $other_name }.
mail-appointment-html-updated-before = La cita de
mail-appointment-html-updated-after = con { $other_name } se ha actualizado.
mail-appointment-html-hold-offered-before = Se ha liberado una plaza que esperabas:
mail-appointment-html-hold-offered-after = con { $other_name }.
mail-appointment-html-hold-offered-until-before = Te la guardamos hasta el
mail-appointment-html-hold-offered-until-after = .
mail-appointment-html-hold-offered-choice = Acéptala para reservarla o recházala para que pase a la siguiente persona de la lista de espera.

## Welcome, after signing up; the mail carries the link that verifies the address.

mail-welcome-subject = Te damos la bienvenida a Book Your Services, { $name }
mail-welcome-title = Te damos la bienvenida
mail-welcome-hello = Hola, { $name }:
mail-welcome-intro = Te damos la bienvenida a Book Your Services.
mail-welcome-ready = Tu cuenta está lista:
mail-welcome-ready-link = Tu cuenta está lista.
mail-welcome-confirm =
    Confirma que esta es tu dirección de correo electrónico abriendo este enlace antes del
    { $verify_expires } ({ $zone }); solo funciona una vez:
mail-welcome-html-confirm-before = Por favor,
mail-welcome-html-confirm-link = confirma tu dirección de correo electrónico
mail-welcome-html-confirm-until = antes del { $verify_expires }
mail-welcome-html-confirm-after = ; el enlace solo funciona una vez.

## A new link to verify the address (asked for again, or after a change of address).

mail-email-verification-subject = Confirma tu dirección de correo electrónico para Book Your Services
mail-email-verification-title = Confirma tu dirección de correo electrónico
mail-email-verification-hello = Hola, { $name }:
mail-email-verification-confirm =
    Confirma que { $email } es la dirección de correo electrónico de tu cuenta de Book Your Services
    abriendo este enlace antes del { $verify_expires } ({ $zone }); solo funciona una vez:
mail-email-verification-html-intro = Confirma que { $email } es la dirección de correo electrónico de tu cuenta de Book Your Services:
mail-email-verification-html-link = Confirmar mi dirección de correo electrónico
mail-email-verification-html-until = antes del { $verify_expires }
mail-email-verification-html-after = ; el enlace solo funciona una vez.
mail-email-verification-ignore = Si no lo has pedido tú, ignora este correo.

## A link to choose a new password.

mail-password-reset-subject = Restablece tu contraseña de Book Your Services
mail-password-reset-title = Restablece tu contraseña
mail-password-reset-hello = Hola, { $name }:
mail-password-reset-asked = Alguien (esperamos que tú) ha pedido restablecer la contraseña de tu cuenta.
mail-password-reset-open =
    Para elegir una nueva,
    abre este enlace antes del { $expires } ({ $zone }); solo funciona una vez:
mail-password-reset-html-link = Elige una nueva contraseña
mail-password-reset-html-until = antes del { $expires }
mail-password-reset-html-after = ; el enlace solo funciona una vez.
mail-password-reset-ignore = Si no lo has pedido tú, ignora este correo: tu contraseña no cambiará.

## To a provider: one of their own calendars cannot be read any more.

mail-calendar-closing-subject = Tu calendario { $calendar_id } ha cerrado tus huecos para reservar
mail-calendar-closing-hello = Hola, { $name }:
mail-calendar-closing-login-refused =
    Tu calendario { $calendar_id } ya no acepta los datos de acceso que nos diste (o ya no existe),
    así que no podemos ver tu disponibilidad. Para evitar reservas dobles, nadie puede reservar
    contigo hasta que vuelvas a añadirlo en la página de tu cuenta con una nueva contraseña de
    aplicación.
mail-calendar-closing-unshared =
    Tu calendario { $calendar_id } ya no está compartido con { $share_with }, así que no podemos
    ver tu disponibilidad. Para evitar reservas dobles, nadie puede reservar contigo hasta que
    vuelva a estar compartido («Ver todos los detalles del evento» o «Ver solo disponible/ocupado»).
mail-calendar-closing-stale =
    No hemos podido leer tu calendario { $calendar_id } desde hace tiempo, así que no conocemos tu
    disponibilidad. Para evitar reservas dobles, nadie puede reservar contigo hasta que podamos
    volver a leerlo; seguimos intentándolo.
mail-calendar-closing-html-login-refused-before = Tu calendario
mail-calendar-closing-html-login-refused-after = ya no acepta los datos de acceso que nos diste (o ya no existe), así que no podemos ver tu disponibilidad.
mail-calendar-closing-html-login-refused-until = Para evitar reservas dobles, nadie puede reservar contigo hasta que vuelvas a añadirlo en la página de tu cuenta con una nueva contraseña de aplicación.
mail-calendar-closing-html-unshared-before = Tu calendario
mail-calendar-closing-html-unshared-after = ya no está compartido con { $share_with }, así que no podemos ver tu disponibilidad.
mail-calendar-closing-html-unshared-until = Para evitar reservas dobles, nadie puede reservar contigo hasta que vuelva a estar compartido («Ver todos los detalles del evento» o «Ver solo disponible/ocupado»).
mail-calendar-closing-html-stale-before = No hemos podido leer tu calendario
mail-calendar-closing-html-stale-after = desde hace tiempo, así que no conocemos tu disponibilidad.
mail-calendar-closing-html-stale-until = Para evitar reservas dobles, nadie puede reservar contigo hasta que podamos volver a leerlo; seguimos intentándolo.
mail-calendar-closing-bookings-stand = Las reservas que ya tienes se mantienen.
mail-calendar-closing-check = Revisa o quita el calendario en la página de tu cuenta:
mail-calendar-closing-check-link = Revisa o quita el calendario en la página de tu cuenta
mail-calendar-closing-once = Recibes este correo una sola vez; solo volveremos a escribirte si el calendario vuelve a fallar después de haber funcionado.

## To a customer after a completed appointment: please review it.

mail-review-request-subject = ¿Qué tal { $service } con { $other_name }?
mail-review-request-hello = Hola, { $name }:
mail-review-request-ask =
    { $other_name } ha marcado como completada tu cita de { $service } del { $when } ({ $zone }).
    ¿Quieres contar a otras personas qué tal fue? Basta con una a cinco estrellas; unas palabras
    ayudan aún más. Puedes escribir tu reseña hasta el { $closes }:
mail-review-request-html-before = { $other_name } ha marcado como completada tu cita de
mail-review-request-html-after = del { $when } ({ $zone }).
mail-review-request-html-ask = ¿Quieres contar a otras personas qué tal fue? Basta con una a cinco estrellas; unas palabras ayudan aún más. Puedes escribir tu reseña hasta el { $closes }.
mail-review-request-review-link = Escribir una reseña
mail-review-request-trust = Solo quien ha completado una reserva puede dejar una reseña, así que la tuya cuenta.
mail-review-request-once = Recibes este correo una vez por cita.
mail-review-request-opt-out = Para no recibir más correos como este:
mail-review-request-opt-out-link = No recibir más correos que pidan reseñas

## To a customer: the provider moved the appointment in their own calendar; accept it?

mail-move-proposed-subject = { $other_name } propone una nueva hora: { $service }, { $proposed } ({ $zone_name })
mail-move-proposed-hello = Hola, { $name }:
mail-move-proposed-intro =
    { $other_name } ha movido tu cita de { $service } en su calendario y te pregunta si te viene
    bien la nueva hora:
mail-move-proposed-html-before = { $other_name } ha movido tu cita de
mail-move-proposed-html-after = en su calendario y te pregunta si te viene bien la nueva hora:
mail-move-proposed-now = Ahora:
mail-move-proposed-new = Propuesta:
mail-move-proposed-zone = Las horas están en la zona horaria { $zone }.
mail-move-proposed-wait = No cambia nada hasta que respondas.
mail-move-proposed-answer = Acepta la nueva hora o mantén la actual en la página de la cita:
mail-move-proposed-answer-link = Aceptar o mantener la hora actual

## To a provider: the customer kept the booked time.

mail-move-declined-subject = { $other_name } mantiene { $when }: { $service } ({ $zone_name })
mail-move-declined-hello = Hola, { $name }:
mail-move-declined-moved =
    Has movido la cita de { $service } de { $other_name } al { $proposed } en tu calendario.
    { $other_name } prefiere mantener la hora reservada, así que la cita se queda el
mail-move-declined-kept = y tu calendario vuelve a mostrarla ahí. Para cambiarla, abre la cita:
mail-move-declined-html-before = Has movido la cita de
mail-move-declined-html-after = de { $other_name } al { $proposed } en tu calendario.
mail-move-declined-html-stays = { $other_name } prefiere mantener la hora reservada, así que la cita se queda el
mail-move-declined-html-kept = ({ $zone }), y tu calendario vuelve a mostrarla ahí.
mail-move-declined-open-link = Abrir la cita

## To the owner of a webhook endpoint that was disabled after failing.

mail-webhook-disabled-subject = Se ha desactivado tu endpoint de webhook
mail-webhook-disabled-hello = Hola, { $name }:
mail-webhook-disabled-stopped = Hemos dejado de enviar webhooks a { $url }: { $reason }.
mail-webhook-disabled-html-stopped-before = Hemos dejado de enviar webhooks a
mail-webhook-disabled-html-stopped-after = : { $reason }.
mail-webhook-disabled-paused = A partir de ahora no se le enviarán mensajes hasta que vuelvas a activarlo.
mail-webhook-disabled-next =
    En su página, revisa sus intentos recientes, corrige el receptor y, después, activa el
    endpoint y reenvía lo que no recibió:
mail-webhook-disabled-next-link = Revisa sus intentos recientes, corrige el receptor y, después, activa el endpoint y reenvía lo que no recibió

# An erased account, as mails and calendar entries name it
person-erased-customer = Cliente eliminado
person-erased-provider = Profesional eliminado
person-erased-staff = Miembro del personal eliminado
