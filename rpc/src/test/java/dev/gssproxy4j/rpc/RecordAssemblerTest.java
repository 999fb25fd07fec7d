package dev.gssproxy4j.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordAssemblerTest {

    private static final int MIB = 1 << 20;

    @Test
    void memoryFollowsTheBytesReceivedNotTheAnnouncedLength() throws Exception {
        RecordAssembler assembler = new RecordAssembler(MIB);
        // a mark announcing a whole MiB, then two bytes: what a hostile peer sends to make servers allocate
        assertNull(assembler.feed(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x10, 0, 0, 1, 2})));
        assertTrue(assembler.inRecord());
        assertTrue(assembler.bufferedCapacity() <= 4096, "holds " + assembler.bufferedCapacity() + " bytes");
    }

    @Test
    void aRecordThatArrivesWholeReservesExactlyItsSize() throws Exception {
        int[] reserved = {0};
        RecordAssembler assembler = new RecordAssembler(MIB, new RecordAssembler.Budget() {
            @Override
            public boolean reserve(int bytes) {
                reserved[0] += bytes;
                return true;
            }

            @Override
            public void release(int bytes) {
                reserved[0] -= bytes;
            }
        });
        ByteBuffer in = ByteBuffer.allocate(4 + 1400).putInt(0x8000_0000 | 1400).put(new byte[1400]).flip();
        assertEquals(1400, assembler.feed(in).length);
        assertEquals(1400, reserved[0], "one buffer of the record's size, not the 4 KiB a partial record starts with");
    }

    @Test
    void recordsArriveByteByByteAcrossFragmentsAndTheRestIsLeftForTheNext() throws Exception {
        RecordAssembler assembler = new RecordAssembler(1024);
        byte[] stream = {0, 0, 0, 2, 1, 2, (byte) 0x80, 0, 0, 1, 3, (byte) 0x80, 0, 0, 1, 9};
        ByteBuffer in = ByteBuffer.wrap(stream);
        byte[] record = null;
        for (int i = 0; i < 11 && record == null; i++) {
            record = assembler.feed(in.slice(i, 1));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, record);
        assertFalse(assembler.inRecord());
        ByteBuffer rest = ByteBuffer.wrap(stream, 11, 5);
        assertArrayEquals(new byte[] {9}, assembler.feed(rest));
        assertEquals(0, rest.remaining());
    }

    @Test
    void aCompleteRecordLeavesTheFollowingBytesUnconsumed() throws Exception {
        RecordAssembler assembler = new RecordAssembler(1024);
        ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1, 7, (byte) 0x80, 0, 0, 0});
        assertArrayEquals(new byte[] {7}, assembler.feed(in));
        assertEquals(4, in.remaining());
        assertArrayEquals(new byte[0], assembler.feed(in), "an empty last fragment is an empty record");
    }

    @Test
    void anEmptyFragmentThatIsNotTheLastBeginsARecord() throws Exception {
        RecordAssembler assembler = new RecordAssembler(1024);
        assertNull(assembler.feed(ByteBuffer.wrap(new byte[] {0, 0, 0, 0})));
        assertTrue(assembler.inRecord(), "the read deadline must apply to what follows (found by the fuzzer)");
    }

    @Test
    void oversizeAndEndlessFragmentsAreRefused() {
        RecordAssembler big = new RecordAssembler(1024);
        assertThrows(RecordMarkingException.class, () -> big.feed(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 4, 1})));
        RecordAssembler fragmented = new RecordAssembler(1024);
        ByteBuffer empties = ByteBuffer.allocate(4 * RecordReader.MAX_FRAGMENTS);
        assertThrows(RecordMarkingException.class, () -> fragmented.feed(empties));
    }

    @Test
    void theBudgetIsAskedBeforeGrowingAndGivenBackWhenDone() throws Exception {
        int[] held = {0};
        RecordAssembler.Budget budget = new RecordAssembler.Budget() {
            @Override
            public boolean reserve(int bytes) {
                if (held[0] + bytes > 8192) {
                    return false;
                }
                held[0] += bytes;
                return true;
            }

            @Override
            public void release(int bytes) {
                held[0] -= bytes;
            }
        };
        RecordAssembler assembler = new RecordAssembler(MIB, budget);
        byte[] record = assembler.feed(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 2, 1, 2}));
        assertArrayEquals(new byte[] {1, 2}, record);
        assertTrue(held[0] > 0, "a completed record stays counted until the server is done with it");
        assembler.releaseCompleted();
        assertEquals(0, held[0]);
        ByteBuffer big = ByteBuffer.allocate(4 + 9000).putInt(0, 0x8000_0000 | 9000);
        assertThrows(RecordMarkingException.class, () -> assembler.feed(big));
        assembler.releaseAll();
        assertEquals(0, held[0]);
    }

    @Test
    void aTakenRecordStaysCountedWhileLaterRecordsComplete() throws Exception {
        long[] held = {0};
        RecordAssembler.Budget budget = new RecordAssembler.Budget() {
            @Override
            public boolean reserve(int bytes) {
                held[0] += bytes;
                return true;
            }

            @Override
            public void release(int bytes) {
                held[0] -= bytes;
            }
        };
        RecordAssembler assembler = new RecordAssembler(MIB, budget);
        ByteBuffer two = ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0, 1, 7, (byte) 0x80, 0, 0, 1, 8});
        assertArrayEquals(new byte[] {7}, assembler.feed(two));
        int first = assembler.takeCompleted();
        assertArrayEquals(new byte[] {8}, assembler.feed(two));
        int second = assembler.takeCompleted();

        assertTrue(first > 0 && second > 0);
        assertEquals(first + second, held[0], "both records in flight are counted");
        assembler.releaseAll();
        assertEquals(first + second, held[0], "closing leaves taken records to whoever answers them");
        budget.release(first);
        budget.release(second);
        assertEquals(0, held[0]);
    }
}
