#!/usr/bin/env bash
# The load harness (docs/PERFORMANCE.md): builds the release binary, loads the benchmark dataset
# (`bys demo --scale bench`) into a fresh SQLite file or PostgreSQL database, starts the app,
# measures start -> /readyz, drives cases (a)-(f) with wrk from a second process on loopback (on
# PostgreSQL also the database's own ceilings (g), (h) and (i) with pgbench), checks that no slot
# was booked twice, and writes a markdown table (req/s, p50, p99, peak RSS, database size).
#
# Usage: bench/load.sh [sqlite|postgres] [--smoke]
#   sqlite (default) or postgres: the database to run on (PostgreSQL: 127.0.0.1:5432, trust auth,
#   started or installed by scripts/ensure-postgres; a scratch database is created and dropped).
#   --smoke: about 2 s per case, for CI: checks the harness works, not the figures. The table
#   goes to a temporary folder instead of bench/results/.
# Environment: BENCH_DURATION (seconds per case, default 15; smoke 2), BENCH_CONNECTIONS
# (default 16), BENCH_THREADS (wrk threads, default 2), BENCH_FACTOR (dataset size, 1 to 1000:
# 100 means 20,000 providers and 505,000 appointments; default 1), BENCH_EXTERNAL_EVENTS (events
# a day in the hot provider's own calendar, default 0), BENCH_SSLMODE (PostgreSQL: `require` to
# measure TLS on loopback; default: the app's default, no TLS), BENCH_BIN (a binary to measure
# instead of building one: to compare two builds on the same machine), BENCH_BATCH (bookings per
# transaction in (i), default 16), CARGO_TARGET_DIR (as scripts/test).
# Budgets are read from the table, never asserted; the run fails only when the harness itself
# breaks (a request answered with an error, a double booking, the app not starting).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DB=sqlite
SMOKE=0
for arg in "$@"; do
  case "$arg" in
    sqlite | postgres) DB="$arg" ;;
    --smoke) SMOKE=1 ;;
    *)
      sed -n '2,21p' "$0" >&2
      exit 2
      ;;
  esac
done
if [ "$SMOKE" = 1 ]; then
  DURATION="${BENCH_DURATION:-2}"
else
  DURATION="${BENCH_DURATION:-15}"
fi
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
THREADS="${BENCH_THREADS:-2}"
# Events a day in the hot provider's own calendar (busy time read from it), each over one of
# their bookings: case (a) then also merges them; 0 (default): no own calendar.
EXTERNAL_EVENTS="${BENCH_EXTERNAL_EVENTS:-0}"
FACTOR="${BENCH_FACTOR:-1}"
SSLMODE="${BENCH_SSLMODE:-}"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bys-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf 'load.sh: %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is required"; exit 1; }
done

if [ -n "${BENCH_BIN:-}" ]; then
  BIN="$(realpath "$BENCH_BIN")"
else
  say "building the release binary"
  cargo build --release --locked -p web --bin bys
  BIN="$CARGO_TARGET_DIR/release/bys"
fi

# --- database and app --------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bys-bench.XXXXXX")"
APP_PID=""
PG_DB=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_DB" ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$DB" = postgres ]; then
  scripts/ensure-postgres
  command -v pgbench >/dev/null 2>&1 || { say "pgbench is required (postgresql-contrib)"; exit 1; }
  PG_DB="bys_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
  DB_URL="postgres://postgres@127.0.0.1:5432/$PG_DB${SSLMODE:+?sslmode=$SSLMODE}"
  sql() { psql -qAt -h 127.0.0.1 -U postgres -d "$PG_DB" -c "$1"; }
  db_size() { sql "SELECT pg_database_size(current_database())"; }
else
  DB_URL="sqlite://$WORK/bench.db?mode=rwc"
  sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$WORK/bench.db" "$1"; }
  db_size() { stat -c %s "$WORK/bench.db"; }
fi
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

