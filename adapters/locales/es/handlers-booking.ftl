# Text the page handlers build in Rust for booking, appointments, the catalogue, series,
# the waitlist, reviews, the dashboard and the booking-policy form (web/src/pages/*.rs,
# web/src/present.rs). Arguments arrive already formatted (names, dates, times, zones).
# Spanish ("tú").

## Dates are formatted by ICU4X (adapters/src/local_format.rs), not here.

# A day of the service page's month calendar, read by screen readers. $date: its weekday,
# day and month ("Thursday 3 December"); then how many free times it has.
h-book-picker-day = { $date }, { $count ->
    [0] sin huecos libres
    [one] { $count } hueco libre
   *[other] { $count } huecos libres
}

## Appointments: lists and the appointment's page.

# The name shown when the service no longer exists.
h-book-a-service = Un servicio
# Who an appointment is with, shown to its customer. $name: the provider's name.
h-book-with = con { $name }
# Who an appointment is for, shown to its provider. $name: the customer's name.
h-book-for = para { $name }
h-book-not-yours-title = No es tu cita
h-book-not-yours = Esta cita pertenece a otra persona.
# Notices after an action on an appointment.
h-book-done-cancelled = La cita está cancelada.
h-book-done-rescheduled = La cita se ha cambiado a su nueva hora.
h-book-done-moved-following = Esta cita y las siguientes se han cambiado.
h-book-done-kept = La cita mantiene su hora; avisamos a tu profesional.
h-book-done-confirmed = La cita está confirmada.
h-book-done-booked = La plaza es tuya: la cita está reservada.
h-book-done-released = La plaza queda libre para la siguiente persona en la lista de espera.
h-book-done-completed = La cita está marcada como realizada.
h-book-done-no-show = La cita está marcada como no presentada.
h-book-done-reviewed = Gracias: tu reseña está publicada.
h-book-done-replied = Tu respuesta está publicada.
# $error: why the cancellation reason was refused (a sentence).
h-book-reason-invalid = Motivo: { $error }
# $error: why (a sentence).
h-book-not-cancelled = No se pudo cancelar: { $error }
# $error: why (a sentence).
h-book-not-moved = No se pudo cambiar: { $error }
h-book-answer-forbidden-title = Solo el cliente puede responder
h-book-answer-forbidden = Solo el cliente de esta cita puede aceptar o rechazar una nueva hora.
h-book-status-forbidden-title = Solo el profesional puede hacer esto
h-book-status-forbidden = Solo el profesional de esta cita puede cambiar su estado.
h-book-changed-meanwhile = La cita se ha modificado mientras tanto; inténtalo de nuevo.
h-book-no-proposal = No hay ningún cambio propuesto que responder.
# "Move this and following": $example is the current start as the field expects it (2026-06-02T14:30).
h-book-move-following-start = Introduce la nueva fecha y hora, por ejemplo { $example }.
# $when: the occurrence that cannot move (date, time and zone); $error: why (a sentence).
h-book-move-following-refused = La cita del { $when } no se puede cambiar, así que no se ha cambiado nada: { $error }
h-book-move-following-taken = Alguien acaba de reservar una de las nuevas horas, así que no se ha cambiado nada.
h-book-series-changed-meanwhile = Una cita de la serie se ha modificado mientras tanto; inténtalo de nuevo.

## Why a change of an appointment was refused.

# $status: cancelled, completed, no-show, released (select on it to translate it).
h-book-err-closed = { $status ->
    [cancelled] La cita ya está cancelada.
    [completed] La cita ya se ha realizado.
    [no-show] La cita ya está marcada como no presentada.
    [released] La plaza ya está liberada.
   *[other] La cita ya está cerrada.
}
h-book-err-already-confirmed = La cita ya está confirmada.
h-book-err-on-hold = Esta hora solo está reservada para ti: acéptala o recházala primero.
h-book-err-not-on-hold = Esta hora ya no está reservada para ti.
h-book-err-too-late = Los cambios son posibles hasta { $hours } horas antes de la cita.
h-book-err-started = La cita ya ha empezado.
h-book-err-not-started = La cita aún no ha empezado.

