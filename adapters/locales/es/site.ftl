# Book Your Services: the public pages, booking and appointments. Spanish ("tú").
# Templates: base, home, search, service, provider, book, series, series_booked, waitlist,
# waitlist_join, review, review_action, appointment, reschedule, error and the partials
# partials_reviews, partials_row, partials_actions, partials_policy.
# Variables are already formatted by the app (dates, times, prices, zone names).

# base.html: the layout of every page (head, navigation, footer).
base-description = Encuentra peluquería, clases particulares, fisioterapia o yoga cerca de ti, consulta los huecos libres reales en tu zona horaria y reserva en unos pocos clics.
base-skip-link = Saltar al contenido principal

# Accessible name of the main navigation bar.
base-nav-main = Navegación principal
base-nav-search = Buscar un servicio
base-nav-dashboard = Panel
base-nav-waitlist = Lista de espera

# A provider's own services and working hours.
base-nav-services = Servicios
base-nav-schedule = Horario
base-nav-admin = Administración
base-nav-account = Cuenta
base-log-out = Cerrar sesión
base-log-in = Iniciar sesión
base-sign-up = Registrarse

# Footer: accessible name of the language switcher (visitors who are not signed in).
base-language = Idioma

# Footer link for signed-in users, whose language is a setting of their account.
base-language-account = Idioma: cámbialo en tu cuenta

# home.html: the home page.
home-heading = Reserva un servicio en unos pocos clics
home-search-label = Buscar servicios
home-search-placeholder = Corte de pelo, clases particulares, yoga…
home-search-button = Buscar
home-browse-heading = Explorar por categoría
home-new-heading = Novedades en Book Your Services

# Length of a service, $minutes is a number.
home-minutes = { $minutes } min

# Shown when there are no services yet: home-empty-before, then a link to sign up with the
# text home-empty-link, then home-empty-after right after the link (start it with {" "} for a space).
home-empty-before = Todavía no hay servicios. Profesionales:
home-empty-link = crea una cuenta
home-empty-after = {" "}para ofrecer los tuyos.

# search.html: search results with filters.
# Page title, followed by " · Book Your Services".
search-title = Búsqueda
search-heading = Buscar un servicio
search-form-label = Búsqueda y filtros
search-query-label = Buscar
search-category-label = Categoría
search-category-all = Todas las categorías

# Filter on the length of a service.
search-length-label = Duración
search-length-any = Cualquier duración

# $minutes: 30, 60, 90 or 120.
search-length-option = Hasta { $minutes } min
search-rating-label = Valoración
search-rating-any = Cualquier valoración

# $stars: 4, 3 or 2.
search-rating-option =
    { $stars ->
        [one] { $stars } estrella o más
       *[other] { $stars } estrellas o más
    }
search-sort-label = Orden
search-sort-relevance = Más relevantes
search-sort-price-asc = Precio: de menor a mayor
search-sort-price-desc = Precio: de mayor a menor
search-sort-newest = Más recientes
search-sort-rating = Mejor valorados
search-submit = Mostrar resultados

# Heading over the results: how many services match.
search-results =
    { $count ->
        [one] { $count } servicio
       *[other] { $count } servicios
    }
search-minutes = { $minutes } min
search-pages-label = Páginas de resultados
search-previous = Anterior
search-page-of = Página { $page } de { $pages }
search-next = Siguiente
search-empty = Ningún servicio coincide.

# $query: the words searched for.
search-empty-query = Ningún servicio coincide con «{ $query }».

# search-empty-hint-before, then a link to all services with the text search-empty-hint-link,
# then search-empty-hint-after right after the link.
search-empty-hint-before = Prueba con menos palabras, otra categoría o
search-empty-hint-link = consulta todos los servicios
search-empty-hint-after = .

# service.html: a service's page with its month calendar of free times.
service-minutes =
    { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }

# Heading of the time picker when an existing appointment is being moved.
service-pick-new-time = Elige una nueva hora para tu cita
service-pick-time = Elige una hora
service-back-to-appointment = Volver a la cita
service-zone-label = Mostrar las horas en la zona horaria

# The examples are IANA time zone names: keep them in this form (Region/City).
service-zone-hint = Una ciudad, como Europe/Madrid o America/Mexico_City.

# After an error about the zone typed: the provider's zone is shown instead.
service-zone-fallback = Se muestra { $zone }.
service-zone-submit = Mostrar

# Screen-reader text of the ‹ and › month buttons.
service-previous-month = Mes anterior
service-next-month = Mes siguiente

