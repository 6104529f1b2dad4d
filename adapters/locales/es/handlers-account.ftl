# Texts the account, provider and admin handlers produce in Rust (notices, field
# errors, error pages).

# Error pages
h-acct-error-failed-title = Algo ha salido mal
h-acct-error-failed-message = Lo sentimos, ha fallado por nuestra parte. Hemos registrado el error; vuelve a intentarlo en un momento.
h-acct-error-too-large-title = Demasiado grande
h-acct-error-too-large-message = Lo que has enviado es demasiado grande.
h-acct-error-bad-title = No ha funcionado
h-acct-error-bad-message = No se ha podido entender la petición. Vuelve atrás, recarga la página e inténtalo de nuevo.
h-acct-error-unavailable-title = No disponible temporalmente
h-acct-error-unavailable-message = Ahora mismo no podemos acceder a nuestros datos, así que no se ha cambiado nada. Vuelve a intentarlo en unos segundos.
h-acct-error-not-found-title = No encontrado
h-acct-error-not-found-message = Aquí no hay nada. Puede que se haya eliminado o que la dirección esté mal escrita.

# Rejected text fields ($min and $max are numbers of characters)
h-acct-text-name-missing = El nombre es obligatorio.
h-acct-text-name-length = El nombre debe tener entre { $min } y { $max } caracteres.
h-acct-text-name-control = El nombre contiene caracteres de control invisibles.
h-acct-text-description-missing = La descripción es obligatoria.
h-acct-text-description-length = La descripción debe tener entre { $min } y { $max } caracteres.
h-acct-text-description-control = La descripción contiene caracteres de control invisibles.
h-acct-text-category-name-missing = El nombre de la categoría es obligatorio.
h-acct-text-category-name-length = El nombre de la categoría debe tener entre { $min } y { $max } caracteres.
h-acct-text-category-name-control = El nombre de la categoría contiene caracteres de control invisibles.

# Rejected account data ($value is what was typed, in quotes)
h-acct-user-email = { $value } no es una dirección de correo electrónico válida.
h-acct-user-phone = Un número de teléfono tiene de 5 a 20 dígitos, espacios, guiones, puntos, paréntesis y un + inicial.
h-acct-user-password-length = La contraseña debe tener entre { $min } y { $max } caracteres.
h-acct-user-unknown-role = Rol desconocido: { $value }.

# Sign up and log in
h-acct-register-too-many = Demasiados registros desde tu red en la última hora. Vuelve a intentarlo más tarde.
h-acct-email-taken = Ya existe una cuenta con esta dirección de correo electrónico.
h-acct-register-choose-role = Elige cliente o profesional.
h-acct-email-invalid = Introduce una dirección de correo electrónico como nombre@example.org.
h-acct-login-throttled = Demasiados intentos fallidos. Espera unos minutos y vuelve a intentarlo.
h-acct-login-wrong-credentials = Correo electrónico o contraseña incorrectos.
h-acct-login-deactivated = Esta cuenta está desactivada. Contacta con soporte para reactivarla.
h-acct-form-expired-title = Este formulario ha caducado
h-acct-form-expired-message = Por tu seguridad, no se ha podido enviar el formulario. Vuelve atrás, recarga la página e inténtalo de nuevo.

# Account page: notices after a change
h-acct-done-profile = Tu perfil se ha guardado.
h-acct-done-password = Tu contraseña se ha cambiado.
h-acct-done-token-revoked = El token de API se ha revocado.
h-acct-done-email = Tu dirección de correo electrónico se ha cambiado. Te hemos enviado un enlace: ábrelo para verificarla.
h-acct-done-verification = Te hemos enviado un nuevo enlace de verificación. Puede tardar un minuto en llegar.
h-acct-done-verified = Tu dirección de correo electrónico ya está verificada.
h-acct-done-busy-calendar = El calendario se ha añadido: sus eventos bloquean tus huecos desde la primera lectura, en uno o dos minutos.
h-acct-done-busy-calendar-removed = El calendario ya no bloquea tu tiempo.

# Account page: field errors
h-acct-calendar-providers-only = Solo los profesionales comparten un calendario.
h-acct-calendar-email-invalid = Introduce una dirección de Gmail como nombre@gmail.com.
h-acct-too-many-wrong-passwords = Demasiadas contraseñas incorrectas. Espera unos minutos y vuelve a intentarlo.
h-acct-wrong-password = Esa no es tu contraseña actual.
h-acct-email-same = Esta ya es tu dirección de correo electrónico.

# Account page: verification links
h-acct-verification-too-many = Se han pedido demasiados enlaces de verificación en la última hora. Revisa tu bandeja de entrada (y la carpeta de spam) o vuelve a intentarlo más tarde.
h-acct-verification-too-soon = Se ha enviado un enlace de verificación hace menos de un minuto. Revisa tu bandeja de entrada (y la carpeta de spam) o espera un minuto y vuelve a pedirlo.
h-acct-verification-mail-failed = No hemos podido enviar el correo ahora mismo. Vuelve a intentarlo en unos minutos.

