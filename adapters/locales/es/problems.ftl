## Los documentos de problema de la API (application/problem+json): un título por tipo de problema y los
## detalles que las páginas no comparten. Los rechazos que también muestran las páginas vienen de handlers-*.ftl.

problem-title-bad-request = Petición mal formada
problem-title-unauthorized = Inicia sesión primero
problem-title-login-refused = Inicio de sesión rechazado
problem-title-forbidden = No permitido
problem-title-not-found = No encontrado
problem-title-conflict = Conflicto
problem-title-changed-meanwhile = Modificado mientras tanto
problem-title-payload-too-large = Petición demasiado grande
problem-title-refused = Petición rechazada
problem-title-too-many-requests = Demasiadas peticiones
problem-title-internal = Error interno
problem-title-unavailable = No disponible temporalmente

problem-log-in = Esto requiere una sesión iniciada o un token de API válido (Authorization: Bearer).
problem-token-unknown = Token de API desconocido.
problem-token-revoked = Este token de API se ha revocado.
problem-method-not-allowed = Este método no está permitido aquí.
problem-payload-too-large = El cuerpo de la petición supera el tamaño que acepta el servidor.
problem-internal = Algo ha salido mal por nuestra parte. Hemos registrado el error.
problem-unavailable = El servicio no está disponible por un momento; no se ha cambiado nada. Vuelve a intentarlo dentro de un momento.
# $seconds: cuándo se restablece el límite
problem-too-many-requests = { $seconds ->
    [one] Demasiadas peticiones. Vuelve a intentarlo dentro de un segundo.
   *[other] Demasiadas peticiones. Vuelve a intentarlo dentro de { $seconds } segundos.
}
# $minutes: cuándo se restablece el límite
problem-too-many-bookings = { $minutes ->
    [one] Demasiados intentos de reserva en la última hora. Vuelve a intentarlo dentro de un minuto.
   *[other] Demasiados intentos de reserva en la última hora. Vuelve a intentarlo dentro de { $minutes } minutos.
}
# $what: el tipo de cosa solicitada
problem-not-found = { $what ->
    [account] No existe esa cuenta.
    [appointment] No existe esa cita.
    [audit-entry] No existe esa entrada del registro de auditoría.
    [calendar] No existe ese calendario.
    [category] No existe esa categoría.
    [channel] No existe ese canal.
    [delivery] No existe ese envío.
    [failed-delivery] No existe ese envío fallido.
    [held-place] No existe esa plaza retenida.
    [message] No existe ese mensaje.
    [own-service] Ese servicio no está entre los tuyos.
    [provider] No existe ese profesional.
    [review] No existe esa reseña.
    [service] No existe ese servicio.
    [service-or-waitlist-entry] No existe ese servicio o esa entrada de la lista de espera.
    [token] No existe ese token.
    [webhook-endpoint] No existe ese endpoint de webhook.
   *[resource] No existe ese recurso.
}
problem-empty-window = `to` debe ser posterior a `from`.
problem-seven-days = Se necesita el horario de los siete días de la semana.
problem-idempotency-key = La Idempotency-Key debe tener de 1 a 100 caracteres ASCII visibles.
problem-idempotency-key-reused = Esta Idempotency-Key ya se usó para otra reserva.
problem-changed-since-read = Se ha modificado desde que lo leíste: vuelve a leerlo (con su nuevo ETag) y repite el cambio.
problem-photo-unreadable = No se ha podido leer la foto.
problem-privacy-notice-not-accepted = Acepta el aviso de privacidad (GET /privacy) con accept_privacy_notice: true.
problem-unknown-language = Elige un idioma disponible en el marketplace (GET /api/v1/languages).
# $occurrences: los inicios rechazados, cada uno con su motivo entre paréntesis
problem-occurrences-taken = Algunas citas no se pueden reservar: { $occurrences }.

problem-forbidden-book = Solo las cuentas de cliente pueden reservar: inicia sesión con una cuenta de cliente para reservar.
problem-forbidden-join-waitlist = Solo las cuentas de cliente pueden apuntarse a una lista de espera: inicia sesión con una cuenta de cliente.
problem-forbidden-see-waitlist = No puedes ver esta lista de espera.
problem-forbidden-list-appointments = No puedes listar estas citas.
problem-forbidden-see-appointment = No puedes ver esta cita.
problem-forbidden-cancel = No puedes cancelar esta cita.
problem-forbidden-status = No puedes cambiar el estado de esta cita.
problem-forbidden-move = No puedes cambiar la hora de esta cita.
problem-forbidden-offer-services = Solo las cuentas de profesional pueden ofrecer servicios.
problem-forbidden-own-services = Solo las cuentas de profesional tienen servicios.
problem-forbidden-change-service = No puedes cambiar este servicio.
problem-forbidden-change-photo = No puedes cambiar esta foto.
problem-forbidden-schedule = Solo las cuentas de profesional tienen horario y reglas de reserva.
problem-forbidden-hours = No puedes cambiar el horario de este profesional.
problem-forbidden-policy = No puedes cambiar las reglas de reserva de este profesional.
problem-forbidden-webhooks = No puedes gestionar webhooks.
problem-forbidden-register = Este tipo de cuenta no se puede crear aquí.
problem-forbidden-see-profile = No puedes ver este perfil.
problem-forbidden-edit-profile = No puedes editar este perfil.
problem-forbidden-review = Solo el cliente de esta cita puede reseñarla.
problem-forbidden-reply = Solo el profesional de la cita reseñada puede responder.
problem-forbidden-role = Tu rol no lo permite.
problem-forbidden-export = Solo puedes exportar tus propios datos.
problem-forbidden-channel = El token del canal no coincide.
