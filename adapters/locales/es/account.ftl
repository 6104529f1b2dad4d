# Account pages: logging in, signing up, passwords, email verification, the account page,
# deleting the account, the dashboard, a provider's services and schedule, photos, the
# calendar feed and webhooks.
#
# Sentences that contain a link or emphasis are split into pieces around it; the comment
# above each group shows how the pieces are put together. Page titles get
# " · Book Your Services" appended by the page.

## login.html

login-heading = Iniciar sesión
login-email-label = Correo electrónico
login-password-label = Contraseña
login-submit = Iniciar sesión
login-forgot-link = ¿Has olvidado tu contraseña?
# Shown as: [login-register-before] <link>[login-register-link]</link>[login-register-after]
login-register-before = ¿Es tu primera vez aquí?
login-register-link = Crea una cuenta
login-register-after = .

## register.html

register-heading = Crear una cuenta
# Legend of the two choices below: "I want to … book services / offer services".
register-role-legend = Quiero
register-role-customer = reservar servicios (cuenta de cliente)
register-role-provider = ofrecer servicios (cuenta de profesional)
register-name-label = Tu nombre
register-name-hint = Lo verán las personas con las que tengas citas.
register-email-label = Correo electrónico
register-password-label = Contraseña
register-password-hint = Al menos 8 caracteres.
register-zone-label = Zona horaria
register-zone-hint = Un nombre IANA como Europe/Madrid; si lo dejas vacío, se usa UTC.
register-submit = Crear cuenta
register-privacy-before = He leído y acepto el
register-privacy-link = aviso de privacidad
register-privacy-after = .
register-privacy-required = Marca la casilla para aceptar el aviso de privacidad; sin ello no podemos abrir tu cuenta.
# Shown as: [register-login-before] <link>[register-login-link]</link>[register-login-after]
register-login-before = ¿Ya tienes una cuenta?
register-login-link = Inicia sesión
register-login-after = .

## forgot_password.html

forgot-password-heading = ¿Has olvidado tu contraseña?
# $email: the address typed in; $minutes: how long the link works.
forgot-password-sent = Si hay una cuenta con la dirección { $email }, le hemos enviado un enlace para elegir una nueva contraseña. El enlace solo funciona una vez, durante { $minutes ->
        [one] { $minutes } minuto.
       *[other] { $minutes } minutos.
    }
forgot-password-intro = Introduce el correo electrónico de tu cuenta y te enviaremos un enlace para elegir una nueva contraseña.
forgot-password-email-label = Correo electrónico
forgot-password-submit = Enviarme un enlace
forgot-password-back = Volver a iniciar sesión

## reset_password.html

reset-password-heading = Elige una nueva contraseña
# Shown as: [reset-password-invalid] <link>[reset-password-ask-link]</link>[reset-password-ask-after]
reset-password-invalid = Este enlace no es válido, ya se ha usado o ha caducado.
reset-password-ask-link = Solicita uno nuevo
reset-password-ask-after = .
reset-password-new-label = Nueva contraseña
reset-password-submit = Guardar la nueva contraseña

## verify_email.html

verify-email-heading = Verificación del correo electrónico
# $email: the address just verified.
verify-email-done = Gracias: { $email } ya está verificado.
verify-email-back = Volver a tu cuenta
verify-email-login = Iniciar sesión
verify-email-wrong-account = Este enlace se envió para una cuenta distinta de la que tienes abierta, así que no ha verificado nada y ya no funciona. Inicia sesión en esa cuenta y solicita un enlace nuevo desde su página de cuenta.
verify-email-invalid = Este enlace de verificación no es válido, ya se ha usado o ha caducado.
verify-email-resend = Enviarme un nuevo enlace de verificación
verify-email-login-for-link = Inicia sesión para recibir un enlace nuevo

## unsubscribe.html (the link in review request emails)

unsubscribe-heading = Correos para pedirte una reseña
unsubscribe-ask = Después de cada cita completada te escribimos una vez para preguntarte qué tal fue. ¿Quieres dejar de recibir estos correos? Los correos sobre tus reservas seguirán llegando.
unsubscribe-submit = Dejar de recibir correos para pedirte reseñas
unsubscribe-done = Hecho: ya no te pediremos reseñas por correo. Puedes seguir escribiendo reseñas de tus citas completadas desde su página y volver a activar estos correos en tu cuenta.
unsubscribe-failed = Este enlace ya se ha usado o ha caducado. Cambia el ajuste en tu cuenta.
unsubscribe-account = Tu cuenta
unsubscribe-login = Inicia sesión en tu cuenta

