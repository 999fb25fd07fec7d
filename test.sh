#!/usr/bin/env bash
# Runs every test of gssproxy4j (unit, golden-vector, real-KDC and real-client integration) with a JDK >= 25.
# The integration tests need the Debian packages listed in scripts/test-packages: run as root, test.sh installs the
# missing ones; otherwise it stops at once with one line naming them and the command that installs them.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
# shellcheck source=scripts/packages.sh
source "$root/scripts/packages.sh"
gssproxy4j_ensure_test_packages "$root" test.sh || exit 1
# shellcheck source=scripts/jdk.sh
source "$root/scripts/jdk.sh"
gssproxy4j_select_jdk || exit 1
cd "$root"
exec "${MVN:-mvn}" -B -ntp install "$@"
