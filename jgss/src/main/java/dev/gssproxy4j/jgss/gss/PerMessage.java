package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.jgss.gss.DaemonLink.Resend;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.protocol.proc.ResWrapSizeLimit;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;

/**
 * The per-message calls of RFC 2743 section 2.3, done by the daemon with the handle a {@link ProxyContext} holds:
 * each sends the latest handle and keeps the one an answer carries. A gssproxy4j daemon keeps the context live and
 * sends a fresh sealed copy every few calls (docs/PROTOCOL.md); a daemon that lost the live context (restart)
 * continues from the copy. So a call whose connection broke goes again with the same handle: at worst the
 * restarted daemon's copy is a few messages behind, which the peer sees as repeated sequence numbers, never as a
 * broken context. The caller holds the context's lock.
 */
final class PerMessage {

    /** RFC 2744 supplementary status bits of a per-message result. */
    private static final long DUPLICATE_TOKEN = 1L << 1;
    private static final long OLD_TOKEN = 1L << 2;
    private static final long UNSEQ_TOKEN = 1L << 3;
    private static final long GAP_TOKEN = 1L << 4;

    private PerMessage() {}

    /** GSS_Wrap; {@code prop} carries the requested QOP and confidentiality in and what was applied out. */
    static byte[] wrap(DaemonLink link, HeldHandle held, byte[] message, MessageProp prop) throws GSSException {
        ResWrap result = call(link, Procedure.WRAP, new ArgWrap(HeldHandle.SEALED_ONLY, held.forPerMessage("wrap"),
                prop.getPrivacy(), List.of(Opaque.of(message)), prop.getQOP()), ResWrap.class);
        held.keep(result.contextHandle());
        prop.setPrivacy(result.confState().orElse(prop.getPrivacy()));
        if (result.tokenBuffer().isEmpty()) {
            throw GssErrors.local(GSSException.FAILURE, "the daemon's WRAP answer carries no token");
        }
        return result.tokenBuffer().getFirst().toByteArray();
    }

    /** GSS_Unwrap; {@code prop} receives confidentiality, QOP and the supplementary (sequence) states. */
    static byte[] unwrap(DaemonLink link, HeldHandle held, byte[] token, MessageProp prop) throws GSSException {
        ResUnwrap result = call(link, Procedure.UNWRAP, new ArgUnwrap(HeldHandle.SEALED_ONLY, held.forPerMessage("unwrap"),
                List.of(Opaque.of(token)), 0), ResUnwrap.class);
        held.keep(result.contextHandle());
        prop.setPrivacy(result.confState().orElse(false));
        prop.setQOP(result.qopState().map(Long::intValue).orElse(0));
        supplementary(result.status(), prop);
        return result.messageBuffer().isEmpty() ? new byte[0] : result.messageBuffer().getFirst().toByteArray();
    }

    /** GSS_GetMIC. */
    static byte[] getMic(DaemonLink link, HeldHandle held, byte[] message, MessageProp prop) throws GSSException {
        ResGetMic result = call(link, Procedure.GET_MIC, new ArgGetMic(HeldHandle.SEALED_ONLY, held.forPerMessage("getMIC"),
                prop.getQOP(), Opaque.of(message)), ResGetMic.class);
        held.keep(result.contextHandle());
        return result.tokenBuffer().toByteArray();
    }

    /** GSS_VerifyMIC; {@code prop} receives the QOP and the supplementary states. */
    static void verifyMic(DaemonLink link, HeldHandle held, byte[] token, byte[] message, MessageProp prop)
            throws GSSException {
        ResVerifyMic result = call(link, Procedure.VERIFY, new ArgVerifyMic(HeldHandle.SEALED_ONLY,
                held.forPerMessage("verifyMIC"), Opaque.of(message), Opaque.of(token)), ResVerifyMic.class);
        held.keep(result.contextHandle());
        prop.setQOP(result.qopState().map(Long::intValue).orElse(0));
        supplementary(result.status(), prop);
    }

    /** GSS_Wrap_size_limit: the largest message whose wrap token fits {@code maxTokenSize}. */
    static int wrapSizeLimit(DaemonLink link, HeldHandle held, int qop, boolean conf, int maxTokenSize)
            throws GSSException {
        ResWrapSizeLimit result = call(link, Procedure.WRAP_SIZE_LIMIT, new ArgWrapSizeLimit(CallCtx.EMPTY,
                held.forPerMessage("getWrapSizeLimit"), conf, qop, Integer.toUnsignedLong(maxTokenSize)),
                ResWrapSizeLimit.class);
        return (int) Math.min(Integer.MAX_VALUE, result.maxInputSize());
    }

    private static <R extends GssxRes> R call(DaemonLink link, Procedure procedure, GssxArg args, Class<R> type)
            throws GSSException {
        R result = link.call(procedure, args, type, Resend.ALWAYS);
        if (GssStatusText.isError(result.status().majorStatus())) {
            throw GssErrors.of(procedure.name(), result.status());
        }
        return result;
    }

    private static void supplementary(GssxStatus status, MessageProp prop) {
        long major = status.majorStatus();
        prop.setSupplementaryStates((major & DUPLICATE_TOKEN) != 0, (major & OLD_TOKEN) != 0,
                (major & UNSEQ_TOKEN) != 0, (major & GAP_TOKEN) != 0, 0, null);
    }
}
