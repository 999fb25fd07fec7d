package dev.gssproxy4j.rpc;

/**
 * One RPC program as a server serves it: its number, its one version, its procedure numbers and AUTH_NONE as the only
 * credential. {@link #admit} checks a decoded header against it, in the order upstream gssproxy checks
 * ({@code gp_rpc_decode_call_header}), and answers every fault with its RFC 5531 reply (an {@link RpcException}).
 *
 * @param program        the program number
 * @param version        the one version served
 * @param firstProcedure the lowest procedure number served
 * @param lastProcedure  the highest procedure number served; every number between is served too
 */
public record ProgramDescriptor(int program, int version, int firstProcedure, int lastProcedure) {

    public ProgramDescriptor {
        if (firstProcedure < 0 || lastProcedure < firstProcedure) {
            throw new IllegalArgumentException("procedures " + firstProcedure + ".." + lastProcedure);
        }
    }

    /**
     * The call {@code message} is, if this program serves it.
     *
     * @throws RpcException for a REPLY message (GARBAGE_ARGS), an RPC version other than 2 (RPC_MISMATCH(2,2)),
     *                      another program (PROG_UNAVAIL), another version (PROG_MISMATCH(version,version)), a
     *                      procedure outside the range, NULLPROC included when the range starts above 0
     *                      (PROC_UNAVAIL), or a credential other than AUTH_NONE (AUTH_ERROR/AUTH_FAILED)
     */
    public RpcCall admit(RpcMessage message) throws RpcException {
        int xid = message.xid();
        if (!(message instanceof RpcCall call)) {
            throw RpcException.accepted(xid, AcceptStat.GARBAGE_ARGS, "a REPLY message where a CALL was expected");
        }
        if (call.rpcVersion() != RpcCall.RPC_VERSION) {
            throw RpcException.rpcMismatch(xid, "RPC version " + Integer.toUnsignedString(call.rpcVersion()));
        }
        if (call.program() != program) {
            throw RpcException.accepted(xid, AcceptStat.PROG_UNAVAIL, "program "
                    + Integer.toUnsignedString(call.program()));
        }
        if (call.version() != version) {
            throw RpcException.progMismatch(xid, version, version, "version "
                    + Integer.toUnsignedString(call.version()));
        }
        if (Integer.compareUnsigned(call.procedure(), firstProcedure) < 0
                || Integer.compareUnsigned(call.procedure(), lastProcedure) > 0) {
            throw RpcException.accepted(xid, AcceptStat.PROC_UNAVAIL, "procedure "
                    + Integer.toUnsignedString(call.procedure()));
        }
        if (!call.credential().isNone()) {
            throw RpcException.authError(xid, AuthStat.AUTH_FAILED, call.credential().flavorName()
                    + " credential (only AUTH_NONE is accepted)");
        }
        return call;
    }
}
