package dev.gssproxy4j.bench;

import dev.gssproxy4j.mech.ContextFlag;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The client side of the benchmark: MIT {@code gss_init_sec_context} for {@code service} with the credentials of
 * one ccache (alice's TGT plus, after the first call, the cached service ticket, so later calls never reach the
 * KDC), then {@code gss_wrap} of a message with the new context.
 *
 * <p>Requested flags: CONF, INTEG, REPLAY and SEQUENCE, but not MUTUAL. Without mutual authentication the AP-REQ
 * completes the context on both sides in one leg, so the initiator can wrap before the acceptor answers and each
 * token is independent of the run. The acceptor therefore skips building an AP-REP (one small encryption).
 *
 * @param ccache  the initiator's credential cache, e.g. {@code FILE:/tmp/realm/alice.ccache}
 * @param service the acceptor as a host-based service name, e.g. {@code HTTP@localhost}
 */
public record Initiator(String ccache, String service) {

    static final int REQ_FLAGS = ContextFlag.mask(EnumSet.of(ContextFlag.CONF, ContextFlag.INTEG,
            ContextFlag.REPLAY, ContextFlag.SEQUENCE));
    private static final byte[] MESSAGE_PREFIX =
            "GET /index.html HTTP/1.1 - gssproxy4j bench payload, sequence ".getBytes(StandardCharsets.US_ASCII);

    private static GssCred acquire(String ccache) {
        return Gss.get().acquireCred(null, Gss.LIFETIME_DEFAULT, List.of(Oid.KRB5), CredUsage.INITIATE,
                Map.of("ccache", ccache));
    }

    /** One thread's handles: the credential from {@link #ccache} and the imported target name. */
    public final class Session implements AutoCloseable {
        private final GssCred cred;
        private final GssName target;

        private Session() {
            this.cred = acquire(ccache);
            try {
                this.target = Gss.get().importName(service, Oid.NT_HOSTBASED_SERVICE);
            } catch (RuntimeException e) {
                cred.close();
                throw e;
            }
        }

        /** A fresh AP-REQ and the wrap of message number {@code sequence}. May block on the first call (TGS). */
        public Token next(long sequence) {
            Gss gss = Gss.get();
            InitResult init = gss.initSecContext(cred, null, target, Oid.KRB5, REQ_FLAGS, 0, null, null);
            try (SecContext context = init.context()) {
                if (init.continueNeeded()) {
                    throw new IllegalStateException("gss_init_sec_context wants another leg although MUTUAL was not"
                            + " requested; the benchmark needs one-leg contexts");
                }
                byte[] plaintext = message(sequence);
                return new Token(init.outputToken(), context.wrap(true, 0, plaintext).token(), plaintext);
            }
        }

        @Override
        public void close() {
            target.close();
            cred.close();
        }
    }

    /** Acquires this thread's handles; close them when done. */
    public Session open() {
        return new Session();
    }

    private static byte[] message(long sequence) {
        byte[] digits = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[MESSAGE_PREFIX.length + digits.length];
        System.arraycopy(MESSAGE_PREFIX, 0, message, 0, MESSAGE_PREFIX.length);
        System.arraycopy(digits, 0, message, MESSAGE_PREFIX.length, digits.length);
        return message;
    }
}
