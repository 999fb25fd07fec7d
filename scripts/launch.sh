# Sourced by ./gssproxy4j and by the package's /usr/sbin/gssproxy4j (scripts/package): what both launchers do alike,
# so that the installed command behaves as the checkout's. Needs scripts/jdk.sh sourced first.

# Sets the array gssproxy4j_args to the command line to run. $1: the name the launcher was invoked as; the rest: its
# arguments. Invoked as "gssproxy" (a symlink, e.g. in a unit written for upstream), it is the daemon: serve ARGS.
gssproxy4j_launch_args() {
  local name
  name=$(basename "$1")
  shift
  gssproxy4j_args=("$@")
  if [ "$name" = gssproxy ]; then gssproxy4j_args=(serve "$@"); fi
}

# Sets the array gssproxy4j_jvm to the daemon's JVM options (gssproxy4j_daemon_jvm_options), which go before
# GSSPROXY4J_JAVA_OPTS on the command line. $1: the directory that holds scripts/daemon-jvm-options. The collector is
# left out when GSSPROXY4J_JAVA_OPTS names one, since the JVM refuses two.
gssproxy4j_launch_jvm_options() {
  local collector=""
  if [[ " ${GSSPROXY4J_JAVA_OPTS:-} " == *" -XX:+Use"*"GC "* ]]; then collector=no-collector; fi
  mapfile -t gssproxy4j_jvm < <(gssproxy4j_daemon_jvm_options "$1" "$collector")
}