## delete_account.html

delete-account-title-deleted = Cuenta eliminada
delete-account-heading = Eliminar tu cuenta
delete-account-deleted-heading = Tu cuenta se ha eliminado
delete-account-deleted-text = Tus datos personales se han borrado y se ha cerrado tu sesión. Las personas con las que tuviste citas las conservan bajo un seudónimo.
delete-account-home = Volver a la página de inicio
delete-account-what-heading = Qué pasará
delete-account-what-services = Tus servicios se desactivan: nadie podrá volver a reservar contigo.
delete-account-what-cancelled = Se cancelan tus citas que aún no han empezado; la otra parte recibe el mismo aviso que con cualquier cancelación.
delete-account-what-erased = Se borran tu nombre, tu correo electrónico, tu número de teléfono, tus fotos, notas, textos de reseñas y tokens de API, tu suscripción de calendario y tus conexiones de calendario.
# $pseudonym: the name that replaces the user's in the other side's records, e.g. "Deleted customer".
delete-account-what-kept = Las personas con las que tuviste citas conservan esas citas pasadas (hora, servicio, precio) para su contabilidad, bajo el nombre «{ $pseudonym }».
# Shown as: [delete-account-what-final] <link>[delete-account-export-link]</link>[delete-account-export-after]
delete-account-what-final = No se puede deshacer.
delete-account-export-link = Descarga tus datos
delete-account-export-after = {" "}antes si quieres guardar una copia.
delete-account-password-label = Contraseña actual, para confirmar
delete-account-submit = Eliminar mi cuenta definitivamente
delete-account-keep = Conservar mi cuenta

## profile.html (the account page)

