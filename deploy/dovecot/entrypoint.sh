#!/bin/sh
# Writes the one mailbox's entry (password hashed, never stored in clear) and runs
# Dovecot in the foreground. Refuses to start without a password.
set -eu
: "${DOVECOT_INTAKE_PASSWORD:?set DOVECOT_INTAKE_PASSWORD in .env to use the mail profile}"
user=${DOVECOT_INTAKE_USER:-intake}
case "$user" in
  *[!a-z0-9._-]*|"") echo "DOVECOT_INTAKE_USER: lower-case letters, digits, . _ - only" >&2; exit 2 ;;
esac
hash=$(doveadm -c /etc/dovecot/zeef.conf pw -s SHA512-CRYPT -p "$DOVECOT_INTAKE_PASSWORD")
umask 027
printf '%s:%s:5000:5000::/var/mail/%s\n' "$user" "$hash" "$user" > /etc/dovecot/users
chgrp dovecot /etc/dovecot/users
mkdir -p "/var/mail/$user"
chown vmail:vmail /var/mail "/var/mail/$user"
exec dovecot -F -c /etc/dovecot/zeef.conf