# The app runs in $WORK so its data/ folder (mail outbox, images) and any config/local.toml of
# the checkout stay out of the measurement.
export BYS_DATABASE__URL="$DB_URL" BYS_SERVER__HOST=127.0.0.1 BYS_SERVER__PORT="$PORT"
export BYS_SERVER__BASE_URL="$BASE" RUST_LOG="${RUST_LOG:-warn}"
# Every simulated client is 127.0.0.1 and books far more than a person: rate limits off.
export BYS_LIMITS__ENABLED=false

say "loading the benchmark dataset (factor $FACTOR) into $DB"
seed_start=$(date +%s%N)
(cd "$WORK" && "$BIN" demo --scale bench --factor "$FACTOR" \
  --external-events "$EXTERNAL_EVENTS" >"$WORK/facts.env")
SEED_MS=$((($(date +%s%N) - seed_start) / 1000000))
DB_MB="$(($(db_size) / 1048576))"
# shellcheck disable=SC1091
. "$WORK/facts.env"
IFS=, read -r -a customers <<<"$BENCH_CUSTOMERS"
IFS=, read -r -a booking_services <<<"$BENCH_BOOKING_SERVICES"

ROWS=()
FAILED=0
# record LABEL "RESULT requests duration_us p50_us p99_us failed"
record() {
  local label="$1" requests duration p50 p99 failed
  read -r _ requests duration p50 p99 failed <<<"$2"
  if [ "$requests" -eq 0 ] || [ "$failed" -ne 0 ]; then
    say "case $label: $requests requests, $failed failed"
    FAILED=1
  fi
  ROWS+=("$(python3 -c 'import sys
label, req, dur, p50, p99, failed = sys.argv[1:]
print("| %s | %.0f | %.2f | %.2f | %s | %s |" % (label, int(req) / (int(dur) / 1e6),
      int(p50) / 1000, int(p99) / 1000, req, failed))' "$label" "$requests" "$duration" "$p50" "$p99" "$failed")")
  LAST_RATE="$(python3 -c 'import sys; print(int(int(sys.argv[1]) / (int(sys.argv[2]) / 1e6)))' \
    "$requests" "$duration")"
  LAST_REQUESTS="$requests"
}
INSERT_RATE=""
STATEMENT_RATE=""
BATCH_RATE=""
# (i) writes batches of BATCH bookings, BATCHES_AT_ONCE at a time, as the app does under load
# (adapters/src/sea_orm/booking_batches.rs: at most 64 per batch, 2 batches at a time).
BATCH="${BENCH_BATCH:-16}"
BATCHES_AT_ONCE=2

# The database's ceilings, measured before the app starts (so nothing else runs): (g) one
# INSERT per transaction, (h) the app's own booking statement (adapters/src/sea_orm/book.sql)
# with the values a booking binds, over 64 of the providers the booking case books and as many
# customers as (e) logs in, each client on its own hours far in the future, and (i) the app's
# batch statement (adapters/src/sea_orm/book_many.sql) over the same services. Their rows are
# deleted afterwards.
# pgbench_run LABEL CLIENTS SCRIPT...: runs pgbench over the scripts and records the result.
pgbench_run() {
  local label="$1" clients="$2" log="$WORK/pgbench-$RANDOM"
  shift 2
  say "case $label"
  mkdir "$log"
  (cd "$log" && pgbench -n -M prepared -h 127.0.0.1 -U postgres -c "$clients" \
    -j "$((clients < THREADS ? clients : THREADS))" -T "$DURATION" -D n=0 "$@" \
    -l --log-prefix=tx "$PG_DB" >summary.txt)
  # Per-transaction log lines: client, number, latency (us), script, epoch s, epoch us.
  record "$label" "$(cat "$log"/tx.* | python3 -c 'import sys
rows = [line.split() for line in sys.stdin if line.strip()]
lat = sorted(int(r[2]) for r in rows)
start = min(int(r[4]) * 10**6 + int(r[5]) - int(r[2]) for r in rows)
end = max(int(r[4]) * 10**6 + int(r[5]) for r in rows)
pick = lambda p: lat[min(len(lat) - 1, int(len(lat) * p / 100))]
print("RESULT", len(lat), end - start, pick(50), pick(99), 0)')"
}
if [ "$DB" = postgres ]; then
  sql "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, provider_id uuid NOT NULL,
    starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, note text)" >/dev/null
  cat >"$WORK/insert.sql" <<'SQL'