profile-heading = Tu cuenta
# $email: the account's email address.
profile-signed-in-as = Sesión iniciada como { $email }
profile-profile-heading = Perfil
profile-name-label = Nombre
profile-phone-label = Teléfono
# After a field label, in smaller type.
profile-optional = (opcional)
profile-zone-label = Zona horaria
profile-zone-hint = Las horas se muestran en esta zona; el horario de un profesional también se entiende en ella.
profile-language-label = Idioma
profile-language-hint = Las páginas y todos los correos que te enviamos están en este idioma.
profile-language-browser = Según mi navegador
profile-calendar-email-label = Dirección de Gmail para tu calendario
profile-calendar-email-hint = Compartimos un calendario con tus citas con esta cuenta de Google.
profile-review-requests = Enviarme un correo una vez después de cada cita completada para pedirme una reseña
profile-save = Guardar perfil
profile-email-heading = Correo electrónico
# Shown as: [profile-email-verified-before] <strong>[profile-email-verified]</strong> [profile-email-verified-after]
# $email: the address; $date: the day it was verified.
profile-email-verified-before = { $email } está
profile-email-verified = verificado
profile-email-verified-after = (desde el { $date }).
# Shown as: [profile-email-unverified-before] <strong>[profile-email-unverified]</strong>[profile-email-unverified-after]
profile-email-unverified-before = { $email }
profile-email-unverified = aún no está verificado
profile-email-unverified-after = . Abre el enlace que te enviamos a esa dirección para confirmar que es tuya.
profile-email-resend = Reenviar el correo de verificación
profile-new-email-label = Nuevo correo electrónico
profile-new-email-hint = Lo usarás para iniciar sesión y en él recibirás tus correos; tendrás que verificarlo de nuevo.
profile-email-password-label = Contraseña actual, para confirmar el cambio
profile-email-submit = Cambiar correo electrónico
profile-photo-heading = Foto de perfil
profile-photo-formats = JPEG, PNG o WebP
profile-photo-upload = Subir foto
profile-feed-heading = Suscripción de calendario
profile-feed-text = Suscríbete a tus citas desde Google Calendar, Outlook o Calendario de Apple con una dirección privada. Una dirección nueva sustituye a la anterior.
profile-feed-create = Crear una dirección de suscripción
profile-feed-stop = Desactivar la dirección actual
# Providers only: calendars of their own whose busy times close their bookable slots.
profile-busy-heading = Calendarios que bloquean tu tiempo
# For CalDAV calendars (Fastmail, Nextcloud, iCloud…).
profile-busy-login-intro = El tiempo ocupado en estos calendarios tuyos (Fastmail, Nextcloud, iCloud o cualquier servidor CalDAV) no se ofrece como hueco libre (no cuentan los eventos marcados como «libre» ni los cancelados).
profile-busy-login-step-address = Copia la dirección CalDAV del calendario desde sus ajustes (Fastmail: Ajustes → Calendarios → el calendario → URL de CalDAV; Nextcloud: menú «…» del calendario → Copiar enlace interno).
profile-busy-login-step-password = Crea en tu servicio de calendario una contraseña específica de aplicación para este sitio (iCloud y Fastmail la exigen); solo leemos y la guardamos cifrada.
# For Outlook (Microsoft 365) mailboxes.
profile-busy-mailbox-intro = El tiempo ocupado en tu calendario de Outlook (Microsoft 365) no se ofrece como hueco libre (no cuentan los eventos mostrados como «Disponible» o «Trabajando en otro lugar», los cancelados ni las invitaciones que rechazaste).
# $address: the platform's calendar account.
profile-busy-mailbox-step-share = No tienes que compartir nada: { $address } lee los calendarios de los buzones de tu organización.
# When Outlook announces changes to us.
profile-busy-mailbox-step-enter-pushed = Introduce abajo la dirección de tu buzón (tu correo del trabajo); se lee su calendario principal (los cambios se reflejan en segundos, porque Outlook nos avisa).
# When we check for changes every few minutes.
profile-busy-mailbox-step-enter-polled = Introduce abajo la dirección de tu buzón (tu correo del trabajo); se lee su calendario principal (los cambios se reflejan en unos minutos).
# For Google calendars. The quoted labels are those of Google Calendar's settings.
profile-busy-google-intro = El tiempo ocupado en estos calendarios de Google no se ofrece como hueco libre (no cuentan los eventos marcados como «libre» ni las invitaciones que rechazaste).
# Shown as: [profile-busy-google-step-share-before] <strong>calendar address</strong> [profile-busy-google-step-share-after-pushed or -polled]
profile-busy-google-step-share-before = En Google Calendar, abre la configuración del calendario, ve a «Compartir con determinadas personas» y añade
# When Google announces changes to us.
profile-busy-google-step-share-after-pushed = con «Ver todos los detalles del evento» (lo mejor: los cambios se leen en segundos, porque Google nos avisa) o con «Ver solo si está libre u ocupado (ocultar detalles)» (se lee cada pocos minutos).
# When we check for changes every few minutes.
profile-busy-google-step-share-after-polled = con «Ver todos los detalles del evento» (lo mejor: los cambios se leen en unos minutos) o con «Ver solo si está libre u ocupado (ocultar detalles)» (se lee cada pocos minutos).
profile-busy-google-step-id = Introduce abajo el ID del calendario: para tu calendario principal, tu dirección de Gmail; para otro, el «ID de calendario» que aparece en «Integrar el calendario».
# $mode: how the calendar is read, e.g. "free/busy only: busy blocks are read every few minutes".
profile-busy-access = Acceso: { $mode }
# Screen-reader label of the Remove button. $calendar: the calendar's id or address.
profile-busy-remove-label = Dejar de bloquear tu tiempo con { $calendar }
profile-busy-remove = Quitar
profile-busy-id-login = Dirección del calendario (URL de CalDAV)
profile-busy-id-mailbox = Dirección del buzón
profile-busy-id-google = ID del calendario
profile-busy-username = Nombre de usuario
profile-busy-app-password = Contraseña de aplicación
profile-busy-add = Añadir calendario
profile-tokens-heading = Tokens de API
# Shown as: [profile-tokens-intro-before] <link>[profile-tokens-intro-link]</link> [profile-tokens-intro-middle] <code>[profile-tokens-intro-header]</code>[profile-tokens-intro-after]
profile-tokens-intro-before = Un token permite que un programa use la
profile-tokens-intro-link = API JSON
profile-tokens-intro-middle = en tu nombre: envíalo como
# An HTTP header: keep "Authorization: Bearer"; only the placeholder <token> may be translated.
profile-tokens-intro-header = Authorization: Bearer <token>
profile-tokens-intro-after = . Revoca los tokens que ya no uses.
# $name: the name the user gave the token.
profile-token-created = Token «{ $name }» creado.
profile-token-copy = Cópialo ahora: solo se muestra esta vez y funciona como tu contraseña.
profile-token-new-label = Tu nuevo token
profile-token-new-hint = Selecciónalo y cópialo (Ctrl+C, o ⌘+C en un Mac).
profile-token-name-label = Nombre del token
profile-token-name-hint = Para qué sirve el token, p. ej., «script del calendario».
profile-token-create = Crear token
profile-tokens-list-label = Tus tokens de API
# $date: when the token was created.
profile-token-created-on = Creado: { $date }
# $date: when the token was last used.
profile-token-last-used = Último uso: { $date }
profile-token-never-used = Nunca se ha usado
# Screen-reader label of the Revoke button. $name: the token's name.
profile-token-revoke-label = Revocar el token { $name }
profile-token-revoke = Revocar
profile-tokens-none = No tienes tokens de API.
profile-password-heading = Cambiar contraseña
profile-password-current = Contraseña actual
profile-password-new = Nueva contraseña
profile-password-submit = Cambiar contraseña
profile-data-heading = Tus datos
profile-data-export-text = Descarga en un archivo JSON todo lo que guardamos sobre ti (perfil, citas, reseñas, registros de tokens y de auditoría).
profile-data-export = Descargar tus datos
profile-data-delete-text = Al eliminar tu cuenta se cancelan tus próximas citas y se borran tus datos personales; las personas con las que tuviste citas las conservan bajo un seudónimo.
profile-data-delete-link = Eliminar tu cuenta…

