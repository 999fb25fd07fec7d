package dev.gssproxy4j.protocol;

import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RecordWriter;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrDecodeException.Reason;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whole GSS-Proxy messages: RFC 5531 header plus {@code gssx_arg_*}/{@code gssx_res_*}, framed as one
 * last-fragment record the way every GSS-Proxy peer sends them. Decoders refuse trailing bytes (upstream's
 * rpcgen decoders do not, but a message with bytes left over is not one we produced or can trust).
 */
public final class GssProxyMessages {

    /** Upstream's MAX_RPC_SIZE, for both directions. */
    public static final int MAX_RECORD = RecordReader.DEFAULT_MAX_RECORD;

    private GssProxyMessages() {}

    /** Decodes the arguments of {@code procedure} and fails if any byte is left after them. */
    public static GssxArg decodeCallArgs(Procedure procedure, XdrReader reader) {
        GssxArg args = procedure.decodeArgs(reader);
        reader.expectEnd(procedure.argTypeName());
        return args;
    }

    /** Decodes the results of {@code procedure} and fails if any byte is left after them. */
    public static GssxRes decodeResults(Procedure procedure, XdrReader reader) {
        GssxRes result = procedure.decodeResult(reader);
        reader.expectEnd(procedure.resultTypeName());
        return result;
    }

    /**
     * A whole call record (mark included): AUTH_NONE header for program 400112 v1, then the arguments.
     *
     * @param maxRecord the largest message (without mark) allowed
     * @throws IllegalArgumentException            if {@code args} is not the procedure's argument type
     * @throws dev.gssproxy4j.xdr.XdrSizeException if the message would exceed {@code maxRecord}
     */
    public static byte[] encodeCall(int xid, Procedure procedure, Object args, int maxRecord) {
        XdrWriter writer = RecordWriter.start(maxRecord);
        RpcCall.of(xid, Procedure.PROGRAM, Procedure.VERSION, procedure.wire()).encode(writer);
        procedure.encodeArgs(writer, args);
        return RecordWriter.finish(writer);
    }

    /** A whole MSG_ACCEPTED/SUCCESS reply record (mark included) with the results; see {@link #encodeCall}. */
    public static byte[] encodeReply(int xid, Procedure procedure, Object result, int maxRecord) {
        return encodeReply(xid, procedure, result, RecordWriter.start(maxRecord));
    }

    /**
     * As {@link #encodeReply(int, Procedure, Object, int)}, encoding in {@code scratch} first, for a server thread
     * that encodes reply after reply: only the finished record is allocated.
     */
    public static byte[] encodeReply(int xid, Procedure procedure, Object result, int maxRecord, byte[] scratch) {
        return encodeReply(xid, procedure, result, RecordWriter.start(maxRecord, scratch));
    }

    private static byte[] encodeReply(int xid, Procedure procedure, Object result, XdrWriter writer) {
        RpcReply.success(xid).encode(writer);
        procedure.encodeResult(writer, result);
        return RecordWriter.finish(writer);
    }

    /** A whole record for an RPC-level error reply (PROC_UNAVAIL, GARBAGE_ARGS, AUTH_ERROR...). */
    public static byte[] encodeRpcError(RpcReply reply) {
        XdrWriter writer = RecordWriter.start(MAX_RECORD);
        reply.encode(writer);
        return RecordWriter.finish(writer);
    }

    /** {@link #decodeReply(Procedure, byte[], XdrLimits)} with the default limits. */
    public static DecodedReply decodeReply(Procedure procedure, byte[] recordWithoutMark) {
        return decodeReply(procedure, recordWithoutMark, XdrLimits.DEFAULT);
    }

    /**
     * Decodes a reply to a call of {@code procedure} (the record as {@link RecordReader#read()} returns it).
     *
     * @throws XdrDecodeException if it is not a reply, or does not decode, or has bytes left over
     */
    public static DecodedReply decodeReply(Procedure procedure, byte[] recordWithoutMark, XdrLimits limits) {
        DecodedMessage message = decodeMessage(recordWithoutMark, 0, recordWithoutMark.length,
                Optional.of(procedure), limits);
        if (!(message.header() instanceof RpcReply reply)) {
            throw new XdrDecodeException(Reason.BAD_VALUE, 4, "msg_type", "a CALL where a REPLY was expected");
        }
        Optional<GssxRes> result = message.body() instanceof DecodedMessage.Results results
                ? Optional.of(results.result()) : Optional.empty();
        return new DecodedReply(reply, result);
    }

    /**
     * Decodes one whole message (without its record mark) from {@code buffer[offset, limit)}; error offsets are
     * relative to {@code buffer}. A call's arguments are decoded when it is for program 400112 version 1 and one
     * of the 15 procedures, and kept as {@link DecodedMessage.Foreign} bytes otherwise. A SUCCESS reply's results
     * need {@code procedure}, since replies do not name their procedure.
     *
     * @throws XdrDecodeException if the header or body does not decode, if bytes are left over, or if a SUCCESS
     *                            reply comes without a procedure to decode its results with
     */
    public static DecodedMessage decodeMessage(byte[] buffer, int offset, int limit, Optional<Procedure> procedure,
                                               XdrLimits limits) {
        XdrReader reader = new XdrReader(buffer, offset, limit, limits);
        RpcMessage header = RpcMessage.decode(reader);
        int bodyOffset = reader.position();
        DecodedMessage.Body body = switch (header) {
            case RpcCall call -> procedureOf(call)
                    .<DecodedMessage.Body>map(p -> new DecodedMessage.Args(p, decodeCallArgs(p, reader)))
                    .orElseGet(() -> new DecodedMessage.Foreign(
                            Opaque.of(Arrays.copyOfRange(buffer, bodyOffset, limit))));
            case RpcReply reply -> replyBody(reply, reader, procedure);
        };
        return new DecodedMessage(header, bodyOffset, body);
    }

    /** The procedure a call header asks for, if it is one of ours (program, version and number 1..15). */
    public static Optional<Procedure> procedureOf(RpcCall call) {
        if (call.program() != Procedure.PROGRAM || call.version() != Procedure.VERSION) {
            return Optional.empty();
        }
        return Procedure.fromWire(call.procedure());
    }

    private static DecodedMessage.Body replyBody(RpcReply reply, XdrReader reader, Optional<Procedure> procedure) {
        if (!(reply.body() instanceof RpcReply.Success)) {
            reader.expectEnd(reply.statusName() + " reply");
            return new DecodedMessage.Empty();
        }
        if (procedure.isEmpty()) {
            throw reader.fail(Reason.BAD_VALUE, "results",
                    "a SUCCESS reply carries results, but its procedure is unknown (replies do not name it): "
                            + "give the procedure of the call");
        }
        return new DecodedMessage.Results(procedure.get(), decodeResults(procedure.get(), reader));
    }
}
