package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import java.util.Optional;

/**
 * A readable, offset-annotated description of one whole GSS-Proxy record (mark included): record mark, RPC header,
 * then every argument or result field under its {@code gss_proxy.x} name, nested by indentation. Offsets count from
 * the first byte of the mark, like {@code shared/wire/*}{@code /decoded.txt}.
 *
 * <p>Never throws for bad input: a record that does not decode is described up to the failure, followed by a
 * {@code !!} line naming the field, the offset and the reason.
 */
public final class WireDump {

    /** The smallest {@code gssx_status}: two hypers, four empty opaques/strings and an empty option list. */
    private static final int MIN_RESULTS = 36;

    private WireDump() {}

    /**
     * @param wholeRecordWithMark the bytes as they travel on the socket
     * @param hintForReplies      the procedure of the call a SUCCESS reply answers (replies do not carry it; see
     *                            {@link Procedure#fromFileName} and {@link #procedureOfCall})
     * @param showSecrets         print tokens, keys and handle contents in hex instead of length and hash
     */
    public static String describe(byte[] wholeRecordWithMark, Optional<Procedure> hintForReplies,
                                  boolean showSecrets) {
        DumpLines out = new DumpLines();
        byte[] record = wholeRecordWithMark;
        if (record.length < RecordMark.MARK_BYTES) {
            out.error(0, "only " + record.length + " bytes: a record starts with a 4-byte record mark (RFC 5531 "
                    + "section 11)");
            return out.toString();
        }
        RecordMark mark = RecordMark.of(record);
        out.line(0, 0, mark.describe());
        mark.problems().forEach(problem -> out.error(0, problem));
        int end = mark.end();
        XdrReader reader = new XdrReader(record, RecordMark.MARK_BYTES, end, XdrLimits.DEFAULT);
        try {
            HeaderDump.print(reader, out, showSecrets);
        } catch (XdrDecodeException e) {
            out.error(e.offset(), "RPC header does not decode: " + e.getMessage());
            return out.toString();
        }
        RpcMessage header = RpcMessage.decode(new XdrReader(record, RecordMark.MARK_BYTES, end, XdrLimits.DEFAULT));
        switch (header) {
            case RpcCall call -> args(call, reader, end, out, showSecrets);
            case RpcReply reply -> results(reply, reader, end, hintForReplies, out, showSecrets);
        }
        return out.toString();
    }

    /**
     * The procedure a call record asks for, if it is a well-framed GSS-Proxy call; lets the CLI pair
     * {@code NN-x.reply.bin} with {@code NN-x.call.bin} when the file name does not name the procedure.
     */
    public static Optional<Procedure> procedureOfCall(byte[] wholeCallRecord) {
        if (wholeCallRecord.length < RecordMark.MARK_BYTES) {
            return Optional.empty();
        }
        RecordMark mark = RecordMark.of(wholeCallRecord);
        try {
            RpcMessage header = RpcMessage.decode(
                    new XdrReader(wholeCallRecord, RecordMark.MARK_BYTES, mark.end(), XdrLimits.DEFAULT));
            return header instanceof RpcCall call ? GssProxyMessages.procedureOf(call) : Optional.empty();
        } catch (XdrDecodeException e) {
            return Optional.empty();
        }
    }

    private static void args(RpcCall call, XdrReader reader, int end, DumpLines out, boolean showSecrets) {
        int at = reader.position();
        Optional<Procedure> procedure = GssProxyMessages.procedureOf(call);
        if (procedure.isEmpty()) {
            boolean nullProc = call.program() == Procedure.PROGRAM && call.procedure() == 0;
            out.line(at, 0, "-- " + (end - at) + " bytes of arguments not decoded ("
                    + (nullProc ? "NULLPROC takes none; upstream answers PROC_UNAVAIL"
                            : "not program 400112 version 1 procedure 1..15") + ")");
            return;
        }
        Procedure p = procedure.get();
        try {
            GssxArg args = GssProxyMessages.decodeCallArgs(p, reader);
            new ValueDump(out, at, showSecrets).print(p.argTypeName() + " (" + (end - at) + " bytes)", args);
        } catch (XdrDecodeException e) {
            out.error(e.offset(), "arguments do not decode as " + p.argTypeName() + ": " + e.getMessage());
        }
    }

    private static void results(RpcReply reply, XdrReader reader, int end, Optional<Procedure> hint,
                                DumpLines out, boolean showSecrets) {
        int at = reader.position();
        if (!(reply.body() instanceof RpcReply.Success)) {
            if (at != end) {
                out.error(at, (end - at) + " bytes follow a " + reply.statusName() + " reply, which has no body");
            }
            return;
        }
        if (hint.isEmpty()) {
            if (end - at < MIN_RESULTS) {
                out.error(at, "a SUCCESS reply carries results, which start with a gssx_status of at least "
                        + MIN_RESULTS + " bytes, but only " + (end - at) + " bytes follow the header");
                return;
            }
            out.line(at, 0, "-- " + (end - at) + " bytes of results not decoded: a reply does not name its "
                    + "procedure; give the procedure of the call (e.g. a file name containing it)");
            return;
        }
        Procedure p = hint.get();
        try {
            GssxRes result = GssProxyMessages.decodeResults(p, reader);
            new ValueDump(out, at, showSecrets).print(p.resultTypeName() + " (" + (end - at) + " bytes)", result);
        } catch (XdrDecodeException e) {
            out.error(e.offset(), "results do not decode as " + p.resultTypeName() + ": " + e.getMessage());
        }
    }
}
