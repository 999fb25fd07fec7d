package dev.gssproxy4j.server.dispatch;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.rpc.RpcException;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.fair.GssCalls;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.server.stats.CallStats;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrSizeException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Turns one request record into a reply, and is the one place where failures become wire replies:
 * <ul>
 *   <li>a header that does not decode: the connection is dropped without a reply (upstream does the same);</li>
 *   <li>header faults: the reply of the {@link RpcException} that the program's descriptor
 *       ({@link Procedure#DESCRIPTOR}, checked in upstream's order) throws;</li>
 *   <li>a caller that matches no service: a GSS_S_UNAUTHORIZED result whose minor text names the caller's uid,
 *       program and socket, but no service, then the connection is closed (upstream drops it silently); the log
 *       line, limited per uid, says why each service refused it;</li>
 *   <li>arguments that do not decode: GARBAGE_ARGS; a {@link GssException}: the procedure's result carrying that
 *       status, its major text filled in from the library when it has none ({@link Statuses#failure}); GSS
 *       calls saturated: GSS_S_UNAVAILABLE; a result over the maximum record size or a defect of gssproxy4j (any
 *       other exception): GSS_S_FAILURE saying so. SYSTEM_ERR is left for an interrupted call (the daemon is
 *       stopping).</li>
 * </ul>
 * The connection stays open after every RPC-level error reply, as upstream keeps it.
 */
public final class RpcDispatcher implements Transport.RecordHandler {

    /**
     * Where each worker thread encodes its replies (16 KiB holds any usual reply; a larger one moves to an array of
     * its own): only the finished record is allocated per reply. Workers are a bounded set of platform threads.
     */
    private static final ThreadLocal<byte[]> ENCODE_SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final Supplier<Policy> policy;
    private final HandlerTable handlers;
    private final ServerResources resources;
    private final XdrLimits limits;
    private final int maxRecord;
    private final CallStats stats;

    public RpcDispatcher(Supplier<Policy> policy, HandlerTable handlers, ServerResources resources,
                         XdrLimits limits, int maxRecord) {
        this(policy, handlers, resources, limits, maxRecord, new CallStats(System.currentTimeMillis()));
    }

    /** @param stats where every answered call is counted (see {@code gssproxy4j stats}) */
    public RpcDispatcher(Supplier<Policy> policy, HandlerTable handlers, ServerResources resources,
                         XdrLimits limits, int maxRecord, CallStats stats) {
        this.policy = policy;
        this.handlers = handlers;
        this.resources = resources;
        this.limits = limits;
        this.maxRecord = maxRecord;
        this.stats = stats;
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
        RpcCall call;
        try {
            call = Procedure.DESCRIPTOR.admit(message);
        } catch (RpcException e) {
            return rpcError(cid, e);
        }
        int xid = call.xid();
        Procedure procedure = Procedure.fromWire(call.procedure()).orElseThrow();
        Policy current = policy.get();
        Caller caller = origin.caller();
        Optional<ServiceConfig> service = current.matcher().find(caller);
        if (service.isEmpty()) {
            // the detail (every service and why it does not match) is for root's log only, built only when printed
            DaemonLog.errorFrom(caller.uid(), "No matching service found", cid, () -> "No matching service found on "
                    + "socket " + caller.socket() + ": " + current.matcher().match(caller).summary(caller));
            stats.record(procedure.name(), CallStats.UNAUTHORIZED, MajorStatus.GSS_S_UNAUTHORIZED.name(), 0);
            // "Operation unauthorized" is gssproxy4j's own major text for this reply (MIT's is about local policy)
            return answerOnceAndClose(reply(xid, procedure, handlers.failure(procedure, Statuses.of(
                    MajorStatus.GSS_S_UNAUTHORIZED, Errno.EACCES, "Operation unauthorized", refusal(caller)))));
        }
        if (DaemonLog.enabled(2)) { // the messages are built only when printed: this runs for every request
            DaemonLog.debug(2, cid, "Connection matched service " + service.get().name());
        }
        GssxArg args;
        try {
            args = GssProxyMessages.decodeCallArgs(procedure, reader);
        } catch (XdrDecodeException e) {
            return rpcError(cid, RpcException.accepted(xid, AcceptStat.GARBAGE_ARGS,
                    "arguments of " + procedure + " do not decode: " + e.getMessage()));
        } catch (RuntimeException e) { // a decoder defect: the arguments are still garbage to us
            DaemonLog.errorFrom(caller.uid(), "decoding failed inside gssproxy4j", cid, "decoding GSSX_" + procedure
                    + " failed inside gssproxy4j: " + e.getClass().getName());
            return rpcError(cid, RpcException.accepted(xid, AcceptStat.GARBAGE_ARGS,
                    "arguments of " + procedure + " do not decode"));
        }
        if (DaemonLog.enabled(2)) {
            DaemonLog.debug(2, cid, "Executing request " + procedure.wire() + " (GSSX_" + procedure
                    + ") for service \"" + service.get().name() + "\"");
        }
        CallContext context = new CallContext(caller, service.get(), current.config(), cid, resources,
                handlers.clientEnvironment(procedure, args));
        return execute(xid, procedure, args, context);
    }

    private Transport.Outcome execute(int xid, Procedure procedure, GssxArg args, CallContext context) {
        long started = System.nanoTime();
        long cid = context.connectionId();
        GssxRes result;
        try {
            GssCalls.Share share = new GssCalls.Share(context.caller().uid(),
                    context.caller().uid() == 0 || context.service().trusted());
            result = resources.gssCalls().runRequest(share, () -> {
                try (context) { // the call's credentials end with its handler, still under the permit
                    return handlers.handle(procedure, args, context);
                }
            });
        } catch (GssException e) {
            DaemonLog.debug(1, cid, "GSSX_" + procedure + " failed: " + e.status());
            result = handlers.failure(procedure, e, resources.gss());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return rpcError(cid, RpcException.accepted(xid, AcceptStat.SYSTEM_ERR, "interrupted during "
                    + procedure));
        } catch (RejectedExecutionException e) {
            DaemonLog.debug(1, cid, "GSSX_" + procedure + " refused: " + e.getMessage());
            result = handlers.failure(procedure, GssErrors.withText(MajorStatus.GSS_S_UNAVAILABLE, Errno.EAGAIN,
                    "gssproxy4j: " + e.getMessage()), resources.gss());
        } catch (RuntimeException e) {
            // A defect of ours, not of the request: the caller gets a GSS error and the connection stays usable.
            DaemonLog.errorFrom(context.caller().uid(), "call failed inside gssproxy4j", cid, "GSSX_" + procedure
                    + " failed inside gssproxy4j: " + e.getClass().getName());
            result = handlers.failure(procedure, GssErrors.withText(MajorStatus.GSS_S_FAILURE, Errno.EINVAL,
                    "gssproxy4j could not serve GSSX_" + procedure + " (internal " + e.getClass().getSimpleName()
                            + "); the daemon logged it. Please report it with the daemon's log"), resources.gss());
        }
        if (!result.status().isComplete()) {
            DaemonLog.debug(2, cid, "GSSX_" + procedure + " status: " + describe(result.status()));
            if (context.config().syslogStatus() && MajorStatus.isError(result.status().majorStatus())) {
                // caller-triggered: limited per uid like the other errors a caller can repeat
                GssxStatus status = result.status();
                DaemonLog.errorFrom(context.caller().uid(), "GSS status", cid, () -> statusLine(status));
            }
        }
        Transport.Outcome outcome = reply(xid, procedure, result);
        stats.record(procedure.name(), context.service().name(), majorName(result.status()),
                System.nanoTime() - started);
        return outcome;
    }

    /**
     * The encoded reply; a result over the maximum record size (e.g. WRAP of a message near the request limit)
     * becomes the procedure's GSS_S_FAILURE result saying so, which always fits.
     */
    private Transport.Outcome reply(int xid, Procedure procedure, GssxRes result) {
        try {
            return new Transport.Reply(GssProxyMessages.encodeReply(xid, procedure, result, maxRecord,
                    ENCODE_SCRATCH.get()));
        } catch (XdrSizeException e) {
            DaemonLog.debug(1, "reply to GSSX_" + procedure + " exceeds the maximum record size: " + e.getMessage());
            return new Transport.Reply(GssProxyMessages.encodeReply(xid, procedure, handlers.failure(procedure,
                    GssErrors.withText(MajorStatus.GSS_S_FAILURE, Errno.EMSGSIZE, "the result of GSSX_" + procedure
                            + " would exceed the " + maxRecord + "-byte record limit; send smaller messages"),
                    resources.gss()), maxRecord));
        }
    }

    /** A caller that matches no service is answered once, then its connection is closed (upstream closes at once). */
    private static Transport.Outcome answerOnceAndClose(Transport.Outcome outcome) {
        return outcome instanceof Transport.Reply reply
                ? new Transport.ReplyAndClose(reply.record(), "the caller matches no service") : outcome;
    }

    /** An RPC-level error: its own reply, sent as it is; the connection stays open. */
    private static Transport.Outcome rpcError(long cid, RpcException fault) {
        DaemonLog.debug(1, cid, "replying " + fault.reply().statusName() + ": " + fault.getMessage());
        return new Transport.Reply(GssProxyMessages.encodeRpcError(fault.reply()));
    }

    /**
     * What a caller that matches no service is told: who it is and where it came in, nothing about the services
     * (which uids, programs and sockets they accept is the admin's business; upstream tells nothing at all), and
     * the check-config line that shows an admin why.
     */
    static String refusal(Caller caller) {
        return "gssproxy4j: no service accepts " + caller.describe() + " on socket " + caller.socket()
                + "; an administrator can add or fix a [service/...] section in gssproxy.conf (gssproxy4j check-config"
                + " --uid " + Integer.toUnsignedString(caller.uid())
                + caller.program().map(p -> " --program " + p).orElse("")
                + " --caller-socket " + caller.socket() + " says why)";
    }


    /** The stats label of a result: its primary error's name, or GSS_S_COMPLETE (continue-needed included). */
    private static String majorName(GssxStatus status) {
        long major = status.majorStatus();
        if (!MajorStatus.isError(major)) {
            return MajorStatus.GSS_S_COMPLETE.name();
        }
        MajorStatus primary = MajorStatus.primary(major);
        return primary == MajorStatus.GSS_S_COMPLETE ? "GSS_S_UNKNOWN_ERROR" : primary.name();
    }

    /**
     * A failed call's status as upstream's {@code syslog_status} prints it ({@code gp_log_status}):
     * {@code (OID: 1.2.840.113554.1.2.2) <major text>, <minor text>}.
     */
    static String statusLine(GssxStatus status) {
        String mech = "";
        if (!status.mech().isEmpty()) {
            try {
                mech = "(OID: " + Oids.toDotted(status.mech()) + ") ";
            } catch (IllegalArgumentException e) {
                mech = "(OID: not an OID) "; // e.g. a caller's own bytes echoed in an unsupported-mechanism status
            }
        }
        String major = status.majorStatusString().isEmpty() ? MajorStatus.describe(status.majorStatus())
                : status.majorStatusString().toText();
        return mech + major + ", " + status.minorStatusString().toText();
    }

    private static String describe(GssxStatus status) {
        return MajorStatus.describe(status.majorStatus())
                + (status.minorStatusString().isEmpty() ? "" : " (" + status.minorStatusString().toText() + ")");
    }
}
