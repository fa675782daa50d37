#!/usr/bin/env bash
# A throwaway Dovecot IMAP server on loopback for the mail tests.
#   scripts/test-dovecot.sh start DIR PORT   writes DIR/dovecot.conf (user test / password test) and starts it
#   scripts/test-dovecot.sh stop DIR         stops it
# Dovecot will not run its login or mail processes as root: they run as dovenull and dovecot,
# mail is owned by dovecot, and DIR is made enterable for them.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}

case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir/run" "$dir/state" "$dir/mail"
    chmod 755 "$dir" "$dir/run" "$dir/state"
    chown dovecot:dovecot "$dir/mail"
    printf 'test:{PLAIN}test::::::\n' > "$dir/users"
    chmod 644 "$dir/users"
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u
mail_uid = dovecot
mail_gid = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
    # The daemon must not hold on to the caller's output: its own log gets everything.
    dovecot -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.log" 2>&1
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exit 0; fi
      sleep 0.1
    done
    echo "dovecot did not start on port $port; its log:" >&2
    cat "$dir/dovecot.log" >&2 || true
    exit 1
    ;;
  stop)
    pid=$(cat "$dir/run/master.pid" 2>/dev/null || true)
    doveadm -c "$dir/dovecot.conf" stop 2>/dev/null || true
    [ -n "$pid" ] || exit 0
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || exit 0
      sleep 0.1
    done
    # Still there after 5 s: it goes anyway.
    kill -KILL "$pid" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
