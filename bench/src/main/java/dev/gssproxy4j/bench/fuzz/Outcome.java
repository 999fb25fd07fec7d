package dev.gssproxy4j.bench.fuzz;

/**
 * How the daemon answered one input, by name only: {@code GSS GSS_S_DEFECTIVE_TOKEN}, {@code RPC GARBAGE_ARGS},
 * {@code CLOSED}, {@code TIMEOUT}... The histogram of a run counts these labels.
 *
 * @param kind  what kind of answer it was, which decides whether it is a finding
 * @param label the histogram key
 */
record Outcome(Kind kind, String label) {

    enum Kind {
        /** An RPC SUCCESS reply; the label names the GSS major status. */
        GSS,
        /** An RPC-level refusal other than SYSTEM_ERR (GARBAGE_ARGS, PROC_UNAVAIL, AUTH_ERROR...). */
        RPC,
        /** MSG_ACCEPTED / SYSTEM_ERR: the daemon failed on its own side; always a finding. */
        SYSTEM_ERR,
        /** The connection was closed or refused without a reply. */
        CLOSED,
        /** No reply within the call timeout. */
        TIMEOUT,
        /** A reply that does not decode as the call's results, or answers another xid. */
        MALFORMED
    }

    static Outcome gss(String majorName) {
        return new Outcome(Kind.GSS, "GSS " + majorName);
    }

    static Outcome rpc(String status) {
        return new Outcome(status.endsWith("SYSTEM_ERR") ? Kind.SYSTEM_ERR : Kind.RPC, "RPC " + status);
    }

    static Outcome closed(String why) {
        return new Outcome(Kind.CLOSED, "CLOSED" + (why.isEmpty() ? "" : " (" + why + ")"));
    }

    static Outcome timeout() {
        return new Outcome(Kind.TIMEOUT, "TIMEOUT");
    }

    static Outcome malformed(String why) {
        return new Outcome(Kind.MALFORMED, "MALFORMED REPLY (" + why + ")");
    }
}
