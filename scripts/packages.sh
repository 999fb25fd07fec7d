# Sourced by ./test.sh: the Debian packages the integration tests need (listed in scripts/test-packages).

# $1: checkout root. Prints the listed packages that are not installed, one per line. dpkg-query honours
# DPKG_ADMINDIR, which the test of this check points at an empty database.
gssproxy4j_missing_packages() {
  local package
  while IFS= read -r package; do
    case "$package" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || echo "$package"
  done < "$1/scripts/test-packages"
}

# $1: checkout root; $2: the name to report as. Installs the missing packages when run as root; otherwise prints
# one line naming them and the command that installs them, and fails.
gssproxy4j_ensure_test_packages() {
  local missing
  if ! command -v dpkg-query >/dev/null; then
    echo "$2: not a Debian system (no dpkg-query): the integration tests need the programs of the packages in" \
      "scripts/test-packages" >&2
    return 0
  fi
  missing=$(gssproxy4j_missing_packages "$1" | tr '\n' ' ' | sed 's/ $//')
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$2: the integration tests need Debian packages that are not installed: $missing; install them with" \
      "\`sudo apt-get install -y $missing\` (or run $2 as root, which does)" >&2
    return 1
  fi
  echo "$2: installing $missing (needed by the integration tests)" >&2
  # The packages start their own KDC, slapd and gssproxy services where systemd runs; the tests start their own.
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/dev/null; then
    echo "$2: could not install $missing with apt-get (see its messages above)" >&2
    return 1
  fi
}
