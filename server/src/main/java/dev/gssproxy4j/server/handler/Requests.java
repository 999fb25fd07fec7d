package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.ChannelBindings;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.InputChecks;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.handler.accept.ExportTypes;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Optional;
import java.util.Set;

/** Small request checks and statuses the handlers of this package share. */
final class Requests {

    private Requests() {}

    /**
     * The mechanism OID a client sent in {@code field}; empty for GSS_C_NO_OID (no bytes).
     *
     * @throws GssException GSS_S_BAD_MECH for bytes that are not DER OID content
     */
    static Optional<Oid> mech(Opaque bytes, String field) {
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(InputChecks.oid(bytes.toByteArray(), field, MajorStatus.GSS_S_BAD_MECH));
    }

    /**
     * Whether the per-message caller asked, with {@code call_ctx} option {@code gssproxy4j.sealed_only=1}, for the
     * updated context without MIT's clear token (docs/PROTOCOL.md).
     *
     * @throws GssException GSS_S_FAILURE with minor EINVAL for another value, as for upstream's call_ctx options
     */
    static boolean sealedOnly(CallCtx callCtx) {
        return ExportTypes.sealedOnly(callCtx).orElseThrow(() -> GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EINVAL,
                null, ExportTypes.problem(callCtx)));
    }

    /**
     * GSS_S_UNAVAILABLE with minor EOPNOTSUPP and {@code explanation} as the minor text, for procedures that
     * neither gssproxy4j nor upstream gssproxy implement.
     */
    static GssException unavailable(String explanation) {
        return GssErrors.withText(MajorStatus.GSS_S_UNAVAILABLE, Errno.EOPNOTSUPP, explanation);
    }

    /**
     * A client's 64-bit {@code gssx_qop} as the library's 32-bit {@code gss_qop_t}.
     *
     * @throws GssException GSS_S_BAD_QOP with minor EINVAL for a value that does not fit in 32 bits (it cannot name
     *                      a QOP)
     */
    static int qop(long qop) {
        if (qop < 0 || qop > 0xffffffffL) {
            throw GssErrors.withText(MajorStatus.GSS_S_BAD_QOP, Errno.EINVAL, "qop " + Long.toUnsignedString(qop)
                    + " does not fit in 32 bits; send 0 (GSS_C_QOP_DEFAULT)");
        }
        return (int) qop;
    }

    /**
     * The status of a per-message call that succeeded with supplementary information (RFC 2743 section 1.2.1.1,
     * e.g. GSS_S_DUPLICATE_TOKEN): those bits as the major, with their display text; GSS_S_COMPLETE without any.
     */
    static GssxStatus supplementary(Gss gss, Set<MajorStatus> bits) {
        long major = 0;
        for (MajorStatus bit : bits) {
            major |= bit.value();
        }
        if (major == 0) {
            return GssxStatus.COMPLETE;
        }
        return GssxStatus.of(major, Opaque.EMPTY, 0, gss.displayStatus(major, 0, null).majorMessage(), "");
    }

    /**
     * A client's {@code gssx_cb} as the C API's channel bindings.
     *
     * @throws GssException GSS_S_BAD_BINDINGS for an address type over 32 bits
     */
    static ChannelBindings bindings(GssxCb cb) {
        return new ChannelBindings(InputChecks.addressType(cb.initiatorAddrtype(), "initiator_addrtype"),
                cb.initiatorAddress().toByteArray(),
                InputChecks.addressType(cb.acceptorAddrtype(), "acceptor_addrtype"),
                cb.acceptorAddress().toByteArray(), cb.applicationData().toByteArray());
    }
}
