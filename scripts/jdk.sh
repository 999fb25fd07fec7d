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

# Prints, one per line, the JVM options the daemon runs with: native access (FFM) and sun.nio.ch (peer
# credentials), then scripts/daemon-jvm-options without comments. $1: checkout root; $2 "no-collector" leaves out
# the collector (when other options name one: the JVM refuses two).
gssproxy4j_daemon_jvm_options() {
  local option
  printf '%s\n' --enable-native-access=ALL-UNNAMED --add-exports java.base/sun.nio.ch=ALL-UNNAMED
  while IFS= read -r option; do
    case "$option" in ''|'#'*) continue ;; esac
    if [[ ${2:-} == no-collector && $option == -XX:+Use*GC ]]; then continue; fi
    printf '%s\n' "$option"
  done < "$1/scripts/daemon-jvm-options"
}