# Calendar column headings (weeks start on Monday): the full name for screen readers, then
# the two-letter abbreviation shown.
service-weekday-mon = lunes
service-weekday-mon-short = Lu
service-weekday-tue = martes
service-weekday-tue-short = Ma
service-weekday-wed = miércoles
service-weekday-wed-short = Mi
service-weekday-thu = jueves
service-weekday-thu-short = Ju
service-weekday-fri = viernes
service-weekday-fri-short = Vi
service-weekday-sat = sábado
service-weekday-sat-short = Sá
service-weekday-sun = domingo
service-weekday-sun-short = Do

# After the day's date in the heading over its free times.
service-times-in = (horas en { $zone })
service-free-times = Huecos libres en { $zone }
service-no-free-times = No hay huecos libres este día. Prueba otro día o apúntate a la lista de espera más abajo.

# Link to the waitlist form; waitlist-empty-customer quotes its last words.
service-waitlist-link = ¿Nada te encaja? Apúntate a la lista de espera
service-provider-zone = Zona horaria del profesional: { $zone }.

# provider.html: a provider's public page.
# Followed by the page's address as a link.
provider-book-directly = Reserva directa:
provider-minutes = { $minutes } min
provider-pick-time = Elegir hora

# Screen-reader text after provider-pick-time; $service is the service's name.
provider-pick-time-for = para { $service }
provider-empty = { $provider } no tiene servicios para reservar ahora mismo.

# book.html: confirming a booking, and the offer to repeat it.
book-title = Confirma tu reserva

# Above a list of other free times after the chosen one was taken.
book-alternatives = Estas horas siguen libres:
book-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
book-when-for-provider = Para el profesional: { $when }
book-note-label = Nota para el profesional
book-note-hint = (opcional)
book-submit = Reservar esta hora
book-choose-another-time = Elegir otra hora
book-repeat-heading = Repetir esta reserva

# Label of a select whose options are book-every-option ("Repeat every" + "2 weeks").
book-repeat-every = Repetir

# $weeks: 1 to 4.
book-every-option =
    { $weeks ->
        [one] cada semana
       *[other] cada { $weeks } semanas
    }
book-times-label = Número de citas

# $count: 2 to 12.
book-times-option =
    { $count ->
        [one] { $count } vez
       *[other] { $count } veces
    }
book-repeat-submit = Ver qué fechas están libres

# series.html: previewing and booking a recurring series.
series-title = Repetir tu reserva

# After the price of one appointment.
series-price-each = por cita
series-minutes = { $minutes } min
series-repeat-legend = Repetición

# Label of a select whose options are series-every-option ("Every" + "2 weeks").
series-every-label = Frecuencia

# $weeks: 1 to 4.
series-every-option =
    { $weeks ->
        [one] cada semana
       *[other] cada { $weeks } semanas
    }
series-times-label = Número de citas

# $count: 2 to 12.
series-times-option =
    { $count ->
        [one] { $count } vez
       *[other] { $count } veces
    }
series-check-submit = Comprobar estas fechas
series-dates-heading = Fechas
series-zone-note = Las horas se muestran en { $zone }. Cada cita mantiene la hora local del profesional, también con los cambios de horario de verano.

# How many of the dates can be booked; English keeps one form for every number.
series-free-count =
    { $free ->
        [one] { $free } de { $total } está libre.
       *[other] { $free } de { $total } están libres.
    }

# The state of each date in the list; a reason follows series-occurrence-taken.
series-occurrence-free = libre
series-occurrence-taken = no disponible
series-note-label = Nota para el profesional
series-note-hint = (opcional, en cada cita)

# Buttons: $count is how many of the dates are free (English keeps one form for every number).
series-book-free-only =
    { $count ->
        [one] Reservar solo la fecha libre
       *[other] Reservar solo las { $count } fechas libres
    }
series-book-all-or-none = Reservar todas o ninguna
series-all-or-none-hint = «Reservar todas o ninguna» solo es posible mientras todas las fechas estén libres.
series-book-all = Reservar las { $count } fechas
series-book-free-anyway = Reservar las libres, aunque mientras tanto se ocupe alguna

# series-none-free-before, then a link back to the time picker with the text
# series-none-free-link, then series-none-free-after right after the link.
series-none-free-before = No se puede reservar ninguna de estas fechas. Prueba otro intervalo o
series-none-free-link = elige otra hora
series-none-free-after = .

# $error: why the note was refused (a sentence).
series-note-error = Nota: { $error }
series-choose-another-time = Elegir otra hora

# series_booked.html: after booking a series.
series-booked-title = Serie reservada
series-booked-heading = Tu serie está reservada
series-booked-minutes = { $minutes } min
series-booked-zone = horas en { $zone }

# $count: how many appointments were booked (English keeps one form for every number).
series-booked-summary =
    { $count ->
        [one] { $count } cita reservada.
       *[other] { $count } citas reservadas.
    } Cada una tiene su propio correo de confirmación y su propia entrada en el calendario, y se puede cambiar o cancelar por separado.