## Why a time cannot be booked (or an appointment moved to it).

h-book-err-in-past = Esa hora ya ha pasado.
h-book-err-too-soon = Este profesional necesita al menos { $minutes } minutos de antelación.
h-book-err-too-far = Las reservas se abren como máximo con { $days } días de antelación.
h-book-err-outside-hours = El profesional no trabaja a esa hora.
h-book-err-off-grid = Las citas empiezan cada { $minutes } minutos desde la hora de apertura.
h-book-err-slot-taken = Esa hora ya está reservada.
h-book-err-class-full = Esta clase está completa: las { $places } plazas están reservadas.
h-book-err-one-class = Una plaza en una clase se reserva para una sola sesión: no puede formar parte de una serie ni cambiarse (cancélala y reserva otra sesión).
h-book-err-own-service = No puedes reservar tu propio servicio.
h-book-err-unavailable = Este servicio no está disponible para reservar.

## Booking a time.

h-book-slot-taken-sorry = Lo sentimos, alguien acaba de reservar esa hora.
h-book-class-full-sorry = Lo sentimos, esta clase está completa: las { $places } plazas están reservadas.
h-book-err-customers-only = Solo las cuentas de cliente pueden reservar: inicia sesión con una cuenta de cliente para reservar.
h-book-err-key-reused = Esta clave de idempotencia ya se usó para otra reserva.
h-book-too-many = Has intentado reservar demasiadas veces en la última hora. Inténtalo de nuevo más tarde.

## Free texts: $field is note, review, reply or reason (select on it to name the field).

h-book-text-missing = { $field ->
    [note] Escribe una nota.
    [review] Escribe tu reseña.
    [reply] Escribe tu respuesta.
   *[reason] Indica un motivo.
}
h-book-text-length = { $field ->
    [note] La nota
    [review] La reseña
    [reply] La respuesta
   *[reason] El motivo
} debe tener entre { $min } y { $max } caracteres.
h-book-text-control = { $field ->
    [note] La nota
    [review] La reseña
    [reply] La respuesta
   *[reason] El motivo
} contiene caracteres de control invisibles.

## Search and the service page.

# A class's free time. $left: places still free; $capacity: all places.
h-book-places-left = { $left ->
    [one] queda { $left } de { $capacity } plazas
   *[other] quedan { $left } de { $capacity } plazas
}
h-book-err-search-too-long = Busca como máximo { $max } caracteres.
h-book-err-negative-price = Los precios no pueden ser negativos.
h-book-err-price-range = El precio mínimo no puede ser mayor que el máximo.
# $zone: the name as typed, in quotes.
h-book-err-unknown-zone = Zona horaria desconocida { $zone }: usa un nombre IANA como Europe/Madrid.
h-book-err-no-such-service = Ese servicio no existe.
h-book-err-window-too-long = Los huecos se pueden mostrar como máximo para { $days } días a la vez.

## Series.

h-book-series-repeat-invalid = Elige con qué frecuencia y cuántas veces repetir.
h-book-series-interval = Una serie se repite cada 1 a 4 semanas.
h-book-series-count = Una serie tiene de 2 a 12 citas.
h-book-series-choose = Elige qué citas reservar.
# Followed by the list of the series' dates.
h-book-series-not-all-free = Ya no se pueden reservar todas las citas, así que no se ha reservado nada. Así queda ahora la serie:
h-book-series-nothing-free = Ya no se puede reservar ninguna de las citas.

## Waitlist.

