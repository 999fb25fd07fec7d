package dev.gssproxy4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gssproxy4j.rpc.RecordReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Records read through the read-ahead buffer are the records sent, however the stream is cut into reads. */
class ReadAheadChannelTest {

    /** A socket that hands out at most {@code chunk} bytes per read and counts the reads. */
    static final class ChunkedChannel implements ReadableByteChannel {
        private final ByteBuffer data;
        private final int chunk;
        int reads;

        ChunkedChannel(byte[] data, int chunk) {
            this.data = ByteBuffer.wrap(data);
            this.chunk = chunk;
        }

        @Override
        public int read(ByteBuffer dst) {
            reads++;
            if (!data.hasRemaining()) {
                return -1;
            }
            int n = Math.min(chunk, Math.min(dst.remaining(), data.remaining()));
            dst.put(data.slice(data.position(), n));
            data.position(data.position() + n);
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

    static byte[] stream(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] record : records) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(0x8000_0000 | record.length).array());
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    @Property(tries = 200)
    void recordsSurviveAnyChunking(@ForAll @IntRange(min = 1, max = 20_000) int chunk,
                                   @ForAll @IntRange(min = 1, max = 16) int buffer,
                                   @ForAll long seed) throws IOException {
        Random random = new Random(seed);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] record = new byte[random.nextInt(12_000)];
            random.nextBytes(record);
            records.add(record);
        }
        RecordReader reader = new RecordReader(new ReadAheadChannel(new ChunkedChannel(stream(records), chunk),
                buffer * 1024));
        for (byte[] record : records) {
            assertArrayEquals(record, reader.read());
        }
        assertNull(reader.read(), "clean end of stream after the last record");
    }

    @Test
    void aRequestWrittenAtOnceCostsOneRead() throws IOException {
        byte[] request = new byte[1372];
        ChunkedChannel socket = new ChunkedChannel(stream(List.of(request)), Integer.MAX_VALUE);
        RecordReader reader = new RecordReader(new ReadAheadChannel(socket));
        assertEquals(request.length, reader.read().length);
        assertEquals(1, socket.reads, "mark and body from one read of the socket");
    }
}
