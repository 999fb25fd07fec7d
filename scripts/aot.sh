# Sourced by ./gssproxy4j and bench/run: the JDK's AOT cache (JEP 483/514) for start-up. A cache records the
# classes a run loads and links; the daemon then starts from it. Measured with bench/run loadgen (time from launch
# until the socket accepts on the 2-core VM): 489 -> 383 ms median on 2026-11-26; on 2026-12-03, 486/697 ms with and
# 769/660 ms without (docs/BENCHMARKS.md, "Footprint"): worth keeping, no longer a clear win.
# Recorded from `demo --check`, which runs the daemon in-process and proves one accept through it, with the same
# JVM options the daemon runs with (a cache made with other options is not used). The demo's own jar (its embedded
# KDC) is loaded by the CLI in a class loader of its own, so the cache holds the classes of the daemon's class path
# (cli/target/gssproxy4j.jar and its lib/), which every start loads, and none of the demo's; the JVM refuses a cache
# recorded under another class path. Set GSSPROXY4J_AOT=0 to neither record nor use it.

gssproxy4j_aot_file() { # $1: checkout root
  echo "$1/cli/target/gssproxy4j.aot"
}

gssproxy4j_demo_jar() { # $1: checkout root
  echo "$1/demo/target/gssproxy4j-demo.jar"
}

# $1: checkout root; the rest: the JVM options the daemon runs with (before -jar). Records the cache unless one
# (or a failed attempt) is newer than the jar and was made with the same options: once per build and option set.
gssproxy4j_aot_ensure() {
  local root=$1 aot jar
  shift
  [ "${GSSPROXY4J_AOT:-1}" != 0 ] || return 0
  aot=$(gssproxy4j_aot_file "$root")
  jar="$root/cli/target/gssproxy4j.jar"
  # the options are part of the cache's identity: the JVM silently ignores a cache recorded under other ones
  if [ "$(cat "$aot.options" 2>/dev/null)" = "$*" ]; then
    if [ -f "$aot" ] && [ "$aot" -nt "$jar" ]; then return 0; fi
    if [ -f "$aot.failed" ] && [ "$aot.failed" -nt "$jar" ]; then return 0; fi
  fi
  echo "gssproxy4j: recording the start-up cache (AOT, once per build, about 10 s)..." >&2
  rm -f "$aot" "$aot.failed" 2>/dev/null || true
  printf '%s' "$*" > "$aot.options" 2>/dev/null || true
  if ! "$JAVA_HOME/bin/java" "$@" -XX:AOTCacheOutput="$aot" "-Dgssproxy4j.demo.jar=$(gssproxy4j_demo_jar "$root")" \
      -jar "$jar" demo --check >"$root/cli/aot.log" 2>&1 \
      || [ ! -f "$aot" ]; then
    rm -f "$aot" 2>/dev/null || true
    touch "$aot.failed" 2>/dev/null || true # a checkout we cannot write to: try again next time
    echo "gssproxy4j: could not record the start-up cache (see $root/cli/aot.log); running without it" >&2
  fi
}

# $1: checkout root. Prints the options that start from the cache if it is newer than the jar, else nothing. The
# JVM's own notes about a cache it cannot use (another JDK, other options) are silenced: it then starts as without.
gssproxy4j_aot_options() {
  local aot
  aot=$(gssproxy4j_aot_file "$1")
  if [ "${GSSPROXY4J_AOT:-1}" != 0 ] && [ -f "$aot" ] && [ "$aot" -nt "$1/cli/target/gssproxy4j.jar" ]; then
    echo "-XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"
  fi
}