## dashboard.html

dashboard-title = Panel
dashboard-provider-heading = Tu agenda
# Banner when the provider's own calendars could not be read.
# Shown as: <strong>[dashboard-closing-strong]</strong> [dashboard-closing-before] calendar ids [dashboard-closing-after]
#   <link>[dashboard-closing-link]</link>[dashboard-closing-link-after]
# $count: how many calendars are listed.
dashboard-closing-strong = Ahora mismo nadie puede reservar contigo.
dashboard-closing-before = Últimamente no hemos podido leer
dashboard-closing-after = (o { $count ->
        [one] ya no se comparte
       *[other] ya no se comparten
    } con nosotros), así que tus huecos están cerrados para evitar reservas dobles.
dashboard-closing-link = Revisa tus calendarios
dashboard-closing-link-after = ; los huecos se volverán a abrir en la próxima lectura correcta.
# $zone: an IANA time zone name such as Europe/Paris.
dashboard-times-in = Horas en { $zone }.
dashboard-link-services = Servicios
# Link to the provider's working hours.
dashboard-link-hours = Horario
dashboard-link-public-page = Tu página pública
dashboard-today-heading = Hoy
dashboard-today-empty = No hay nada reservado para hoy.
dashboard-week-heading = Esta semana

# The statuses in the week grid use the shared appointment-status-* keys (site.ftl).

# A day of the week grid without appointments.
dashboard-week-free = Libre
dashboard-classes-heading = Clases
dashboard-attendees-label = Asistentes
dashboard-upcoming-heading = Próximas
# Followed by the provider's booking link.
dashboard-provider-upcoming-empty = Aún no tienes próximas citas. Comparte tu enlace de reserva:
dashboard-recent-heading = Recientes
dashboard-past-empty = No hay citas pasadas.
dashboard-customer-heading = Tus citas
# Shown as: [dashboard-customer-upcoming-empty-before] <link>[dashboard-customer-upcoming-empty-link]</link>[dashboard-customer-upcoming-empty-after]
dashboard-customer-upcoming-empty-before = Aún no has reservado nada.
dashboard-customer-upcoming-empty-link = Busca un servicio
dashboard-customer-upcoming-empty-after = {" "}para reservar.
dashboard-past-heading = Pasadas

## services.html (a provider's services)