INSERT INTO bench_insert (provider_id, starts_at, ends_at, note)
VALUES (gen_random_uuid(), now(), now() + interval '30 minutes', 'bench');
SQL
  pgbench_run "(g) pgbench, one INSERT per transaction" "$CONNECTIONS" -f "$WORK/insert.sql"
  INSERT_RATE="$LAST_RATE"
  sql "DROP TABLE bench_insert" >/dev/null

  # booking_script MODE ARGS... > FILE: a pgbench script of the app's booking SQL with the values
  # BookAppointment binds. MODE one SERVICE PROVIDER CUSTOMER: book.sql, one booking (client c's
  # n-th starts c * 10^6 + n hours after 2100-01-01). MODE batch SIZE SERVICES PROVIDERS
  # CUSTOMERS (comma lists): book_many.sql, SIZE bookings of those services in turn (client c's
  # n-th batch from c * 10^6 + n * SIZE hours after 2100-01-01). No two bookings overlap.
  booking_script() {
    python3 - "$ROOT/adapters/src/sea_orm" "$@" <<'PY'
import re, sys
folder, mode, *args = sys.argv[1:]
payload = ('{"kind":"booked","at":"2026-12-04T10:00:00Z","appointment":{"id":"%s",'
           '"service":"%s","provider":"%s","customer":"%s","session":{"start":'
           '"2100-01-01T09:00:00Z","end":"2100-01-01T09:30:00Z"},"blocked":{"start":'
           '"2100-01-01T09:00:00Z","end":"2100-01-01T09:30:00Z"},"status":"confirmed",'
           '"note":null,"created_at":"2026-12-04T10:00:00Z","revision":0,"reschedules":[],'
           '"cancellation":null}}')
def jsonb(*ids):
    # pgbench would read ":null" or ":00" as its variables: the colons go in as escapes.
    return "U&'%s'::jsonb" % (payload % ids).replace(":", "\\003A")
channels = "ARRAY['customer_email', 'provider_email', 'calendar', 'webhooks']"
zero = "00000000-0000-0000-0000-000000000000"
if mode == "one":
    sql_file = "book.sql"
    service, provider, customer = args
    hour = ("(timestamptz '2100-01-01' + (:client_id * 1000000 + :n)::integer"
            " * interval '1 hour')")
    values = {
        1: "gen_random_uuid()", 2: "'%s'" % service, 3: "'%s'" % provider,
        4: "'%s'" % customer, 5: hour, 6: hour + " + interval '30 minutes'", 7: hour,
        8: hour + " + interval '30 minutes'", 9: "'confirmed'", 10: "NULL::text",
        11: "now()", 12: "0", 13: "NULL::text", 14: "NULL::uuid", 15: "'booked'",
        16: jsonb(zero, service, provider, customer), 17: "now()",
        18: "ARRAY[gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid()]",
        19: channels,
    }
else:
    sql_file = "book_many.sql"
    size, services, providers, customers = args
    size = int(size)
    # Booking k of the batch: the appointment id is derived, so the deliveries can name it.
    each = lambda expr: "ARRAY(SELECT %s FROM generate_series(0, %d) AS k)" % (expr, size - 1)
    # The id at `index` (counted from 0, wrapping around) of the comma list `csv`.
    pick = lambda csv, index: "('{%s}'::uuid[])[1 + (%s) %% %d]" % (
        csv, index, len(csv.split(",")))
    turn = ":client_id * %d + k" % size
    same = lambda expr: "array_fill(%s, ARRAY[%d])" % (expr, size)
    appointment = "md5(:client_id::text || ' ' || :n::text || ' ' || k::text)::uuid"
    hour = ("(timestamptz '2100-01-01' + (:client_id * 1000000 + :n * %d + k)::integer"
            " * interval '1 hour')") % size
    per_delivery = lambda expr: (
        "ARRAY(SELECT %s FROM generate_series(0, %d) AS k, generate_series(1, 4) AS c"
        " ORDER BY k, c)" % (expr, size - 1))
    values = {
        1: each(appointment), 2: each(pick(services, turn)), 3: each(pick(providers, turn)),
        4: each(pick(customers, "k")),
        5: each(hour), 6: each(hour + " + interval '30 minutes'"), 7: each(hour),
        8: each(hour + " + interval '30 minutes'"), 9: same("'confirmed'::text"),
        10: same("NULL::text"), 11: same("now()"), 12: same("0::bigint"),
        13: same("NULL::text"), 14: same("NULL::uuid"), 15: same("'booked'::text"),
        16: same(jsonb(zero, zero, zero, zero)), 17: same("now()"),
        18: per_delivery(appointment), 19: per_delivery("gen_random_uuid()"),
        20: per_delivery("(%s)[c]" % channels),
    }
text = re.sub(r"--.*", "", open("%s/%s" % (folder, sql_file)).read())
text = re.sub(r"\$(\d+)", lambda m: values[int(m.group(1))], text)
print("\\set n :n + 1")
print(" ".join(text.split()) + ";")
PY
  }

  # Deletes what (h) or (i) booked, with its outbox rows. The app never deletes events, so
  # nothing indexes deliveries by event: the foreign-key checks are skipped (replica role) instead
  # of scanning every delivery once per deleted event, as the rows go children first.
  forget_far_bookings() {
    sql "SET session_replication_role = replica;
      DELETE FROM deliveries WHERE appointment_id IN
        (SELECT id FROM appointments WHERE session_start >= '2100-01-01');
      DELETE FROM appointment_events WHERE appointment_id IN
        (SELECT id FROM appointments WHERE session_start >= '2100-01-01');
      DELETE FROM appointments WHERE session_start >= '2100-01-01'" >/dev/null
  }

  booking_scripts=()
  batch_services=() batch_providers=() batch_customers=()
  for service in "${booking_services[@]:0:64}"; do
    # As in (e): one customer per connection.
    email="${customers[$((${#booking_scripts[@]} / 2 % CONNECTIONS))]}"
    customer="$(sql "SELECT id FROM users WHERE email = '$email'")"
    provider="$(sql "SELECT provider_id FROM services WHERE id = '$service'")"
    booking_script one "$service" "$provider" "$customer" >"$WORK/book-$service.sql"
    booking_scripts+=(-f "$WORK/book-$service.sql")
    batch_services+=("$service") batch_providers+=("$provider") batch_customers+=("$customer")
  done
  pgbench_run "(h) pgbench, the booking statement" "$CONNECTIONS" "${booking_scripts[@]}"
  STATEMENT_RATE="$LAST_RATE"
  forget_far_bookings
  booking_script batch "$BATCH" "$(IFS=,; echo "${batch_services[*]}")" \
    "$(IFS=,; echo "${batch_providers[*]}")" "$(IFS=,; echo "${batch_customers[*]}")" \
    >"$WORK/book-many.sql"
  pgbench_run "(i) pgbench, the batch statement, $BATCH bookings each" "$BATCHES_AT_ONCE" \
    -f "$WORK/book-many.sql"
  BATCH_RATE="$((LAST_RATE * BATCH))"
  # A batch leaves out a booking that overlaps or reuses a key; none of (i)'s may be left out.
  batch_booked="$(sql "SELECT count(*) FROM appointments WHERE session_start >= '2100-01-01'")"
  if [ "$batch_booked" -ne "$((LAST_REQUESTS * BATCH))" ]; then
    say "(i) booked $batch_booked of $((LAST_REQUESTS * BATCH)) bookings"
    FAILED=1
  fi
  forget_far_bookings
  # Statistics as autovacuum would leave them some time after a load this size.
  sql "VACUUM ANALYZE" >/dev/null