series-booked-skipped-heading = No reservadas
series-booked-dashboard-link = Tus citas

# waitlist.html: a customer's waitlist entries, or who waits for a provider's services.
waitlist-title = Lista de espera
waitlist-heading-provider = Quién está esperando
waitlist-heading-customer = Tu lista de espera
waitlist-provider-intro = Clientes que esperan una plaza en tus servicios, por orden de llegada. Una plaza liberada se reserva para la primera persona en cuya franja encaje.

# $date: when the entry was made, e.g. "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
waitlist-joined = En la lista desde el { $date }

# $until: a date and time like $date above. waitlist-held is the provider's view.
waitlist-held = Hay una plaza reservada hasta el { $until }.
waitlist-held-for-you = Hay una plaza reservada para ti hasta el { $until }.
waitlist-hold-link = Reservarla o dejarla
waitlist-leave = Salir de la lista de espera
waitlist-empty-provider = No hay nadie esperando.

# Quotes the end of service-waitlist-link.
waitlist-empty-customer = No estás esperando nada. En la página de un servicio, «Apúntate a la lista de espera» nos pide que te guardemos la próxima plaza libre.

# waitlist_join.html: joining the waitlist of a service.
waitlist-join-title = Apuntarse a la lista de espera

# waitlist-join-for, then the service's name as a link, then waitlist-join-intro right after
# the link (it starts with the full stop ending "For <service>.").
waitlist-join-for = Para
waitlist-join-intro = . Cuando se libera una plaza en tu franja, se guarda para la primera persona en espera durante el tiempo que fije el profesional (dos horas, salvo que lo cambie), y esa persona recibe un correo para reservarla con un clic.
waitlist-join-days-legend = Días
waitlist-join-first-day = Desde
waitlist-join-last-day = Hasta
waitlist-join-times-legend = Horas del día
waitlist-join-times-zone = (en { $zone })
waitlist-join-from = Inicio más temprano
waitlist-join-until = Fin más tardío
waitlist-join-submit = Apuntarse a la lista de espera
waitlist-join-back = Volver a las horas

# review.html: a customer writes or changes a review.
review-title-change = Cambiar tu reseña
review-title-write = Escribir una reseña
review-change-window = Puedes cambiar tu reseña durante 90 días después de la cita.
review-stars-legend = Tu valoración

# $count: 1 to 5.
review-stars-option =
    { $count ->
        [one] { $count } estrella
       *[other] { $count } estrellas
    }
review-text-label = Tu reseña
review-text-hint = (opcional; se publica con tu nombre y la inicial de tu apellido)
review-submit-change = Guardar cambios
review-submit-write = Publicar reseña
review-back-to-appointment = Volver a la cita

# review_action.html: the reply or report form about a review.
review-action-back-home = Volver a la página de inicio

# partials_reviews.html: the reviews block of service and provider pages.
partials-reviews-heading = Reseñas

# After the average rating ("4.5 / 5 · 12 reviews").
partials-reviews-count =
    { $count ->
        [one] { $count } reseña
       *[other] { $count } reseñas
    }

# $stars: 1 to 5 (English keeps one form for every number).
partials-reviews-stars = { $stars } de 5 estrellas
partials-reviews-reply-heading = Respuesta del profesional
partials-reviews-report = Denunciar

# Screen-reader text after partials-reviews-report; $author is the reviewer's short name.
partials-reviews-report-whose = la reseña de { $author }

# partials_row.html: an appointment in lists. Its status uses the appointment-status-* keys.
partials-row-minutes = { $minutes } min

# Shown in bold, followed by partials-row-conflict-text.
partials-row-conflict = Conflicto:
partials-row-conflict-text = se solapa con un evento de tu propio calendario
partials-row-note = Nota: { $note }

# partials_actions.html: the buttons for an appointment (confirm, complete, move, cancel).
partials-actions-confirm = Confirmar
partials-actions-complete = Marcar como completada
partials-actions-no-show = Marcar como no presentada
partials-actions-reschedule = Cambiar a otra hora

# Opens the cancellation form.
partials-actions-cancel-open = Cancelar…
partials-actions-reason-label = Motivo
partials-actions-reason-hint = (opcional, lo verá la otra parte)
partials-actions-cancel = Cancelar esta cita
partials-actions-cancel-class = Cancelar toda la clase

# Screen-reader text after partials-actions-cancel-class.
partials-actions-cancel-class-hint = para todas las personas inscritas
partials-actions-cancel-following = Cancelar esta y las siguientes

# Screen-reader text after partials-actions-cancel-following.
partials-actions-cancel-following-hint = citas de la serie

