package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.ResWrapSizeLimit;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;

/**
 * GSSX_WRAP_SIZE_LIMIT (procedure 15), as upstream {@code gp_rpc_wrap_size_limit.c}: open the context's sealed copy and ask
 * {@code gss_wrap_size_limit} (RFC 2743 section 2.2.7) for the largest message whose token fits in
 * {@code req_output_size} bytes (a request over 2^32-1 is treated as 2^32-1, the most the C API can express). The
 * context does not change, so the result carries none.
 */
public final class WrapSizeLimit implements ProcedureHandler<ArgWrapSizeLimit, ResWrapSizeLimit> {

    private static final long UINT32_MAX = 0xffffffffL;

    @Override
    public ResWrapSizeLimit handle(ArgWrapSizeLimit args, CallContext call) throws InterruptedException {
        int qop = Requests.qop(args.qopState());
        long requested = args.reqOutputSize() < 0 ? UINT32_MAX : Math.min(args.reqOutputSize(), UINT32_MAX);
        try (PerMessageContext live = SealedContexts.leaseComplete(call, args.contextHandle())) {
            return new ResWrapSizeLimit(GssxStatus.COMPLETE,
                    live.context().wrapSizeLimit(args.confReq(), qop, (int) requested));
        }
    }

    @Override
    public ResWrapSizeLimit failure(GssxStatus status) {
        return new ResWrapSizeLimit(status, 0);
    }
}