services-heading = Tus servicios
services-new = Nuevo servicio
# Followed by the link.
services-booking-link = Tu enlace de reserva:
services-inactive = inactivo
# $minutes: the service's duration.
services-minutes = { $minutes } min
# Followed by the service's name for screen readers only.
services-edit = Editar
services-view = Ver
services-deactivate = Desactivar
services-activate = Activar
# Shown as: [services-empty-before] <link>[services-empty-link]</link>[services-empty-after]
services-empty-before = Aún no ofreces ningún servicio.
services-empty-link = Crea tu primer servicio
services-empty-after = {" "}para que puedan reservar contigo.

## service_form.html

service-form-title-edit = Editar servicio
service-form-title-new = Nuevo servicio
# $name: the service's name.
service-form-heading-edit = Editar { $name }
service-form-errors = Corrige los campos marcados abajo.
service-form-name = Nombre
service-form-description = Descripción
service-form-optional = (opcional)
service-form-category = Categoría
service-form-no-category = Sin categoría
service-form-time = Tiempo
service-form-duration = Duración en minutos
service-form-buffer-before = Minutos libres antes
service-form-buffer-after = Minutos libres después
service-form-capacity = Plazas
service-form-capacity-hint = (1 para atender a una persona cada vez; con más, se convierte en una clase en la que se reserva plaza)
service-form-price = Precio
service-form-amount = Importe
service-form-currency = Moneda
service-form-policy = Condiciones de reserva
service-form-own-policy = Este servicio tiene sus propias condiciones (si no, se aplican las de tu horario)
service-form-save = Guardar cambios
service-form-create = Crear servicio
service-form-back = Volver a tus servicios
service-form-photo-heading = Foto
service-form-photo-formats = JPEG, PNG o WebP
service-form-photo-upload = Subir foto

## schedule.html (a provider's working hours)

schedule-heading = Tu horario
# Shown as: [schedule-zone] <link>[schedule-zone-change]</link>[schedule-zone-change-after]
# $zone: an IANA time zone name such as Europe/Paris.
schedule-zone = Las horas están en tu zona horaria, { $zone }.
schedule-zone-change = Cambiarla
schedule-zone-change-after = .
schedule-weekly-heading = Horario semanal
schedule-weekly-hint = Añade una fila por cada franja de trabajo, por ejemplo 09:00–12:00 y 13:00–17:00 para hacer una pausa para comer. Deja vacíos los días que no trabajes.
schedule-day-monday = Lunes
schedule-day-tuesday = Martes
schedule-day-wednesday = Miércoles
schedule-day-thursday = Jueves
schedule-day-friday = Viernes
schedule-day-saturday = Sábado
schedule-day-sunday = Domingo
# Screen-reader labels of the time fields. $day: a weekday name above; $number: 1, 2, 3…
schedule-interval-start = { $day }, franja { $number }, inicio
schedule-interval-end = { $day }, franja { $number }, fin
schedule-add-interval = Añadir una franja
schedule-save-hours = Guardar horario semanal
schedule-overrides-heading = Días libres y horarios especiales
# The hours of a day off in the list.
schedule-closed = Cerrado
# Followed by the day, for screen readers only.
schedule-remove = Quitar
schedule-overrides-empty = No hay días libres ni horarios especiales previstos. Tu horario semanal se aplica todos los días.
schedule-override-date = Fecha
schedule-override-kind = Ese día
schedule-override-closed = Día libre
schedule-override-hours = Horario especial:
schedule-override-first-start = Inicio de la primera franja
schedule-override-first-end = Fin de la primera franja
schedule-override-second-start = Inicio de la segunda franja
schedule-override-second-end = Fin de la segunda franja
schedule-override-add = Añadir
schedule-policy-heading = Condiciones de reserva
schedule-policy-hint = Se aplican a todos los servicios que no tienen condiciones propias.
schedule-policy-save = Guardar condiciones

## photo_upload.html

photo-upload-title-profile = Tu foto
photo-upload-title-service = Foto del servicio
# $max_mb: the largest file accepted, in megabytes.
photo-upload-label = Foto (JPEG, PNG o WebP, { $max_mb } MB como máximo)
photo-upload-submit = Subir

## calendar_feed.html