# appointment.html: an appointment's page.
appointment-title = Cita
appointment-heading-cancelled = Cita cancelada
appointment-minutes = { $minutes } min

# $when: the same time in the provider's time zone.
appointment-when-for-provider = Para el profesional: { $when }

# Followed by the status in bold (one of the appointment-status-* values below).
appointment-status-caption = Estado:

# An appointment's status, also in lists (partials_row.html). One key per status of
# domain::AppointmentStatus::as_str (with "_" written "-").
appointment-status-requested = pendiente de confirmación
appointment-status-confirmed = confirmada
appointment-status-cancelled = cancelada
appointment-status-completed = completada
appointment-status-no-show = no presentada
appointment-status-held = reservada desde la lista de espera
appointment-status-released = liberada (no reservada)

# Shown in bold, followed by appointment-conflict-text (to the provider).
appointment-conflict = Conflicto:
appointment-conflict-text = esta cita se solapa con un evento de tu propio calendario del que nos enteramos después de reservarla. Sigue reservada; cámbiala o cancélala si no puedes atenderla (se avisa al cliente como siempre).
appointment-note-own = Tu nota: { $note }
appointment-note-customer = Nota del cliente: { $note }
appointment-cancel-reason = Motivo de la cancelación: { $reason }
appointment-add-to-calendar = Añadir al calendario (.ics)

# A place freed for a customer on the waitlist. $until: a date and time, e.g.
# "Tue 2 Jun 2026, 14:30 CEST (Europe/Paris)".
appointment-held-until = Reservada para ti hasta el { $until }
appointment-held-text = Se ha liberado una plaza que esperabas. Nadie más puede reservarla hasta entonces. Resérvala o déjala para la siguiente persona en espera.
appointment-hold-accept = Reservar esta plaza
appointment-hold-decline = No, gracias
appointment-move-heading = Nueva hora propuesta

# To the customer: appointment-move-customer-before, the new time in bold, then
# appointment-move-customer-after right after it (start it with {" "} for a space).
appointment-move-customer-before = Tu profesional ha cambiado esta cita en su calendario a
appointment-move-customer-after = . No cambia nada hasta que respondas.
appointment-move-accept = Aceptar la nueva hora

# $when: the current time of the appointment.
appointment-move-decline = Mantener { $when }

# To the provider: appointment-move-provider-before, the new time in bold, then
# appointment-move-provider-after right after it.
appointment-move-provider-before = Cambiada en el calendario del profesional a
appointment-move-provider-after = ; a la espera de que el cliente la acepte. Hasta entonces, la cita mantiene su hora.
appointment-review-heading = Reseña

# $stars: 1 to 5 (English keeps one form for every number).
appointment-review-stars = { $stars } de 5 estrellas
appointment-review-hidden = ocultada por el equipo
appointment-review-reply-heading = Respuesta del profesional
appointment-review-change = Cambiar tu reseña
appointment-review-write = Escribir una reseña
appointment-reply-change = Cambiar tu respuesta pública
appointment-reply-write = Responder públicamente
appointment-reply-submit = Guardar respuesta

# Opens the form to move this occurrence of a series and all later ones.
appointment-move-following-open = Cambiar de hora esta y las siguientes…

# Screen-reader text after appointment-move-following-open.
appointment-move-following-hint = (citas de la serie)
appointment-move-start-label = Nueva hora para esta cita
appointment-move-start-hint = ({ $zone }; las siguientes se desplazan lo mismo y mantienen la hora local del profesional)
appointment-move-following-submit = Cambiar de hora esta y las siguientes

# reschedule.html: confirming the new time of an appointment.
reschedule-title = Cambiar la hora de tu cita

# Before the old time (struck through) and the new time (in bold).
reschedule-from = De
reschedule-to = A
reschedule-submit = Cambiar a esta hora
reschedule-choose-another-time = Elegir otra hora
reschedule-back-to-appointment = Volver a la cita

# error.html: error pages.
error-back-home = Volver a la página de inicio

# partials_policy.html: a provider's booking rules (labels of number fields; the unit comes last).
partials-policy-notice-minutes = Antelación mínima, minutos
partials-policy-horizon-days = Reservable con hasta, días de antelación
partials-policy-slot-step = Horas de inicio cada, minutos
partials-policy-slot-step-hint = (vacío: la duración del servicio)
partials-policy-cutoff-hours = Los clientes pueden cancelar o cambiar hasta, horas antes
partials-policy-hold-minutes = Una plaza liberada se guarda para la primera persona de la lista de espera, minutos
partials-policy-auto-confirm = Confirmar las reservas al instante (si no, confirmas cada solicitud)

privacy-heading = Aviso de privacidad
privacy-version = Versión { $version }
privacy-your-data = Descarga o elimina tus datos desde tu cuenta
