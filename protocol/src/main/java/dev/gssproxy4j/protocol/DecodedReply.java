package dev.gssproxy4j.protocol;

import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RpcReply;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded reply: the RPC header and, for MSG_ACCEPTED/SUCCESS only, the procedure's results. An RPC-level error
 * (PROC_UNAVAIL, GARBAGE_ARGS, AUTH_ERROR...) has no results; GSS errors are inside {@code result().status()}.
 */
public record DecodedReply(RpcReply header, Optional<GssxRes> result) {

    public DecodedReply {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(result, "result");
    }

    public int xid() {
        return header.xid();
    }

    public boolean isSuccess() {
        return header.body() instanceof RpcReply.Success;
    }
}
