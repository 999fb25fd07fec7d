package dev.gssproxy4j.client;

import dev.gssproxy4j.testkit.CapturedRecords;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.xdr.XdrLimits;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Golden records from {@code shared/wire} (real upstream daemon and clients), whole with their record mark. */
final class GoldenRecords {

    private GoldenRecords() {}

    /** A whole record, e.g. {@code read("accept/01-INDICATE_MECHS.call.bin")}. */
    static byte[] read(String name) {
        return CapturedRecords.read(name);
    }

    static int xid(byte[] wholeRecord) {
        return ByteBuffer.wrap(wholeRecord).getInt(4);
    }

    /** A copy of {@code wholeRecord} with its xid replaced. */
    static byte[] withXid(byte[] wholeRecord, int xid) {
        byte[] copy = wholeRecord.clone();
        ByteBuffer.wrap(copy).putInt(4, xid);
        return copy;
    }

    /** The arguments of a golden call record. */
    static <A extends GssxArg> A args(String callName, Class<A> type) {
        byte[] record = read(callName);
        DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(),
                XdrLimits.DEFAULT);
        return type.cast(((DecodedMessage.Args) message.body()).args());
    }

    /** The results of a golden reply record to a call of {@code procedure}. */
    static <R extends GssxRes> R results(String replyName, Procedure procedure, Class<R> type) {
        byte[] record = read(replyName);
        DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.of(procedure),
                XdrLimits.DEFAULT);
        return type.cast(((DecodedMessage.Results) message.body()).result());
    }
}
