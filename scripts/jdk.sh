# Sourced by ./gssproxy4j, ./test.sh and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Honours JAVA_HOME when it qualifies, else picks the newest qualifying JDK under /usr/lib/jvm.

gssproxy4j_java_feature() { # prints the feature release of the JDK at $1, or nothing
  local release="$1/release"
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

gssproxy4j_select_jdk() {
  local min=25 candidate feature best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    feature=$(gssproxy4j_java_feature "$JAVA_HOME")
    if [ -n "$feature" ] && [ "$feature" -ge "$min" ]; then export JAVA_HOME; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -L "$candidate" ] && continue
    feature=$(gssproxy4j_java_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$min" ] && [ "$feature" -gt "$best_feature" ]; then
      best=$candidate; best_feature=$feature
    fi
  done
  if [ -z "$best" ]; then
    echo "gssproxy4j: no JDK $min or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)." >&2
    echo "gssproxy4j: install one (e.g. Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64) or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

# Prints a directory for the JVM's crash reports that only the current user can open, never the working directory.
# A crash report (hs_err_pid*.log; replay_pid*.log for a JIT crash) holds registers, stack and memory words near them,
# which may be key bytes, plus the environment; the JVM creates it with mode 0666 minus the umask (0644 under
# systemd), and writes it to the working directory unless told otherwise, so the directory is what keeps it private.
# Candidates, first usable wins: $GSSPROXY4J_CRASH_DIR (default /var/lib/gssproxy/crash-reports, next to upstream's
# state), then ${TMPDIR:-/tmp}/gssproxy4j-crash-UID. Each is created 0700 if its parent is writable, and used only if
# it is then a directory, not a symlink, owned by us, mode 0700 (in a shared /tmp another user may have created the
# name first). Else a fresh private mktemp directory.
gssproxy4j_crash_dir() {
  local dir
  for dir in "${GSSPROXY4J_CRASH_DIR:-/var/lib/gssproxy/crash-reports}" "${TMPDIR:-/tmp}/gssproxy4j-crash-$(id -u)"; do
    [ -d "$(dirname "$dir")" ] && [ -w "$(dirname "$dir")" ] || continue
    mkdir -m 0700 "$dir" 2>/dev/null || true
    [ -d "$dir" ] && [ ! -L "$dir" ] && [ -O "$dir" ] || continue
    chmod 0700 "$dir" 2>/dev/null || continue # ours: narrow it if an older run or a hand left it wider
    [ "$(stat -c %a "$dir")" = 700 ] && { echo "$dir"; return 0; }
  done
  mktemp -d "${TMPDIR:-/tmp}/gssproxy4j-crash.XXXXXX"
}

# Prints, one per line, the options that send the JVM's crash reports into gssproxy4j_crash_dir.
gssproxy4j_crash_options() {
  local crash
  crash=$(gssproxy4j_crash_dir) || return 1
  crash=${crash//%/%%} # the JVM expands %p (pid) in these names; a literal % is %%
  printf '%s\n' "-XX:ErrorFile=$crash/hs_err_pid%p.log" "-XX:ReplayDataFile=$crash/replay_pid%p.log"
}

# Prints, one per line, the JVM options the daemon runs with: native access (FFM) and sun.nio.ch (peer
# credentials), gssproxy4j_crash_options, then scripts/daemon-jvm-options without comments. $1: checkout root;
# $2 "no-collector" leaves out the collector (when other options name one: the JVM refuses two).
gssproxy4j_daemon_jvm_options() {
  local option
  printf '%s\n' --enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  gssproxy4j_crash_options || return 1
  while IFS= read -r option; do
    case "$option" in ''|'#'*) continue ;; esac
    if [[ ${2:-} == no-collector && $option == -XX:+Use*GC ]]; then continue; fi
    printf '%s\n' "$option"
  done < "$1/scripts/daemon-jvm-options"
}