calendar-feed-heading = Feed de calendario
# The quoted labels are those of Google Calendar and Apple Calendar.
calendar-feed-intro = Suscríbete a esta dirección en tu aplicación de calendario (Google Calendar: «Desde URL»; Calendario de Apple: «Nueva suscripción a calendario»). Mantenla en privado: cualquiera que la tenga puede ver tus citas. Solo se muestra ahora; crea una nueva para sustituirla.
calendar-feed-address-label = Dirección de tu feed de calendario
calendar-feed-revoked = Tu feed de calendario está desactivado; su dirección anterior ya no funciona.
calendar-feed-replace = Sustituir la dirección
calendar-feed-create = Crear una dirección de feed
calendar-feed-turn-off = Desactivar el feed

## webhooks.html

webhooks-heading = Webhooks
# Shown as: [webhooks-intro-before] <link>[webhooks-intro-standard]</link>[webhooks-intro-middle] <link>[webhooks-intro-api]</link>[webhooks-intro-after]
webhooks-intro-before = Un endpoint de webhook recibe avisos de las reservas en cuanto se producen: cada mensaje se firma según
# The name of a specification (standardwebhooks.com).
webhooks-intro-standard = Standard Webhooks
webhooks-intro-middle = , así que cualquiera de sus bibliotecas puede verificarlo con el secreto del endpoint. La
webhooks-intro-api = API
webhooks-intro-after = {" "}ofrece lo mismo.
webhooks-created = Endpoint registrado.
webhooks-created-copy = Copia ahora su secreto de firma: solo se muestra esta vez.
webhooks-secret-label = Secreto de firma
webhooks-open = Abrir el endpoint
webhooks-register-heading = Registrar un endpoint
webhooks-register-submit = Registrar endpoint

## webhook.html (one endpoint)

webhook-heading = Endpoint de webhook
webhook-all = Todos los endpoints de webhook
# After the endpoint's URL.
webhook-everyone = recibe los eventos de todas las cuentas
webhook-disabled = Desactivado. Actívalo abajo y después reenvía lo que no le llegó.
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
webhook-disabled-reason = Desactivado: { $reason }. Actívalo abajo y después reenvía lo que no le llegó.
webhook-new-secret = Nuevo secreto de firma.
webhook-new-secret-copy = Cópialo ahora: solo se muestra esta vez.
# $until: a date and time.
webhook-old-secret-until = El secreto anterior sigue firmando junto al nuevo hasta { $until }.
webhook-secret-label = Secreto de firma
# $until: a date and time.
webhook-previous-secret-until = El secreto anterior sigue firmando hasta { $until }.
webhook-settings-heading = Ajustes
webhook-save = Guardar
webhook-send-test = Enviar prueba
webhook-rotate = Renovar el secreto
webhook-delete = Eliminar endpoint
webhook-attempts-heading = Intentos recientes
# Column headings of the attempts table.
webhook-col-when = Cuándo (UTC)
webhook-col-event = Evento
webhook-col-status = Estado
webhook-col-time = Tiempo
webhook-col-answer = Respuesta
webhook-col-resend = Reenviar
# In the Status column when the receiver did not answer.
webhook-no-answer = sin respuesta
# $ms: a duration in milliseconds.
webhook-duration = { $ms } ms
# Screen-reader label of the Resend button. $message: the message id.
webhook-resend-label = Reenviar el mensaje { $message }
webhook-resend = Reenviar
webhook-attempts-empty = Aún no se ha enviado nada. Envía una prueba para verla aquí.

## partials_webhook_form.html

partials-webhook-form-url = URL
partials-webhook-form-url-hint = Adónde se envían los mensajes, p. ej., https://crm.example.org/hooks/bys. Debe ser accesible desde internet.
partials-webhook-form-description = Descripción (opcional)
partials-webhook-form-events = Eventos
partials-webhook-form-enabled = Enviar mensajes a este endpoint

## partials_webhook_list.html

partials-webhook-list-label = Endpoints de webhook
# After an endpoint's event names (admins' endpoints receive the events of all providers).
partials-webhook-list-everyone = eventos de todas las cuentas
partials-webhook-list-enabled = Activado
partials-webhook-list-disabled = Desactivado
# $reason: why it was disabled, e.g. "the receiver answered 410 Gone".
partials-webhook-list-disabled-reason = Desactivado: { $reason }
partials-webhook-list-empty = Aún no hay endpoints de webhook.
