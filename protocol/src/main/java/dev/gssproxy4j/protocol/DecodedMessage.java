package dev.gssproxy4j.protocol;

import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RecordWriter;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * One whole RPC message of the GSS-Proxy conversation: the RFC 5531 header and what follows it.
 *
 * @param header     the call or reply header
 * @param bodyOffset where the body starts, relative to the decoded buffer
 * @param body       the decoded arguments or results, or what else followed the header
 */
public record DecodedMessage(RpcMessage header, int bodyOffset, Body body) {

    public DecodedMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
    }

    /** What follows the header. */
    public sealed interface Body permits Args, Results, Foreign, Empty {}

    /** A call to one of the 15 procedures, with its decoded arguments. */
    public record Args(Procedure procedure, GssxArg args) implements Body {}

    /** A SUCCESS reply with its decoded results. */
    public record Results(Procedure procedure, GssxRes result) implements Body {}

    /**
     * A call for another program, version or procedure (NULLPROC included): the bytes after the header are kept
     * undecoded, as a server never reads them before it answers PROG_UNAVAIL, PROG_MISMATCH or PROC_UNAVAIL.
     */
    public record Foreign(Opaque bytes) implements Body {}

    /** A reply that is not SUCCESS: nothing follows the header. */
    public record Empty() implements Body {}

    /** Re-encodes the message as a whole record, mark included, for at most {@code maxRecord} message bytes. */
    public byte[] toRecord(int maxRecord) {
        XdrWriter writer = new XdrWriter(maxRecord);
        header.encode(writer);
        switch (body) {
            case Args a -> a.args().encode(writer);
            case Results r -> r.result().encode(writer);
            case Foreign f -> { }
            case Empty e -> { }
        }
        byte[] encoded = writer.toByteArray();
        if (body instanceof Foreign foreign) {
            byte[] tail = foreign.bytes().toByteArray();
            byte[] whole = Arrays.copyOf(encoded, encoded.length + tail.length);
            System.arraycopy(tail, 0, whole, encoded.length, tail.length);
            encoded = whole;
        }
        return RecordWriter.frame(encoded);
    }
}
