package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of a {@code gssx_OID} (the DER contents octets of an OBJECT IDENTIFIER, RFC 2743 section 3.1): the
 * daemon turns these into MIT {@code gss_OID}s and compares, imports and prints them, so malformed encodings
 * (an arc cut inside its base-128 continuation, {@code 2a 86}), the DER tag left in, non-minimal and overflowing
 * arcs, empty and very long values, and other well-known OIDs in the wrong place (a name type as a mechanism,
 * the uid name types whose buffers MIT reads as binary) are what it must survive.
 */
final class OidMutator {

    /** Every OID the protocol module knows, for "valid but wrong here". */
    private static final List<Opaque> KNOWN = List.of(Oids.KRB5, Oids.KRB5_OLD, Oids.KRB5_WRONG, Oids.IAKERB,
            Oids.SPNEGO, Oids.GSSPROXY_INTERPOSER, Oids.NT_USER_NAME, Oids.NT_MACHINE_UID_NAME,
            Oids.NT_STRING_UID_NAME, Oids.NT_HOSTBASED_SERVICE, Oids.NT_HOSTBASED_SERVICE_X, Oids.NT_ANONYMOUS,
            Oids.NT_EXPORT_NAME, Oids.NT_COMPOSITE_EXPORT, Oids.KRB5_NT_PRINCIPAL_NAME, Oids.KRB5_NT_PRINCIPAL,
            Oids.KRB5_NT_ENTERPRISE_NAME, Oids.KRB5_NT_X509_CERT);

    private OidMutator() {
    }

    static Change mutate(Opaque current, SplittableRandom random) {
        byte[] oid = current.isEmpty() ? Oids.KRB5.toByteArray() : current.toByteArray();
        return switch (random.nextInt(12)) {
            case 0 -> change(new byte[0], "oid-empty");
            case 1 -> change(new byte[] {0x2a, (byte) 0x86}, "oid-2a86");
            case 2 -> change(Arrays.copyOf(oid, 1 + random.nextInt(oid.length)), "oid-cut");
            case 3 -> change(BytesMutator.concat(oid, new byte[] {(byte) 0x80}), "oid-unterminated-arc");
            case 4 -> change(BytesMutator.concat(new byte[] {0x06, (byte) oid.length}, oid), "oid-with-der-tag");
            case 5 -> change(longOid(random), "oid-very-long");
            case 6 -> change(overflowingArc(oid), "oid-arc-overflow");
            case 7 -> change(BytesMutator.randomBytes(random, 1 + random.nextInt(32)), "oid-random");
            case 8 -> change(nonMinimal(oid), "oid-non-minimal-arc");
            case 9 -> change(new byte[] {(byte) random.nextInt(256)}, "oid-one-byte");
            default -> new Change(KNOWN.get(random.nextInt(KNOWN.size())), "oid-other-known");
        };
    }

    /** Up to 64 KiB: either one arc of endless continuation bytes or very many small arcs. */
    private static byte[] longOid(SplittableRandom random) {
        int length = 256 << random.nextInt(9);
        byte[] oid = new byte[length];
        boolean oneArc = random.nextBoolean();
        oid[0] = 0x2a;
        for (int i = 1; i < length; i++) {
            oid[i] = oneArc ? (byte) 0x81 : 0x01;
        }
        oid[length - 1] = 0x01;
        return oid;
    }

    /** The OID with a last arc far larger than 64 bits. */
    private static byte[] overflowingArc(byte[] oid) {
        byte[] huge = new byte[12];
        Arrays.fill(huge, (byte) 0xff);
        huge[huge.length - 1] = 0x7f;
        return BytesMutator.concat(oid, huge);
    }

    /** A leading 0x80 in the second arc: forbidden by X.690 8.19.2, accepted by lax decoders. */
    private static byte[] nonMinimal(byte[] oid) {
        if (oid.length < 2) {
            return new byte[] {0x2a, (byte) 0x80, 0x01};
        }
        byte[] padded = new byte[oid.length + 1];
        padded[0] = oid[0];
        padded[1] = (byte) 0x80;
        System.arraycopy(oid, 1, padded, 2, oid.length - 1);
        return padded;
    }

    private static Change change(byte[] bytes, String what) {
        return new Change(Opaque.of(bytes), what);
    }
}
