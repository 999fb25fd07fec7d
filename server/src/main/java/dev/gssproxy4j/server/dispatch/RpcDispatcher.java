package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.AuthStat;
import dev.gssproxy4j.rpc.OpaqueAuth;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.server.ServerResources;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrSizeException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns one request record into a reply, and is the one place where failures become wire replies:
 * <ul>
 *   <li>a header that does not decode: the connection is dropped without a reply (upstream does the same);</li>
 *   <li>header faults, checked in upstream's order ({@code gp_rpc_decode_call_header}): a REPLY message gets
 *       GARBAGE_ARGS, rpcvers other than 2 RPC_MISMATCH(2,2), another program PROG_UNAVAIL, another version
 *       PROG_MISMATCH(1,1), a procedure outside 1..15 (NULLPROC included) PROC_UNAVAIL, a credential other than
 *       AUTH_NONE AUTH_ERROR/AUTH_FAILED;</li>
 *   <li>a caller that matches no service: a GSS_S_FAILURE result whose minor text names the uid and why (upstream
 *       drops the connection silently; an admin reading the client's error learns the cause here);</li>
 *   <li>arguments that do not decode: GARBAGE_ARGS; a {@link GssException}: the procedure's result carrying that
 *       status; any other failure or a reply over the maximum record size: SYSTEM_ERR.</li>
 * </ul>
 * The connection stays open after every RPC-level error reply, as upstream keeps it.
 */
public final class RpcDispatcher implements Transport.RecordHandler {

    private final Supplier<Policy> policy;
    private final HandlerTable handlers;
    private final ServerResources resources;
    private final XdrLimits limits;
    private final int maxRecord;

    public RpcDispatcher(Supplier<Policy> policy, HandlerTable handlers, ServerResources resources,
                         XdrLimits limits, int maxRecord) {
        this.policy = policy;
        this.handlers = handlers;
        this.resources = resources;
        this.limits = limits;
        this.maxRecord = maxRecord;
    }

    @Override
    public Transport.Outcome handle(byte[] request, Transport.Origin origin) {
        long cid = origin.connectionId();
        XdrReader reader = new XdrReader(request, limits);
        RpcMessage message;
        try {
            message = RpcMessage.decode(reader);
        } catch (XdrDecodeException e) {
            return new Transport.Drop("RPC header does not decode: " + e.getMessage());
        }
        int xid = message.xid();
        if (!(message instanceof RpcCall call)) {
            return rpcError(cid, new RpcReply(xid, new RpcReply.AcceptedError(OpaqueAuth.NONE,
                    AcceptStat.GARBAGE_ARGS)), "a REPLY message where a CALL was expected");
        }
        Optional<Transport.Outcome> headerFault = headerFault(call, cid);
        if (headerFault.isPresent()) {
            return headerFault.get();
        }
        Procedure procedure = Procedure.fromWire(call.procedure()).orElseThrow();
        Policy current = policy.get();
        Caller caller = caller(origin);
        Optional<ServiceConfig> service = current.matcher().find(caller);
        if (service.isEmpty()) {
            String why = current.matcher().match(caller).summary(caller);
            DaemonLog.error(cid, "No matching service found: " + why);
            return reply(xid, procedure, handlers.failure(procedure, Statuses.of(
                    dev.gssproxy4j.mech.MajorStatus.GSS_S_UNAUTHORIZED, Statuses.EACCES,
                    "Operation unauthorized", "gssproxy4j: " + why
                            + "; add or fix a [service/...] section in gssproxy.conf (see gssproxy4j check-config)")));
        }
        if (DaemonLog.enabled(2)) { // the messages are built only when printed: this runs for every request
            DaemonLog.debug(2, cid, "Connection matched service " + service.get().name());
        }
        GssxArg args;
        try {
            args = GssProxyMessages.decodeCallArgs(procedure, reader);
        } catch (XdrDecodeException e) {
            return rpcError(cid, RpcReply.accepted(xid, AcceptStat.GARBAGE_ARGS),
                    "arguments of " + procedure + " do not decode: " + e.getMessage());
        }
        if (DaemonLog.enabled(2)) {
            DaemonLog.debug(2, cid, "Executing request " + procedure.wire() + " (GSSX_" + procedure
                    + ") for service \"" + service.get().name() + "\"");
        }
        CallContext context = new CallContext(caller, service.get(), current.config(), cid, resources);
        return execute(xid, procedure, args, context);
    }

    private Transport.Outcome execute(int xid, Procedure procedure, GssxArg args, CallContext context) {
        long cid = context.connectionId();
        GssxRes result;
        try {
            result = handlers.handle(procedure, args, context);
        } catch (GssException e) {
            DaemonLog.debug(1, cid, "GSSX_" + procedure + " failed: " + e.status());
            result = handlers.failure(procedure, Statuses.of(e.status()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return rpcError(cid, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR), "interrupted during " + procedure);
        } catch (RuntimeException e) {
            DaemonLog.error(cid, "GSSX_" + procedure + " failed: " + e);
            return rpcError(cid, RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR), "handler failed");
        }
        if (!result.status().isComplete()) {
            DaemonLog.debug(2, cid, "GSSX_" + procedure + " status: " + describe(result.status()));
        }
        return reply(xid, procedure, result);
    }

    private Optional<Transport.Outcome> headerFault(RpcCall call, long cid) {
        int xid = call.xid();
        if (call.rpcVersion() != RpcCall.RPC_VERSION) {
            return Optional.of(rpcError(cid, new RpcReply(xid, new RpcReply.RpcMismatch(2, 2)),
                    "RPC version " + Integer.toUnsignedString(call.rpcVersion())));
        }
        if (call.program() != Procedure.PROGRAM) {
            return Optional.of(rpcError(cid, RpcReply.accepted(xid, AcceptStat.PROG_UNAVAIL),
                    "program " + Integer.toUnsignedString(call.program())));
        }
        if (call.version() != Procedure.VERSION) {
            return Optional.of(rpcError(cid, new RpcReply(xid, new RpcReply.ProgMismatch(OpaqueAuth.NONE,
                    Procedure.VERSION, Procedure.VERSION)), "version " + Integer.toUnsignedString(call.version())));
        }
        if (Procedure.fromWire(call.procedure()).isEmpty()) {
            return Optional.of(rpcError(cid, RpcReply.accepted(xid, AcceptStat.PROC_UNAVAIL),
                    "procedure " + Integer.toUnsignedString(call.procedure())));
        }
        if (!call.credential().isNone()) {
            return Optional.of(rpcError(cid, new RpcReply(xid, new RpcReply.AuthError(AuthStat.AUTH_FAILED)),
                    call.credential().flavorName() + " credential (only AUTH_NONE is accepted)"));
        }
        return Optional.empty();
    }

    private Transport.Outcome reply(int xid, Procedure procedure, GssxRes result) {
        try {
            return new Transport.Reply(GssProxyMessages.encodeReply(xid, procedure, result, maxRecord));
        } catch (XdrSizeException e) {
            DaemonLog.error("reply to GSSX_" + procedure + " exceeds the maximum record size: " + e.getMessage());
            return new Transport.Reply(GssProxyMessages.encodeRpcError(RpcReply.accepted(xid, AcceptStat.SYSTEM_ERR)));
        }
    }

    private static Transport.Outcome rpcError(long cid, RpcReply reply, String why) {
        DaemonLog.debug(1, cid, "replying " + reply.statusName() + ": " + why);
        return new Transport.Reply(GssProxyMessages.encodeRpcError(reply));
    }

    private static Caller caller(Transport.Origin origin) {
        var peer = origin.peer();
        return new Caller(peer.uid(), peer.gid(), peer.pid(), peer.program(), peer.selinuxLabel(),
                Path.of(origin.socketPath()));
    }

    private static String describe(GssxStatus status) {
        return dev.gssproxy4j.mech.MajorStatus.describe(status.majorStatus())
                + (status.minorStatusString().isEmpty() ? "" : " (" + status.minorStatusString().toText() + ")");
    }
}
