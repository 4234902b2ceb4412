#!/usr/bin/env bash
# Idempotent bring-up of what Order Desk's tests and demo need, on one Debian 12 machine, as root:
#   PostgreSQL 15   127.0.0.1:5432  trust on loopback, superuser role root, databases test + orderdesk
#   Redis           127.0.0.1:6379  maxmemory-policy noeviction (BullMQ), no persistence when we start it
#   Dovecot         IMAP 127.0.0.1:1143 + LMTP 127.0.0.1:2424, user test@example.test / secret, Maildir
#   Chromium        /usr/bin/chromium (Debian's package) for browser tests, with a Devanagari font
#   Tesseract       tesseract-ocr with eng + hin data (Debian's packages) for photographed order slips
# Installs from Debian's packages only what is missing (apt-get update only then), starts only what is
# not running, and leaves a running service as it is apart from the settings listed above.
# What it starts keeps its state outside the checkout, in /var/lib/orderdesk-dev/<hash of the
# checkout path>/ (SERVICES_DIR overrides): Dovecot reads its config, users and Maildirs as its
# own users, who may not be able to enter a checkout whose parent is private (mode 0700, as
# `mktemp -d` makes). It never stops a process it did not start: a service already answering on a
# port (perhaps another checkout's) is used as it is; a port held by something that does not
# answer as expected is reported, not killed. Only the Dovecot recorded in this checkout's own
# pidfile is restarted when its config changed.
# Prints one summary line on success; on failure, what failed on stderr and a non-zero exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHECKOUT_ID=$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
STATE=${SERVICES_DIR:-/var/lib/orderdesk-dev/$CHECKOUT_ID}
PGVER=15
# Overridable only to try the script beside running services; the project expects the defaults.
PG_CLUSTER=${PG_CLUSTER:-main}
PGPORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}
IMAP_PORT=1143
LMTP_PORT=2424
DOVECOT_BASE=/run/orderdesk-dev-$CHECKOUT_ID
DOVECOT_DIR=${ORDERDESK_DOVECOT_DIR:-$STATE/dovecot}
MAILROOT=$DOVECOT_DIR/mail
CHROMIUM=/usr/bin/chromium
LOG=$STATE/services-up.log

mkdir -p "$STATE" || { echo "services-up: cannot create $STATE (set SERVICES_DIR to a writable folder)" >&2; exit 1; }
chmod 755 "$STATE"
: >"$LOG"
done_things=()