fi

say "starting the app on $BASE"
start=$(date +%s%N)
(cd "$WORK" && exec "$BIN" serve >"$WORK/app.log" 2>&1) &
APP_PID=$!
until curl -fs -o /dev/null "$BASE/readyz"; do
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    cat "$WORK/app.log" >&2
    say "the app stopped before it was ready"
    exit 1
  fi
  sleep 0.005
done
READY_MS=$((($(date +%s%N) - start) / 1000000))

# --- wrk scripts -------------------------------------------------------------------------------
# Every case reports one machine-readable line from wrk's done() hook.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), failed))
end
LUA

# (e) needs logged-in customers and distinct free slots: log in, then list the free slots of one
# service per provider (other than the hot one) from the availability API.
say "logging in customers and collecting free slots for the booking case"
cookies=()
for email in "${customers[@]:0:$CONNECTIONS}"; do
  cookie="$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\"}" "$BASE/api/v1/session" |
    sed -n 's/^[Ss]et-[Cc]ookie: *\(bys_session=[^;]*\).*/\1/p' | head -n 1)"
  [ -n "$cookie" ] || { say "login of $email failed"; exit 1; }
  cookies+=("$cookie")
done
from="$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)"
to="$(date -u -d '+60 days' +%Y-%m-%dT%H:%M:%SZ)"
for service in "${booking_services[@]}"; do
  curl -fsS "$BASE/api/v1/services/$service/slots?from=$from&to=$to" >"$WORK/slots-$service.json"
