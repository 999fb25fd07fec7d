package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Expected replies made from golden ones by replacing exactly the per-run fields (sealed references, context
 * tokens, lifetimes), plus readers for the token formats those fields hold. Everything not replaced stays
 * upstream's, so comparing whole records checks every other byte.
 */
final class Golden {

    /** MIT's {@code gss_export_sec_context} framing: BE32 OID length 9, then the krb5 OID. */
    static final byte[] MIT_EXPORT_PREFIX = {0, 0, 0, 9, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12,
            0x01, 0x02, 0x02};
    static final int AP_REQ = 0x0100;
    static final int AP_REP = 0x0200;

    private Golden() {}

    /** The golden ACQUIRE_CRED reply record with {@code reference} in place of upstream's encrypted one. */
    static byte[] withReference(byte[] goldenReply, Opaque reference) {
        return withCred(goldenReply, reference, Optional.empty());
    }

    /**
     * The golden ACQUIRE_CRED reply record with {@code reference} and, if given, the first element's
     * {@code initiator_time_rec} replaced.
     */
    static byte[] withCred(byte[] goldenReply, Opaque reference, Optional<Long> initiatorTimeRec) {
        ResAcquireCred golden = Wire.results(goldenReply, Procedure.ACQUIRE_CRED, ResAcquireCred.class);
        GssxCred g = golden.outputCredHandle().orElseThrow();
        List<CredElement> elements = g.elements().stream().map(e -> new CredElement(e.mn(), e.mech(),
                e.credUsage(), initiatorTimeRec.orElse(e.initiatorTimeRec()), e.acceptorTimeRec(), e.options()))
                .toList();
        ResAcquireCred expected = new ResAcquireCred(golden.status(), Optional.of(new GssxCred(g.desiredName(),
                elements, reference, g.needsRelease())), golden.options());
        return Wire.replyRecord(Wire.xid(goldenReply), Procedure.ACQUIRE_CRED, expected);
    }

    /**
     * Upstream's context {@code golden} with this run's token, name and lifetime, and this run's {@code state}: a
     * deliberate difference, where gssproxy4j returns its sealed copy of a complete MIT context (the only form its
     * per-message procedures import) and upstream nothing.
     */
    static GssxCtx context(GssxCtx golden, GssxCtx ours, GssxName src, long lifetime) {
        return new GssxCtx(ours.exportedContextToken(), ours.state(), golden.needsRelease(), golden.mech(), src,
                golden.targName(), lifetime, golden.ctxFlags(), golden.locallyInitiated(), golden.open(),
                golden.options());
    }

    /** The RFC 2743 section 3.1 token id after the framed krb5 OID ({@link #AP_REQ}, {@link #AP_REP}). */
    static int tokId(byte[] token) {
        assertEquals(0x60, token[0] & 0xff, "an RFC 2743 framed token");
        int header = (token[1] & 0x80) == 0 ? 2 : 2 + (token[1] & 0x7f);
        assertArrayEquals(new byte[] {6, 9}, Arrays.copyOfRange(token, header, header + 2), "a 9-byte OID");
        int at = header + 11;
        return ((token[at] & 0xff) << 8) | (token[at + 1] & 0xff);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A little-endian (host order on x86-64, as in linux_lucid_v1) u32. */
    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
