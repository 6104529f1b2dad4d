-- One booking in one statement on PostgreSQL: one round trip, one implicit transaction.
-- The provider's queue (as every write of their appointments), the appointment under the
-- no-overlap constraint and the unique idempotency key, its outbox event and one pending
-- delivery per channel. bench/load.sh runs this same text in pgbench (the booking-shaped
-- ceiling), so keep the parameters in this order:
-- $1 id, $2 service, $3 provider, $4 customer, $5-$6 session, $7-$8 blocked time, $9 status,
-- $10 note, $11 created at, $12 revision, $13 idempotency key, $14 series,
-- $15 event kind, $16 event payload, $17 event time, $18 delivery ids, $19 their channels.
WITH queued AS (
    SELECT pg_advisory_xact_lock(hashtextextended($3::text, 0))
), appointment AS (
    INSERT INTO appointments (id, service_id, provider_id, customer_id, session_start,
        session_end, blocked_start, blocked_end, status, note, created_at, revision,
        idempotency_key, series_id)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM queued
    RETURNING id
), event AS (
    INSERT INTO appointment_events (appointment_id, kind, payload, occurred_at)
    SELECT id, $15, $16, $17 FROM appointment
    RETURNING id, appointment_id
)
INSERT INTO deliveries (id, event_id, appointment_id, channel, state, attempts)
SELECT d.id, event.id, event.appointment_id, d.channel, 'pending', 0
FROM event, unnest($18::uuid[], $19::text[]) AS d (id, channel)
