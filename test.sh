#!/usr/bin/env bash
# Runs every test of gssproxy4j (unit, golden-vector, real-KDC and real-client integration) with a JDK >= 25.
# Integration tests need Debian's krb5-kdc krb5-user krb5-admin-server gssproxy krb5-gss-samples (.ci/run installs them).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=scripts/jdk.sh
source "$root/scripts/jdk.sh"
gssproxy4j_select_jdk || exit 1
cd "$root"
exec "${MVN:-mvn}" -B -ntp install "$@"