done
python3 - "$WORK" "$THREADS" "${cookies[@]}" >"$WORK/book.lua" <<'PY'
import glob, json, sys
work, threads, cookies = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
lists = [json.load(open(f)) for f in sorted(glob.glob(work + "/slots-*.json"))]
# Round-robin over providers, so concurrent requests go to different providers' time.
slots, i = [], 0
while any(i < len(l["slots"]) for l in lists):
    for l in lists:
        if i < len(l["slots"]):
            slots.append((l["service_id"], l["slots"][i]["start"]))
    i += 1
with open(work + "/slots.txt", "w") as out:
    for service, start in slots:
        out.write("%s %s\n" % (service, start))
print('local slots_file = "%s/slots.txt"' % work)
print("local cookies = {%s}" % ",".join('"%s"' % c for c in cookies))
print("local step = %d" % threads)
print("""
local threads, thread_count = {}, 0
setup = function(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end
init = function(args)
  n = id
  slots = {}
  for line in io.lines(slots_file) do
    local service, start = line:match("(%S+) (%S+)")
    table.insert(slots, {service, start})
  end
end
request = function()
  local s = slots[(n % #slots) + 1]
  local headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookies[(n % #cookies) + 1],
    ["Idempotency-Key"] = "bench-" .. n,
  }
  n = n + step
  return wrk.format("POST", "/api/v1/appointments", headers,
    '{"service_id":"' .. s[1] .. '","start":"' .. s[2] .. '"}')
end
""")
PY
cat "$WORK/report.lua" >>"$WORK/book.lua"
SLOTS="$(wc -l <"$WORK/slots.txt")"

# --- cases -------------------------------------------------------------------------------------
# run_case LABEL PATH [wrk script]
run_case() {
  local label="$1" path="$2" script="${3:-$WORK/report.lua}"
  say "case $label: $path ($DURATION s, $CONNECTIONS connections)"
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$script" \
    "$BASE$path" | grep '^RESULT')"
  record "$label" "$out"
}

