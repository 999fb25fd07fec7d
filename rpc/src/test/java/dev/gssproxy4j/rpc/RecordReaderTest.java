package dev.gssproxy4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private static RecordReader reader(String hex, int max) {
        return new RecordReader(Channels.newChannel(new ByteArrayInputStream(HexFormat.of().parseHex(hex))), max);
    }

    @Test
    void readsConsecutiveSingleFragmentRecordsThenCleanEof() throws Exception {
        RecordReader r = reader("80000004" + "01020304" + "80000000", 1024);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, r.read());
        assertArrayEquals(new byte[0], r.read());
        assertNull(r.read());
    }

    @Test
    void reassemblesFragments() throws Exception {
        RecordReader r = reader("00000002" + "0102" + "00000001" + "03" + "80000002" + "0405", 1024);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, r.read());
    }

    @Test
    void refusesARecordOverTheMaximumBeforeReadingIt() {
        RecordMarkingException e = assertThrows(RecordMarkingException.class,
                () -> reader("80100001" + "00000000", RecordReader.DEFAULT_MAX_RECORD).read());
        assertEquals(RecordMarkingException.Reason.TOO_LARGE, e.reason());
        RecordMarkingException total = assertThrows(RecordMarkingException.class,
                () -> reader("00000003" + "010203" + "80000002" + "0405", 4).read());
        assertEquals(RecordMarkingException.Reason.TOO_LARGE, total.reason());
    }

    @Test
    void endlessEmptyFragmentsAreRefused() {
        String empties = "00000000".repeat(RecordReader.MAX_FRAGMENTS + 1);
        RecordMarkingException e = assertThrows(RecordMarkingException.class, () -> reader(empties, 1024).read());
        assertEquals(RecordMarkingException.Reason.FRAGMENTED, e.reason());
    }

    @Test
    void manySmallFragmentsReassembleInOrder() throws Exception {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            hex.append("00000001").append(String.format("%02x", i));
        }
        hex.append("80000001ff");
        byte[] record = reader(hex.toString(), 1024).read();
        assertEquals(41, record.length);
        assertEquals(39, record[39]);
        assertEquals((byte) 0xff, record[40]);
    }

    @Test
    void maximumItselfIsAllowed() throws Exception {
        assertEquals(4, reader("80000004" + "01020304", 4).read().length);
    }

    @Test
    void truncatedMarkOrBodyIsAnError() {
        assertEquals(RecordMarkingException.Reason.TRUNCATED,
                assertThrows(RecordMarkingException.class, () -> reader("8000", 16).read()).reason());
        assertEquals(RecordMarkingException.Reason.TRUNCATED,
                assertThrows(RecordMarkingException.class, () -> reader("8000000401", 16).read()).reason());
    }

    @Test
    void writerFramesWhatReaderReads() throws Exception {
        byte[] record = RecordWriter.frame(new byte[] {9, 8, 7});
        assertEquals("8000000309080" + "7", HexFormat.of().formatHex(record));
        var w = RecordWriter.start(16);
        w.writeInt(42);
        assertEquals("800000040000002a", HexFormat.of().formatHex(RecordWriter.finish(w)));
    }

    @Test
    void aUsualReplyCostsOneReadAndTheBytesAfterItWaitForTheNextCall() throws Exception {
        byte[] first = new byte[1200];
        byte[] second = new byte[] {5, 6, 7};
        first[1199] = 42;
        CountingChannel channel = new CountingChannel(concat(RecordWriter.frame(first), RecordWriter.frame(second)));
        RecordReader r = new RecordReader(channel, 1 << 20);
        assertArrayEquals(first, r.read());
        assertEquals(1, channel.reads, "mark and body in one read");
        assertArrayEquals(second, r.read());
        assertEquals(1, channel.reads, "the second record was read ahead with the first");
        assertNull(r.read());
    }

    @Test
    void aRecordLargerThanTheReadAheadArrivesWhole() throws Exception {
        byte[] large = new byte[RecordReader.READ_AHEAD * 3 + 5];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        CountingChannel channel = new CountingChannel(concat(RecordWriter.frame(large), RecordWriter.frame(large)));
        RecordReader r = new RecordReader(channel, 1 << 20);
        assertArrayEquals(large, r.read());
        assertArrayEquals(large, r.read());
        assertNull(r.read());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A channel over fixed bytes that gives each read as much as it asks for and counts the reads. */
    private static final class CountingChannel implements ReadableByteChannel {
        private final ByteBuffer bytes;
        private int reads;

        CountingChannel(byte[] bytes) {
            this.bytes = ByteBuffer.wrap(bytes);
        }

        @Override
        public int read(ByteBuffer target) {
            if (!bytes.hasRemaining()) {
                return -1;
            }
            reads++;
            int count = Math.min(bytes.remaining(), target.remaining());
            target.put(bytes.slice(bytes.position(), count));
            bytes.position(bytes.position() + count);
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