die() {
  echo "services-up: $*" >&2
  [ -s "$LOG" ] && tail -n 20 "$LOG" >&2
  exit 1
}
need_root() { [ "$(id -u)" = 0 ] || die "must run as root to $1"; }
# Wait up to 10 s for a check to pass.
wait_for() { local _; for _ in $(seq 100); do "$@" && return 0; sleep 0.1; done; return 1; }
# Send lines to a loopback TCP port and print what comes back (3 s at most).
tcp_talk() { timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$1"'; printf "$0" >&3; cat <&3' "$2" 2>/dev/null || true; }

# --- 1. packages: install only what is missing -------------------------------------------------
need=()
[ -x /usr/lib/postgresql/$PGVER/bin/postgres ] || need+=(postgresql-$PGVER)
command -v psql >/dev/null || need+=(postgresql-client-$PGVER)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v dovecot >/dev/null || need+=(dovecot-imapd)
[ -x /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
[ -x "$CHROMIUM" ] || need+=(chromium)
# Devanagari glyphs for the Hindi pages' screenshots (Chromium draws boxes without a font).
[ -d /usr/share/fonts/truetype/lohit-devanagari ] || need+=(fonts-lohit-deva)
# OCR of photographed order slips (docs/files.md): Tesseract with English and Hindi data, and a
# Latin font for the slips the tests draw.
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in eng hin; do
  ls /usr/share/tesseract-ocr/*/tessdata/$lang.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-$lang)
done
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  need_root "install ${need[*]}"
  apt-get update -qq >>"$LOG" 2>&1 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$LOG" 2>&1 ||
    die "apt-get install ${need[*]} failed"
  done_things+=("installed ${need[*]}")
fi

# --- 2. PostgreSQL ----------------------------------------------------------------------------
PSQL=(psql -X -q -w -h 127.0.0.1 -p $PGPORT -U postgres -d postgres -v ON_ERROR_STOP=1 -tA)
pg_trusts() { "${PSQL[@]}" -c 'select 1' >/dev/null 2>&1; }
pg_state() { pg_lsclusters -h 2>/dev/null | awk -v v=$PGVER -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}'; }
HBA=/etc/postgresql/$PGVER/$PG_CLUSTER/pg_hba.conf
# First matching line wins in pg_hba.conf, so trust goes on top; marked so it is added once.
add_trust() {
  grep -q '# orderdesk-trust' "$HBA" && return 1
  sed -i '1i local all all trust # orderdesk-trust\nhost all all 127.0.0.1/32 trust # orderdesk-trust\nhost all all ::1/128 trust # orderdesk-trust' "$HBA"
}

if ! pg_trusts; then
  need_root "set up PostgreSQL"
  if [ -z "$(pg_state)" ]; then
    pg_createcluster $PGVER "$PG_CLUSTER" --port "$PGPORT" >>"$LOG" 2>&1 || die "pg_createcluster failed"
    done_things+=("created cluster $PGVER/$PG_CLUSTER")
  fi
  if [ "$(pg_state)" = online ]; then
    # Running, but loopback is not trusted yet.
    add_trust || die "PostgreSQL on :$PGPORT is online but refuses postgres@127.0.0.1 without a password, although $HBA has trust lines"
    pg_ctlcluster --skip-systemctl-redirect $PGVER "$PG_CLUSTER" reload >>"$LOG" 2>&1 || die "PostgreSQL reload failed"
    done_things+=("trusted loopback in pg_hba.conf")
  else
    add_trust && done_things+=("trusted loopback in pg_hba.conf")
    pg_ctlcluster --skip-systemctl-redirect $PGVER "$PG_CLUSTER" start >>"$LOG" 2>&1 || die "PostgreSQL start failed"
    done_things+=("started PostgreSQL")
  fi
  wait_for pg_trusts || die "PostgreSQL does not accept postgres@127.0.0.1:$PGPORT"
fi
pg_one() { "${PSQL[@]}" -c "$1"; }
root_role=$(pg_one "select case when rolsuper then 's' else 'n' end from pg_roles where rolname = 'root'") ||
  die "cannot query PostgreSQL roles"
case "$root_role" in
  s) ;;
  n) pg_one 'alter role root superuser login' || die "cannot make role root superuser"
     done_things+=("made role root superuser") ;;
  *) pg_one 'create role root superuser login' || die "cannot create role root"
     done_things+=("created role root") ;;
esac
for db in test orderdesk; do
  has_db=$(pg_one "select 1 from pg_database where datname = '$db'") || die "cannot query PostgreSQL databases"
  if [ "$has_db" != 1 ]; then
    pg_one "create database $db owner root" || die "cannot create database $db"
    done_things+=("created database $db")
  fi
done

# --- 3. Redis ---------------------------------------------------------------------------------
RCLI=(redis-cli -h 127.0.0.1 -p $REDIS_PORT)
redis_up() { [ "$("${RCLI[@]}" ping 2>/dev/null)" = PONG ]; }
if ! redis_up; then
  need_root "start Redis"
  mkdir -p "$STATE/redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no \
    --maxmemory-policy noeviction --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" \
    --logfile "$STATE/redis/redis.log" >>"$LOG" 2>&1 || die "redis-server failed to start"
  wait_for redis_up || die "Redis does not answer on :$REDIS_PORT"
  done_things+=("started Redis")
fi
# BullMQ loses jobs under any eviction policy; this is the one setting we enforce on a running Redis.
policy=$("${RCLI[@]}" config get maxmemory-policy | sed -n 2p)
if [ "$policy" != noeviction ]; then
  "${RCLI[@]}" config set maxmemory-policy noeviction >/dev/null || die "cannot set Redis maxmemory-policy"
  done_things+=("set Redis maxmemory-policy noeviction (was $policy)")
fi

# --- 4. Dovecot: standalone instance, its own base_dir, config and users in $DOVECOT_DIR ----------
imap_login_ok() { tcp_talk $IMAP_PORT 'a login test@example.test secret\r\na logout\r\n' | grep -q '^a OK'; }
# Any user@mailtest.example.test (password secret) exists: each email test file gets a fresh mailbox.
test_users_ok() { tcp_talk $IMAP_PORT 'a login probe@mailtest.example.test secret\r\nb logout\r\n' | grep -q '^a OK'; }
lmtp_up() { tcp_talk $LMTP_PORT 'QUIT\r\n' | grep -q '^220 '; }
# A real delivery to a throw-away test mailbox: LMTP answers 250 for the recipient after DATA.
lmtp_delivers() {
  tcp_talk $LMTP_PORT 'LHLO services-up\r\nMAIL FROM:<probe@services-up>\r\nRCPT TO:<probe@mailtest.example.test>\r\nDATA\r\nSubject: probe\r\n\r\nservices-up probe\r\n.\r\nQUIT\r\n' |
    grep -q '^250 .*Saved\|^250 2\.0\.0 <probe@mailtest.example.test>'
}
# The Dovecot this checkout started, from its own base_dir's pidfile (never a machine-wide one).
dovecot_pid() {
  local pid
  pid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null) || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dovecot ] && echo "$pid"
}
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
if imap_login_ok && test_users_ok && lmtp_up; then
  : # an instance is serving (perhaps another checkout's): leave it alone
else
  need_root "start Dovecot"
  if ! dovecot_pid >/dev/null; then
    for port in $IMAP_PORT $LMTP_PORT; do
      port_open "$port" && die "port $port is held by a process this script did not start and it does not answer as the test Dovecot should (IMAP login test@example.test/secret, LMTP delivery); stop it or free the port"
    done
  fi
  mkdir -p "$DOVECOT_DIR/state" "$MAILROOT"
  chmod 755 "$DOVECOT_DIR" "$(dirname "$DOVECOT_DIR")"
  chown mail:mail "$MAILROOT"
  cat >"$DOVECOT_DIR/dovecot.conf.new" <<EOF
# Written by scripts/services-up.sh: a loopback-only Dovecot for tests and the demo.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $DOVECOT_BASE
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = $(id -u mail)
mail_location = maildir:$MAILROOT/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_DIR/users
}
passdb {
  driver = static
  args = password=secret
  username_filter = *@mailtest.example.test
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$MAILROOT/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
EOF
  mv "$DOVECOT_DIR/dovecot.conf.new" "$DOVECOT_DIR/dovecot.conf"
  [ -f "$DOVECOT_DIR/users" ] || echo 'test@example.test:{PLAIN}secret' >"$DOVECOT_DIR/users"
  if pid=$(dovecot_pid); then
    # Ours is running but not answering as configured (config or users changed): stop, start afresh.
    kill "$pid"
    wait_for bash -c "! kill -0 $pid 2>/dev/null" || die "Dovecot (pid $pid) did not stop"
  fi
  dovecot -c "$DOVECOT_DIR/dovecot.conf" >>"$LOG" 2>&1 || die "dovecot failed to start (see $DOVECOT_DIR/dovecot.log)"
  wait_for imap_login_ok || die "Dovecot does not accept an IMAP login on :$IMAP_PORT (see $DOVECOT_DIR/dovecot.log)"
  wait_for test_users_ok || die "Dovecot does not accept the *@mailtest.example.test test users (see $DOVECOT_DIR/dovecot.log)"
  wait_for lmtp_up || die "Dovecot LMTP does not answer on :$LMTP_PORT"
  done_things+=("started Dovecot")
fi

# --- 5. final check and the one summary line --------------------------------------------------
pg_trusts || die "PostgreSQL on :$PGPORT does not accept postgres@127.0.0.1"
redis_up || die "Redis on :$REDIS_PORT does not answer PING"
imap_login_ok || die "Dovecot on :$IMAP_PORT refuses the IMAP login of test@example.test"
test_users_ok || die "Dovecot on :$IMAP_PORT refuses the *@mailtest.example.test test users"
lmtp_delivers || die "Dovecot LMTP on :$LMTP_PORT does not accept a delivery to a test mailbox"
[ -x "$CHROMIUM" ] || die "$CHROMIUM is missing"
summary="services up: postgres $PGVER :$PGPORT (dbs test, orderdesk), redis :$REDIS_PORT (noeviction), imap :$IMAP_PORT, lmtp :$LMTP_PORT, $CHROMIUM"
if [ ${#done_things[@]} -eq 0 ]; then
  echo "$summary; nothing changed"
else
  echo "$summary; $(IFS=';'; echo "${done_things[*]}" | sed 's/;/; /g')"
fi
