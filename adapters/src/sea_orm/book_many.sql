-- Several bookings in one statement on PostgreSQL: the bookings that arrived while others were
-- being written share one round trip, one transaction and one commit. Each booking is what
-- book.sql writes for one; $1-$17 are the arrays of book.sql's $1-$17, one element per booking,
-- and $18-$20 the deliveries: their appointments, ids and channels.
-- A booking that meets the no-overlap constraint or the unique idempotency key (against the
-- stored appointments or an earlier one of the same batch) is left out, with its event and
-- deliveries; the statement returns the ids of the appointments it wrote.
WITH booking AS (
    SELECT *
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[],
        $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[],
        $11::timestamptz[], $12::bigint[], $13::text[], $14::uuid[], $15::text[], $16::jsonb[],
        $17::timestamptz[])
        AS b (id, service_id, provider_id, customer_id, session_start, session_end,
            blocked_start, blocked_end, status, note, created_at, revision, idempotency_key,
            series_id, kind, payload, occurred_at)
), queued AS (
    -- Every provider's queue, always in the same order, so that two batches never wait for
    -- each other in a circle.
    SELECT count(*) AS queues
    FROM (
        SELECT pg_advisory_xact_lock(queue)
        FROM (
            SELECT DISTINCT hashtextextended(provider_id::text, 0) AS queue
            FROM booking
            ORDER BY queue
        ) AS ordered
    ) AS taken
), appointment AS (
    INSERT INTO appointments (id, service_id, provider_id, customer_id, session_start,
        session_end, blocked_start, blocked_end, status, note, created_at, revision,
        idempotency_key, series_id)
    SELECT b.id, b.service_id, b.provider_id, b.customer_id, b.session_start, b.session_end,
        b.blocked_start, b.blocked_end, b.status, b.note, b.created_at, b.revision,
        b.idempotency_key, b.series_id
    FROM queued, booking AS b
    ON CONFLICT DO NOTHING
    RETURNING id
), event AS (
    INSERT INTO appointment_events (appointment_id, kind, payload, occurred_at)
    SELECT b.id, b.kind, b.payload, b.occurred_at
    FROM booking AS b JOIN appointment USING (id)
    RETURNING id, appointment_id
), delivery AS (
    INSERT INTO deliveries (id, event_id, appointment_id, channel, state, attempts)
    SELECT d.id, event.id, event.appointment_id, d.channel, 'pending', 0
    FROM event JOIN unnest($18::uuid[], $19::uuid[], $20::text[])
        AS d (appointment_id, id, channel) USING (appointment_id)
)
SELECT id FROM appointment
