#!/usr/bin/env bash
# A private Postfix instance for edm's tests: its own config, queue and log under DIR, smtpd on
# 127.0.0.1:PORT (never port 25, never the system instance). STARTTLS with CERT/KEY; AUTH PLAIN/LOGIN only
# after TLS (cyrus sasldb in DIR: tester@edm.test / secret); relaying only when authenticated;
# smtpd_forbid_bare_newline = yes with no exclusions; every accepted message is put on HOLD, so it stays
# in DIR/queue/hold where `postcat` can read it. Needs root and Debian's postfix, sasl2-bin, libsasl2-modules.
# With EDM_POSTFIX_DISCARD=1 messages are not held but discarded (benchmarks).
# Usage: postfix-smtpd.sh start DIR PORT CERT KEY  |  postfix-smtpd.sh stop DIR
set -euo pipefail
cmd=$1 dir=$2
if [ "$cmd" = stop ]; then
    postfix -c "$dir/etc" stop >/dev/null 2>&1 || true
    exit 0
fi
port=$3 cert=$4 key=$5
for tool in postfix postconf saslpasswd2; do
    command -v "$tool" >/dev/null || { echo "error: $tool missing: run scripts/install-test-deps" >&2; exit 69; }
done
[ -e /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so ] || ls /usr/lib/*/sasl2/libsasldb.so >/dev/null 2>&1 ||
    { echo "error: libsasl2-modules missing: run scripts/install-test-deps" >&2; exit 69; }

mkdir -p "$dir/etc/sasl" "$dir/queue" "$dir/data"
install -m 644 "$cert" "$dir/etc/cert.pem"
install -m 600 "$key" "$dir/etc/key.pem"
master=/etc/postfix/master.cf
[ -e "$master" ] || master=/usr/share/postfix/master.cf.dist
cp "$master" "$dir/etc/master.cf"
: > "$dir/etc/main.cf"
chown postfix "$dir/data"
printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nmech_list: PLAIN LOGIN\nsasldb_path: %s\n' \
    "$dir/etc/sasl/sasldb2" > "$dir/etc/sasl/smtpd.conf"
echo secret | saslpasswd2 -f "$dir/etc/sasl/sasldb2" -p -c -u edm.test tester
chown postfix "$dir/etc/sasl/sasldb2"
chmod 755 "$dir" "$dir/etc" "$dir/etc/sasl"

pc() { postconf -c "$dir/etc" "$@"; }
pc -e "compatibility_level = 3.6" "queue_directory = $dir/queue" "data_directory = $dir/data" \
    "mail_owner = postfix" "setgid_group = postdrop" "syslog_name = postfix-edm-test" \
    "maillog_file_prefixes = $dir" "maillog_file = $dir/maillog" "myhostname = postfix.edm.test" "mydomain = edm.test" \
    "inet_interfaces = 127.0.0.1" "inet_protocols = ipv4" "mydestination =" "relayhost =" \
    "mynetworks = 127.0.0.1/32" "alias_maps =" "alias_database =" \
    "smtpd_tls_cert_file = $dir/etc/cert.pem" "smtpd_tls_key_file = $dir/etc/key.pem" \
    "smtpd_tls_security_level = may" "smtpd_tls_auth_only = yes" \
    "smtpd_sasl_auth_enable = yes" "smtpd_sasl_type = cyrus" "smtpd_sasl_path = smtpd" \
    "cyrus_sasl_config_path = $dir/etc/sasl" "smtpd_sasl_local_domain = edm.test" \
    "smtpd_relay_restrictions = permit_sasl_authenticated, reject" \
    "smtpd_recipient_restrictions = $([ "${EDM_POSTFIX_DISCARD:-}" = 1 ] && echo permit || echo 'check_recipient_access static:HOLD')" \
    "smtpd_forbid_bare_newline = yes" "smtpd_forbid_bare_newline_exclusions =" \
    "smtpd_forbid_bare_newline_reject_code = 554" \
    "message_size_limit = 10240000" "smtputf8_enable = yes" \
    "default_transport = discard" "relay_transport = discard" "local_transport = discard"
# The default "smtp inet" service would bind port 25; replace it by one on the test port, and run nothing
# chrooted (the chroot would need copies of system files).
pc -M# smtp/inet
pc -M "127.0.0.1:$port/inet=127.0.0.1:$port inet n - n - - smtpd"
pc -F '*/*/chroot = n'
postfix -c "$dir/etc" check >/dev/null 2>&1 || true
# Started from a test runner, we may inherit a blocked signal mask; master must get SIGTERM from "stop".
unblock='import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execvp(sys.argv[1], sys.argv[1:])'
python3 -c "$unblock" postfix -c "$dir/etc" start
