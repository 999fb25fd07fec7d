package dev.gssproxy4j.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutantFactoryTest {

    private static final int CALLS = 2000;
    private static final List<Seed> SEEDS = TestSeeds.seeds();
    private static final Material MATERIAL = TestSeeds.material(SEEDS);

    @Test
    void theSameSeedGivesTheSameMutantsAndAnotherSeedOthers() {
        MutantFactory first = new MutantFactory(SEEDS, MATERIAL, 42);
        MutantFactory again = new MutantFactory(SEEDS, MATERIAL, 42);
        MutantFactory other = new MutantFactory(SEEDS, MATERIAL, 43);
        int differ = 0;
        for (long i = 0; i < CALLS; i++) {
            Mutant a = first.mutant(i);
            Mutant b = again.mutant(i);
            assertArrayEquals(a.record(), b.record(), "call " + i);
            assertEquals(a.inputClass(), b.inputClass(), "call " + i);
            assertEquals(a.framing(), b.framing(), "call " + i);
            differ += Arrays.equals(a.record(), other.mutant(i).record()) ? 0 : 1;
        }
        assertTrue(differ > CALLS * 9 / 10, "another seed changed only " + differ + " of " + CALLS + " calls");
        // Call n does not depend on the calls made before it (connections take numbers in any order).
        assertArrayEquals(first.mutant(1234).record(), new MutantFactory(SEEDS, MATERIAL, 42).mutant(1234).record());
    }

    @Test
    void everyMutantIsARecordThatDecodesOrIsRefusedWithoutOtherErrors() {
        MutantFactory factory = new MutantFactory(SEEDS, MATERIAL, 7);
        int decodable = 0;
        int refused = 0;
        Set<String> kinds = new HashSet<>();
        for (long i = 0; i < CALLS; i++) {
            Mutant mutant = factory.mutant(i);
            assertTrue(mutant.record().length >= 4, mutant.toString());
            assertEquals(!RecordMutator.framingIntact(mutant.record()), mutant.framing(), mutant.toString());
            assertFalse(mutant.toString().contains("0x"), "no bytes in names: " + mutant);
            kinds.add(mutant.inputClass().replaceAll(":.*", ""));
            if (decodes(mutant.record())) {
                decodable++;
            } else {
                refused++;
                assertFalse(mutant.exact() && !mutant.framing() && mutant.record().length < (1 << 20),
                        "a structure mutant the codec cannot read back: " + mutant);
            }
        }
        assertTrue(decodable > CALLS / 2, decodable + " decodable");
        assertTrue(refused > CALLS / 20, refused + " undecodable");
        assertTrue(kinds.size() > 50, "only " + kinds.size() + " input classes: " + kinds);
    }

    @Test
    void mutationsReachEveryKindOfField() {
        MutantFactory factory = new MutantFactory(SEEDS, MATERIAL, 11);
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < CALLS; i++) {
            seen.add(factory.mutant(i).inputClass());
        }
        String all = String.join("\n", seen);
        for (String expected : List.of("exported-name-trailing-byte", "oid-2a86", "ctx-token:", "int=2^63",
                "bool-flip", "list-many", "absent", "swap-from-other-call", "mark-longer", "header-proc",
                "xdr-length-word", "option-name-known", "seed")) {
            assertTrue(all.contains(expected), "no mutant with " + expected);
        }
    }

    @Test
    void aMutantWithSeveralChangesSplitsIntoOneMutantPerChange() {
        MutantFactory factory = new MutantFactory(SEEDS, MATERIAL, 5);
        int split = 0;
        for (long i = 0; i < CALLS && split < 20; i++) {
            Mutant mutant = factory.mutant(i);
            List<Mutant> singles = factory.singleChanges(i);
            if (!singles.isEmpty()) {
                split++;
                assertTrue(mutant.inputClass().contains(" + "), mutant.inputClass());
                for (Mutant single : singles) {
                    assertFalse(single.inputClass().contains(" + "), single.inputClass());
                    assertEquals(mutant.index(), single.index());
                    assertTrue(single.exact());
                }
            }
        }
        assertTrue(split > 0, "no mutant made several changes");
        assertEquals(List.of(), factory.singleChanges(findSingle(factory)));
    }

    private static long findSingle(MutantFactory factory) {
        for (long i = 0; ; i++) {
            if (!factory.mutant(i).inputClass().contains(" + ")) {
                return i;
            }
        }
    }

    private static boolean decodes(byte[] record) {
        if (!RecordMutator.framingIntact(record) || record.length < 8) {
            return false;
        }
        try {
            DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(),
                    XdrLimits.DEFAULT);
            return message.body() instanceof DecodedMessage.Args;
        } catch (XdrDecodeException e) {
            return false;
        }
    }
}