h-book-waitlist-days-invalid = Introduce los dos días como fechas.
h-book-waitlist-times-invalid = Introduce las dos horas en formato HH:MM.
h-book-waitlist-days-backwards = El último día no puede ser anterior al primero.
h-book-waitlist-too-long = Un periodo en la lista de espera abarca como máximo { $days } días.
h-book-waitlist-times-backwards = La hora más tardía debe ser posterior a la más temprana.
h-book-waitlist-customers-only = Solo las cuentas de cliente pueden apuntarse a una lista de espera: inicia sesión con una cuenta de cliente.
h-book-waitlist-not-found = Ese servicio o esa entrada de la lista de espera no existe.
h-book-waitlist-window-over = Ese periodo ya ha terminado.
h-book-waitlist-already = Ya estás en la lista de espera de este servicio: sal de ella primero para cambiar tu periodo.
h-book-waitlist-hold-open = Tienes una plaza reservada: recházala en su lugar.
h-book-waitlist-joined = Estás en la lista de espera. Te escribiremos cuando se reserve una plaza para ti.
h-book-waitlist-left = Has salido de la lista de espera.
h-book-waitlist-forbidden-title = Aquí no hay lista de espera
h-book-waitlist-forbidden = Los clientes ven sus propias entradas en la lista de espera; los profesionales, quién espera sus servicios.
h-book-waitlist-cannot-leave = Aún no puedes salir

## Reviews.

h-book-rating-none = Aún no hay reseñas
# $average: the average stars with one decimal (4.5); $count: how many reviews.
h-book-rating = Valoración de { $average } sobre 5 según { $count ->
    [one] { $count } reseña
   *[other] { $count } reseñas
}
h-book-reviews-verified = Las reseñas proceden solo de clientes que completaron una reserva.
h-book-review-forbidden-title = No puedes reseñar esta cita
h-book-review-forbidden = Solo el cliente de una cita realizada puede reseñarla, en los 90 días siguientes.
h-book-review-stars-invalid = Elige de 1 a 5 estrellas.
h-book-review-not-customer = Solo el cliente de esta cita puede reseñarla.
h-book-review-not-completed = Solo se puede reseñar una cita realizada.
h-book-review-window-closed = Las reseñas se pueden escribir o cambiar hasta 90 días después de la cita.
h-book-review-stars = Una valoración va de 1 a 5 estrellas.
# $hidden: yes or no.
h-book-review-already-moderated = { $hidden ->
    [yes] La reseña ya está oculta.
   *[no] La reseña ya está visible.
}
h-book-review-changed-meanwhile = La reseña se ha modificado mientras tanto; inténtalo de nuevo.
h-book-reply-title = Responder a una reseña
h-book-reply-label = Tu respuesta pública
h-book-reply-button = Guardar respuesta
h-book-report-title = Denunciar una reseña
h-book-report-label = ¿Por qué debería revisar el equipo esta reseña?
h-book-report-button = Enviar denuncia
h-book-reply-forbidden-title = Solo el profesional puede responder
h-book-reply-forbidden = Solo el profesional de la cita reseñada puede responder a su reseña.
h-book-report-thanks = Gracias: el equipo revisará esta reseña.
h-book-report-already = Ya has denunciado esta reseña.

## The provider's dashboard.

# A class on the agenda. $booked: places booked; $capacity: all places.
h-book-places-booked = { $booked } de { $capacity } plazas reservadas

## The booking-policy fields (schedule and service forms).

h-book-policy-notice = Introduce la antelación en minutos enteros, por ejemplo 60.
h-book-policy-horizon = Introduce un número de días entre 1 y 730.
h-book-policy-step = Introduce el intervalo en minutos, por ejemplo 15, o déjalo en blanco.
h-book-policy-cutoff = Introduce el plazo de cambios en horas enteras, por ejemplo 12.
h-book-policy-hold = Introduce la reserva temporal en minutos enteros, de 15 a 4320 (3 días).
# $minutes: the step typed.
h-book-policy-step-invalid = El intervalo de los huecos debe ser de 5 a 480 minutos en pasos de 5, no { $minutes }.
h-book-policy-notice-max = La antelación mínima puede ser como máximo de 30 días.
h-book-policy-cutoff-max = El plazo de cambios puede ser como máximo de 30 días.
h-book-policy-horizon-range = Las reservas deben permitirse entre 1 y 730 días de antelación.
h-book-policy-notice-horizon = La antelación mínima debe ser menor que el plazo con el que se puede reservar.
h-book-policy-hold-range = Una plaza liberada se puede reservar temporalmente de 15 minutos a 3 días.
