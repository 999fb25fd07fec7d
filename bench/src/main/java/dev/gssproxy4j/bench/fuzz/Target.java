package dev.gssproxy4j.bench.fuzz;

/**
 * The daemon sockets a call can go to, one per service of {@link FuzzConfig}: the same bytes mean different things
 * to an acceptor, an initiator and a trusted (kernel) service, so a seed keeps the socket it was made for.
 */
enum Target {
    /** {@code cred_store = keytab:} for host/ and nfs/localhost; the main socket. */
    ACCEPTOR("gp.sock"),
    /** {@code cred_store = client_keytab:} with alice's keys, {@code cred_usage = initiate}. */
    INITIATOR("init.sock"),
    /** {@code trusted = yes} with the nfs keytab, as {@code nfs-server} in upstream's examples (root only). */
    TRUSTED("nfs.sock");

    private final String socketName;

    Target(String socketName) {
        this.socketName = socketName;
    }

    /** The socket's file name inside the daemon's directory. */
    String socketName() {
        return socketName;
    }
}
