package dev.gssproxy4j.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordMutatorTest {

    private static final byte[] CALL = GssProxyMessages.encodeCall(1, Procedure.INDICATE_MECHS,
            Args.indicateMechs(), GssProxyMessages.MAX_RECORD);

    @Test
    void framingIsIntactForOneOrSeveralFragmentsThatEndExactly() {
        assertTrue(RecordMutator.framingIntact(CALL));
        byte[] split = {0, 0, 0, 2, 9, 9, (byte) 0x80, 0, 0, 1, 9};
        assertTrue(RecordMutator.framingIntact(split));
        byte[] longer = CALL.clone();
        longer[3]++;
        assertFalse(RecordMutator.framingIntact(longer), "mark promises a byte more than sent");
        byte[] notLast = CALL.clone();
        notLast[0] = 0;
        assertFalse(RecordMutator.framingIntact(notLast), "no last fragment");
        assertFalse(RecordMutator.framingIntact(new byte[] {(byte) 0x80, 0}), "a cut mark");
        assertFalse(RecordMutator.framingIntact(new byte[0]));
    }

    @Test
    void mutatesAnyBytesWithoutThrowingEvenTinyOnes() {
        SplittableRandom random = new SplittableRandom(3);
        for (int length = 0; length < 64; length++) {
            byte[] record = new byte[length];
            random.nextBytes(record);
            for (int i = 0; i < 50; i++) {
                assertNotNull(RecordMutator.mutate(record, random).record());
            }
        }
        for (int i = 0; i < 2000; i++) {
            RecordMutator.Result result = RecordMutator.mutate(CALL, random);
            assertFalse(result.what().isEmpty());
        }
    }

    @Test
    void twoFragmentsOfAValidCallKeepTheFramingIntact() {
        SplittableRandom random = new SplittableRandom(1);
        boolean seen = false;
        for (int i = 0; i < 500; i++) {
            RecordMutator.Result result = RecordMutator.mutate(CALL, random);
            if (result.what().equals("mark-two-fragments")) {
                seen = true;
                assertTrue(RecordMutator.framingIntact(result.record()));
            }
        }
        assertTrue(seen);
    }
}