# Account page: calendars that block a provider's time
h-acct-busy-mode-events-pushed = todos los detalles de los eventos: los cambios se notifican y se leen en segundos
h-acct-busy-mode-events = todos los detalles de los eventos: los cambios se leen cada pocos minutos
h-acct-busy-mode-free-busy = solo libre/ocupado: los bloques ocupados se leen cada pocos minutos

# $when is a date and time
h-acct-busy-read-at = Leído el { $when }
h-acct-busy-waiting = Esperando la primera lectura
h-acct-busy-failing = No se ha podido leer últimamente; seguimos intentándolo
h-acct-busy-gone-login = Sin acceso: revisa su dirección y la contraseña de aplicación y vuelve a añadirlo
h-acct-busy-gone-mailbox = Sin acceso: revisa la dirección del buzón y vuelve a añadirlo

# $address is an email address
h-acct-busy-gone-shared = Sin acceso: vuelve a compartirlo con { $address }
h-acct-busy-forbidden-title = Solo para profesionales
h-acct-busy-forbidden-message = Solo los profesionales eligen calendarios que bloquean su tiempo reservable.
h-acct-busy-error-forbidden = Solo los profesionales pueden elegir calendarios que bloquean su tiempo.
h-acct-busy-error-not-configured = La lectura de calendarios no está configurada en este sitio.
h-acct-busy-error-invalid-id = Introduce el id del calendario (para tu calendario principal de Google, tu dirección de Gmail).
h-acct-busy-error-own-calendar = Este es el calendario al que se copian tus citas; elige uno propio.
h-acct-busy-error-not-shared = Este calendario aún no está compartido con { $address }.
h-acct-busy-error-login-required = Introduce el nombre de usuario y la contraseña de aplicación de este calendario.

# $detail is the calendar server's answer (not translated); a full stop is added
h-acct-busy-error-login-refused = No se ha podido abrir este calendario con esta dirección y estos datos de acceso: { $detail }
h-acct-busy-error-unreachable = No se ha podido contactar con el servicio de calendario; vuelve a intentarlo en unos minutos.

# A provider's services
h-acct-provider-not-bookable-title = No acepta reservas
h-acct-provider-not-bookable-message = Este profesional no acepta reservas. Busca otro servicio.
h-acct-service-category-invalid = Elige una categoría de la lista.
h-acct-service-duration-invalid = Introduce la duración en minutos, por ejemplo 60.

# $value is the number typed
h-acct-service-duration-range = La duración debe ser de 5 a 720 minutos en pasos de 5, no { $value }.
h-acct-service-buffer-range = Un margen puede ser de 240 minutos como máximo, no { $value }.
h-acct-service-capacity-range = Un servicio tiene de 1 a 100 plazas, no { $value }.
h-acct-service-buffers-invalid = Introduce los márgenes en minutos enteros, 0 para ninguno.

# $value is the code typed, in quotes
h-acct-service-currency-unknown = Moneda desconocida { $value }: usa un código ISO 4217 como EUR o USD.
h-acct-service-price-invalid = Introduce el precio como 25 o 25.50, sin la moneda.
h-acct-service-capacity-invalid = Introduce el número de plazas, 1 para un cliente cada vez.
h-acct-service-category-unavailable = Esta categoría no está disponible. Elige otra.
h-acct-service-providers-only-title = Solo para profesionales
h-acct-service-providers-only-message = Solo las cuentas de profesional pueden ofrecer servicios.
h-acct-not-yours-title = Sin acceso
h-acct-service-not-yours-message = Este servicio pertenece a otro profesional.

# A provider's schedule
h-acct-schedule-done-hours = Tu horario semanal se ha guardado.
h-acct-schedule-done-override = Tus cambios de fechas se han guardado.
h-acct-schedule-done-policy = Tus reglas de reserva se han guardado.
h-acct-schedule-not-yours-message = Solo puedes cambiar tu propio horario.
h-acct-schedule-hours-invalid = No se ha guardado nada: corrige las horas marcadas.
h-acct-schedule-start-and-end = Introduce un inicio y un final, o ninguno de los dos.
h-acct-schedule-choose-date = Elige una fecha.
h-acct-schedule-override-hours-missing = Introduce el horario de esta fecha o elige «Día libre».

# $value is the time typed, in quotes
h-acct-schedule-not-a-time = { $value } no es una hora: usa HH:MM entre 00:00 y 24:00.

# $start and $end are times like 09:00
h-acct-schedule-end-not-after-start = { $start } debe ser anterior a { $end }.

# $first and $second are intervals like 09:00–12:00
h-acct-schedule-overlap = { $first } se solapa con { $second }.
h-acct-schedule-too-many-intervals = Un día puede tener como máximo { $max } intervalos.

# $date is a date like 2026-06-02
h-acct-schedule-date-past = El { $date } ya ha pasado.
h-acct-schedule-date-too-far = El horario se puede planificar como máximo con { $max_days } días de antelación.

