#!/bin/bash
# Healthy when the IMAP port answers with Dovecot's greeting ("* OK ...").
exec 3<>/dev/tcp/127.0.0.1/143 || exit 1
IFS= read -r -t 5 greeting <&3 || exit 1
[[ "$greeting" == "* OK"* ]]
