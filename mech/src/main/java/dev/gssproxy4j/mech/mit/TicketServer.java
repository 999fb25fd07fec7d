package dev.gssproxy4j.mech.mit;

import dev.gssproxy4j.mech.Oid;
import java.util.Arrays;
import java.util.Optional;

/**
 * The server principal a krb5 AP-REQ's ticket is for, as the raw DER of the ticket's {@code realm} and
 * {@code sname} fields (both in the clear). MIT's acceptor names the context's target ({@code gss_inquire_context}'s
 * {@code targ_name}) with exactly this principal ({@code ctx->here = ticket->server} in {@code accept_sec_context.c}),
 * so equal keys mean equal target names; two encodings of one principal are merely two keys.
 *
 * <p>Only the RFC 4121 initial context token is recognised: {@code [APPLICATION 0]} with the krb5 mechanism OID,
 * token id {@code 01 00}, then {@code AP-REQ ::= [APPLICATION 14] SEQUENCE {[0] pvno, [1] msg-type,
 * [2] ap-options, [3] Ticket ::= [APPLICATION 1] SEQUENCE {[0] tkt-vno, [1] realm, [2] sname, [3] enc-part}, ...}}.
 * Definite lengths only; anything else has no key. Every length is checked against the token, nothing is copied
 * but the key, and the key is at most {@link #MAX_KEY_BYTES}.
 */
public final class TicketServer {

    /** Realm and sname of a real ticket take well under 1 kB. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final byte[] KRB5_OID = Oid.KRB5.der();

    private final byte[] der;
    private final int hash;

    private TicketServer(byte[] der) {
        this.der = der;
        this.hash = Arrays.hashCode(der);
    }

    /** The ticket server of {@code token}, if it is a krb5 initial context token carrying an AP-REQ. */
    public static Optional<TicketServer> of(byte[] token) {
        Der in = new Der(token);
        if (!in.enter(0x60) || !in.expect(0x06) || in.length != KRB5_OID.length
                || !Arrays.equals(token, in.pos, in.pos + in.length, KRB5_OID, 0, KRB5_OID.length)) {
            return Optional.empty();
        }
        in.skip();
        if (!in.bytes(0x01, 0x00) || !in.enter(0x6e) || !in.enter(0x30)) {
            return Optional.empty();
        }
        for (int field = 0xa0; field <= 0xa2; field++) { // pvno, msg-type, ap-options
            if (!in.expect(field)) {
                return Optional.empty();
            }
            in.skip();
        }
        if (!in.enter(0xa3) || !in.enter(0x61) || !in.enter(0x30) || !in.expect(0xa0)) {
            return Optional.empty();
        }
        in.skip(); // tkt-vno
        int start = in.pos;
        if (!in.expect(0xa1)) {
            return Optional.empty();
        }
        in.skip(); // realm
        if (!in.expect(0xa2)) {
            return Optional.empty();
        }
        in.skip(); // sname
        int end = in.pos;
        if (end - start > MAX_KEY_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new TicketServer(Arrays.copyOfRange(token, start, end)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketServer other && hash == other.hash && Arrays.equals(der, other.der);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TicketServer[" + der.length + " DER bytes]";
    }

    /** A cursor over definite-length DER; after {@link #expect}, {@link #length} is the element's content length. */
    private static final class Der {
        private final byte[] in;
        private int pos;
        private int limit;
        private int length;

        Der(byte[] in) {
            this.in = in;
            this.limit = in.length;
        }

        /** Reads the tag and length of the next element, which must be {@code tag} and fit before the limit. */
        boolean expect(int tag) {
            if (pos >= limit || (in[pos] & 0xff) != tag) {
                return false;
            }
            pos++;
            if (pos >= limit) {
                return false;
            }
            int first = in[pos++] & 0xff;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 3 || limit - pos < octets) {
                    return false; // indefinite, or longer than any token we accept
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (in[pos++] & 0xff);
                }
            }
            return length <= limit - pos;
        }

        /** As {@link #expect}, then continues inside the element (its content becomes the limit). */
        boolean enter(int tag) {
            if (!expect(tag)) {
                return false;
            }
            limit = pos + length;
            return true;
        }

        /** Skips the content of the element just read by {@link #expect}. */
        void skip() {
            pos += length;
        }

        boolean bytes(int a, int b) {
            if (limit - pos < 2 || (in[pos] & 0xff) != a || (in[pos + 1] & 0xff) != b) {
                return false;
            }
            pos += 2;
            return true;
        }
    }
}