run_case "(f) /healthz (ceiling)" "/healthz"
run_case "(a) free slots, hot provider's busiest day (API)" \
  "/api/v1/services/$BENCH_HOT_SERVICE/slots?from=$BENCH_BUSY_FROM&to=$BENCH_BUSY_TO"
run_case "(b) search, term + category (API)" \
  "/api/v1/services?q=$BENCH_SEARCH_TERM&category=$BENCH_SEARCH_CATEGORY"
run_case "(c) home page (HTML)" "/"
run_case "(d) service page with slot picker (HTML)" "/services/$BENCH_HOT_SERVICE"
before="$(sql "SELECT count(*) FROM appointments")"
run_case "(e) booking POST, distinct free slots (API)" "/" "$WORK/book.lua"
BOOKING_RATE="$LAST_RATE"
booked=$(($(sql "SELECT count(*) FROM appointments") - before))
DOUBLE="$(sql "SELECT count(*) FROM appointments a JOIN appointments b
  ON a.provider_id = b.provider_id AND a.id < b.id
  AND a.blocked_start < b.blocked_end AND b.blocked_start < a.blocked_end
  WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed')")"
if [ "$DOUBLE" != 0 ]; then
  say "DOUBLE BOOKINGS: $DOUBLE"
  FAILED=1
fi
RSS_KB="$(awk '/^VmHWM/ {print $2}' "/proc/$APP_PID/status")"


# --- table -------------------------------------------------------------------------------------
mode="full"
[ "$SMOKE" = 1 ] && mode="smoke (no figures to compare)"
table="$(
  printf '## %s, %s\n\n' "$DB" "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf -- '- run: %s; %s s per case, %s connections, wrk %s threads, loopback\n' \
    "$mode" "$DURATION" "$CONNECTIONS" "$THREADS"
  printf -- '- machine: %s, %s CPUs, load average before the run: %s\n' \
    "$(uname -m)" "$(nproc)" "$LOAD_BEFORE"
  printf -- '- dataset: factor %s, %s appointments, loaded in %s ms, database %s MB\n' \
    "$FACTOR" "$BENCH_APPOINTMENTS" "$SEED_MS" "$DB_MB"
  printf -- '- start to /readyz: %s ms; peak RSS of the app: %s MB\n' \
    "$READY_MS" "$((RSS_KB / 1024))"
  if [ -n "$SSLMODE" ]; then
    printf -- '- database connection: sslmode=%s\n' "$SSLMODE"
  fi
  printf -- '- hot provider own-calendar events a day: %s\n' "$EXTERNAL_EVENTS"
  printf -- '- booking: %s free slots offered, %s booked, double bookings: %s\n' \
    "$SLOTS" "$booked" "$DOUBLE"
  if [ -n "$INSERT_RATE" ]; then
    printf -- '- booking (e) is %s %% of (g), %s %% of (h) and %s %% of (i)'"'"'s %s bookings/s\n' \
      "$((100 * BOOKING_RATE / INSERT_RATE))" "$((100 * BOOKING_RATE / STATEMENT_RATE))" \
      "$((100 * BOOKING_RATE / BATCH_RATE))" "$BATCH_RATE"
  fi
  printf '\n' 
  printf '| case | req/s | p50 ms | p99 ms | requests | errors |\n'
  printf '| --- | ---: | ---: | ---: | ---: | ---: |\n'
  printf '%s\n' "${ROWS[@]}"
)"
printf '\n%s\n' "$table"
if [ "$SMOKE" = 1 ]; then
  out="$WORK/smoke.md"
else
  mkdir -p "$ROOT/bench/results"
  out="$ROOT/bench/results/$DB-$(date -u +%Y%m%d-%H%M).md"
  printf '%s\n' "$table" >"$out"
  say "table written to ${out#"$ROOT"/}"
fi
exit "$FAILED"
