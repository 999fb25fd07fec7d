package dev.gssproxy4j.bench;

/**
 * Where the accept side of an operation runs: through a GSS-Proxy socket ({@link ProxyPath}) or in this process
 * with the keytab ({@link InProcessPath}, the no-proxy floor).
 */
public interface AcceptPath {

    /** For reports: {@code upstream}, {@code gssproxy4j}, {@code floor}, or a socket path. */
    String name();

    /** Sets up one client: a connection and an acceptor credential, as one web-server process would hold. */
    Worker open();

    /** One client's state; used by one thread. */
    interface Worker extends AutoCloseable {

        /**
         * One whole operation: accept {@code token}'s AP-REQ, then unwrap its message with the resulting context
         * and check the plaintext.
         *
         * @return the time the accept step took, in nanoseconds (for the proxy: the ACCEPT_SEC_CONTEXT round trip)
         * @throws OperationFailed if any step failed
         */
        long run(Token token);

        @Override
        void close();
    }

    /** A failed operation; {@link #fatal()} when the worker cannot go on (its connection is gone). */
    final class OperationFailed extends RuntimeException {
        private final boolean fatal;

        public OperationFailed(String message, boolean fatal, Throwable cause) {
            super(message, cause);
            this.fatal = fatal;
        }

        public boolean fatal() {
            return fatal;
        }
    }
}
