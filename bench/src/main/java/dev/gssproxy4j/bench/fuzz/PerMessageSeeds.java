package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResGetMic;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResVerifyMic;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * Arguments of the five per-message calls (RFC 2743 section 2.3) as a client of a stateless proxy sends them: the
 * {@code gssx_ctx} the daemon returned last, verbatim and whole, with an empty call context and the default QOP;
 * a MIC or wrap token made on one side is checked on the other.
 *
 * @param message the application message every call protects
 */
record PerMessageSeeds(Opaque message) {

    /** The largest wrap token WRAP_SIZE_LIMIT is asked about (a typical NFS/RPC buffer). */
    private static final long OUTPUT_SIZE = 4096;

    ArgGetMic getMic(GssxCtx context) {
        return new ArgGetMic(CallCtx.EMPTY, context, 0, message);
    }

    ArgVerifyMic verifyMic(GssxCtx context, GssxRes getMicResult) {
        return new ArgVerifyMic(CallCtx.EMPTY, context, message, ((ResGetMic) getMicResult).tokenBuffer());
    }

    ArgWrap wrap(GssxCtx context) {
        return new ArgWrap(CallCtx.EMPTY, context, true, List.of(message), 0);
    }

    ArgUnwrap unwrap(GssxCtx context, GssxRes wrapResult) {
        return new ArgUnwrap(CallCtx.EMPTY, context, ((ResWrap) wrapResult).tokenBuffer(), 0);
    }

    ArgWrapSizeLimit wrapSizeLimit(GssxCtx context) {
        return new ArgWrapSizeLimit(CallCtx.EMPTY, context, true, 0, OUTPUT_SIZE);
    }

    /** The context to send next on this side: the one {@code result} returned, else {@code before}. */
    GssxCtx next(GssxCtx before, GssxRes result) {
        Optional<GssxCtx> returned = switch (result) {
            case ResGetMic r -> r.contextHandle();
            case ResVerifyMic r -> r.contextHandle();
            case ResWrap r -> r.contextHandle();
            case ResUnwrap r -> r.contextHandle();
            default -> Optional.empty();
        };
        return returned.orElse(before);
    }
}
