package dev.gssproxy4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gssproxy4j.rpc.RecordAssembler;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 5531 record marking ({@link RecordReader}) and RPC message headers ({@link RpcMessage#decode}). The only
 * failures allowed are {@link RecordMarkingException} and {@link XdrDecodeException}; the reader must also agree,
 * record for record, with the small reference model below.
 */
class RecordFramingFuzzTest {

    /**
     * Input: byte 0 picks the maximum record size (0..255), byte 1 the most bytes one channel read returns (1..8,
     * so marks and fragments arrive split), the rest is the stream.
     */
    @FuzzTest
    void recordReader(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        int maxRecord = input[0] & 0xff;
        int chunk = 1 + (input[1] & 0x07);
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);

        RecordReader reader = new RecordReader(new TrickleChannel(stream, chunk), maxRecord);
        List<byte[]> records = new ArrayList<>();
        RecordMarkingException.Reason failure = null;
        try {
            for (byte[] record = reader.read(); record != null; record = reader.read()) {
                assertTrue(record.length <= maxRecord, "record of " + record.length + " bytes over " + maxRecord);
                records.add(record);
            }
        } catch (RecordMarkingException e) {
            failure = e.reason();
        }

        Model.read(stream, maxRecord).assertSame(records, failure);
    }

    /**
     * The daemon's incremental {@link RecordAssembler}, fed in chunks of 1..8 bytes: the same records as the model,
     * a failure only where the model fails for size or fragments, and a stream that ends inside a record leaves it
     * {@link RecordAssembler#inRecord() in a record}. Input as {@link #recordReader}.
     */
    @FuzzTest
    void recordAssembler(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int maxRecord = input[0] & 0xff;
        int chunk = 1 + (input[1] & 0x07);
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);

        RecordAssembler assembler = new RecordAssembler(maxRecord);
        List<byte[]> records = new ArrayList<>();
        RecordMarkingException.Reason failure = null;
        try {
            for (int at = 0; at < stream.length; at += chunk) {
                ByteBuffer in = ByteBuffer.wrap(stream, at, Math.min(chunk, stream.length - at));
                while (in.hasRemaining()) {
                    byte[] record = assembler.feed(in);
                    if (record != null) {
                        assertTrue(record.length <= maxRecord, "record of " + record.length + " over " + maxRecord);
                        records.add(record);
                    }
                }
            }
            if (assembler.inRecord()) {
                failure = RecordMarkingException.Reason.TRUNCATED;
            }
        } catch (RecordMarkingException e) {
            failure = e.reason();
        }

        Model.read(stream, maxRecord).assertSame(records, failure);
    }

    /** Input: one RPC message without its record mark, as {@link RecordReader#read()} returns it. */
    @FuzzTest
    void rpcHeader(byte[] message) {
        XdrReader reader = new XdrReader(message, XdrLimits.DEFAULT);
        RpcMessage header;
        try {
            header = RpcMessage.decode(reader);
        } catch (XdrDecodeException e) {
            return;
        }
        XdrWriter writer = new XdrWriter(message.length);
        header.encode(writer);
        assertEquals(reader.position(), writer.position(), "re-encoded header length");
        XdrReader again = new XdrReader(writer.toByteArray(), XdrLimits.DEFAULT);
        assertEquals(header, RpcMessage.decode(again), "header after a round trip");
    }

    /** A channel that hands out at most {@code chunk} bytes per read, then end of stream. */
    private static final class TrickleChannel implements ReadableByteChannel {
        private final byte[] bytes;
        private final int chunk;
        private int position;

        TrickleChannel(byte[] bytes, int chunk) {
            this.bytes = bytes;
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(chunk, target.remaining()), bytes.length - position);
            target.put(bytes, position, n);
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /**
     * RFC 5531 section 11 as the reader documents it, written the obvious way: fragments reassembled, the total
     * checked against the maximum before the fragment is read, at most {@link RecordReader#MAX_FRAGMENTS}.
     */
    private record Model(List<byte[]> records, RecordMarkingException.Reason failure) {

        /** Checks that a reader of the stream got exactly the model's records and ended the model's way. */
        void assertSame(List<byte[]> actual, RecordMarkingException.Reason actualFailure) {
            assertEquals(records.size(), actual.size(), "records before the end or failure");
            for (int i = 0; i < actual.size(); i++) {
                assertArrayEquals(records.get(i), actual.get(i), "record " + i);
            }
            assertEquals(failure, actualFailure, "how the stream ended");
        }

        static Model read(byte[] stream, int maxRecord) {
            List<byte[]> records = new ArrayList<>();
            ByteBuffer in = ByteBuffer.wrap(stream);
            while (in.hasRemaining()) {
                byte[] record = new byte[0];
                for (int fragments = 1; ; fragments++) {
                    if (in.remaining() < 4) {
                        return new Model(records, RecordMarkingException.Reason.TRUNCATED);
                    }
                    int mark = in.getInt();
                    long length = mark & 0x7fff_ffffL;
                    boolean last = mark < 0;
                    if (record.length + length > maxRecord) {
                        return new Model(records, RecordMarkingException.Reason.TOO_LARGE);
                    }
                    if (!last && fragments == RecordReader.MAX_FRAGMENTS) {
                        return new Model(records, RecordMarkingException.Reason.FRAGMENTED);
                    }
                    if (in.remaining() < length) {
                        return new Model(records, RecordMarkingException.Reason.TRUNCATED);
                    }
                    int start = record.length;
                    record = Arrays.copyOf(record, start + (int) length);
                    in.get(record, start, (int) length);
                    if (last) {
                        break;
                    }
                }
                records.add(record);
            }
            return new Model(records, null);
        }
    }
}