# Deleting an account
h-acct-delete-last-admin = Eres la única persona administradora: haz administradora a otra persona antes de eliminar tu cuenta.

# API tokens; $max is a number
h-acct-token-too-many = Ya tienes { $max } tokens; revoca uno primero.

# Photo uploads (the English messages start in lower case, as the page shows them)
h-acct-photo-missing = Elige una foto para subir.
h-acct-photo-not-an-image = este archivo no es una foto: sube una imagen JPEG, PNG o WebP

# $format is a picture format such as GIF
h-acct-photo-unsupported-format = no se aceptan imágenes { $format }: sube una imagen JPEG, PNG o WebP

# $size and $limit are megabytes with one decimal, like 5.0
h-acct-photo-too-large = el archivo ocupa { $size } MB; las fotos pueden ocupar como máximo { $limit } MB

# $width and $height are pixels; $limit is millions of pixels
h-acct-photo-too-many-pixels = la imagen tiene { $width }×{ $height } píxeles; las fotos pueden tener como máximo { $limit } megapíxeles
h-acct-photo-corrupt = la imagen está dañada o incompleta: vuelve a subirla o elige otro archivo

# Webhook endpoints
h-acct-not-allowed-title = No permitido
h-acct-webhook-forbidden-message = Solo los profesionales y los administradores gestionan los endpoints de webhook; el equipo de soporte puede consultarlos.
h-acct-webhook-url-too-long = La URL tiene más de 2000 caracteres.
h-acct-webhook-url-invalid = La URL no es válida.
h-acct-webhook-url-scheme = La URL debe empezar por https:// o http://.
h-acct-webhook-url-no-host = La URL no tiene host.
h-acct-webhook-url-credentials = La URL no debe incluir un nombre de usuario ni una contraseña.

# $value is the event type, in quotes
h-acct-webhook-unknown-event = Tipo de evento desconocido: { $value }.
h-acct-webhook-no-events = Elige al menos un tipo de evento.
h-acct-webhook-secret = El secreto no es un secreto whsec_ de al menos 24 bytes.

# $reason is why the address is refused (in English); a full stop is added
h-acct-webhook-url-refused = Esta URL no puede recibir webhooks: { $reason }

# Administration
h-admin-try-later-title = Inténtalo más tarde
h-admin-not-allowed-title = No permitido
h-admin-not-allowed-message = Tu cuenta no puede hacer esto.
h-admin-notice-saved = Se ha guardado.
h-admin-notice-deactivated = Se ha desactivado.
h-admin-notice-reactivated = Se ha reactivado.
h-admin-notice-reset = Se ha enviado un enlace para restablecer la contraseña.
h-admin-notice-staff = Se ha creado la cuenta de personal.
h-admin-notice-created = Se ha creado.
h-admin-notice-cancelled = La cita se ha cancelado; se avisa al cliente y al profesional.
h-admin-notice-retried = El envío vuelve a estar en la cola.
h-admin-notice-resynced = El calendario se ha vuelto a sincronizar.
h-admin-notice-deleted = El calendario se ha eliminado.
h-admin-notice-hidden = La reseña está oculta y sus denuncias están cerradas.
h-admin-notice-restored = La reseña vuelve a mostrarse y sus denuncias están cerradas.

# $message is why it failed (a sentence)
h-admin-failure-message = { $message } Vuelve atrás e inténtalo de nuevo.
h-admin-outside-service-failed = Ha fallado un servicio externo, inténtalo más tarde.
h-admin-own-role = No puedes cambiar tu propio rol.
h-admin-email-has-account = Ese correo electrónico ya tiene una cuenta.
h-admin-deactivate-yourself = No puedes desactivarte a ti mismo.
h-admin-reset-inactive = Reactiva la cuenta antes de enviar un enlace de restablecimiento.
h-admin-not-staff = Una cuenta de personal es una cuenta de administración o de soporte.
h-admin-category-no-slug = El nombre necesita al menos una letra a–z o un dígito para su dirección web.
h-admin-category-taken = Ya existe una categoría con este nombre.
h-admin-category-unavailable = Esta categoría no está disponible.
h-admin-calendar-in-use = El calendario de un profesional activo no está huérfano.
h-admin-appointment-changed = La cita ha cambiado mientras tanto, vuelve a intentarlo.
h-admin-review-already-hidden = La reseña ya está oculta.
h-admin-review-already-visible = La reseña ya está visible.
h-admin-clashes-with-data = Eso choca con datos existentes.
h-admin-changed-meanwhile = Ha cambiado mientras tanto: recarga e inténtalo de nuevo.
h-admin-position-number = La posición es un número entero.
h-admin-cancel-reason-missing = Se necesita un motivo.
h-admin-cancel-reason-length = Se necesita un motivo: debe tener entre 1 y 1000 caracteres.
h-admin-cancel-reason-control = Se necesita un motivo: contiene caracteres de control invisibles.
