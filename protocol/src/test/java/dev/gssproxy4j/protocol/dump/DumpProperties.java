package dev.gssproxy4j.protocol.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxArbitraries;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.Golden;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The dumper's computed layout matches the encoder, and neither dumper nor checker throws on any input. */
class DumpProperties {

    /** How {@code DumpLines} writes a problem: at depth 0, right after the offset. */
    private static final Pattern PROBLEM_LINE = Pattern.compile("(?m)^ *\\d+  !! ");

    @Provide
    Arbitrary<List<GssxStruct>> oneOfEveryType() {
        return Combinators.combine(GssxArbitraries.ALL_TYPES.stream()
                .map(type -> GssxArbitraries.of(type).map(GssxStruct.class::cast)).toList()).as(values -> values);
    }

    @Property(tries = 30)
    void computedOffsetsMatchTheEncoder(@ForAll("oneOfEveryType") List<GssxStruct> values) {
        for (GssxStruct value : values) {
            XdrWriter writer = new XdrWriter(GssProxyMessages.MAX_RECORD);
            value.encode(writer);
            assertEquals(writer.position(), ValueDump.sizeOf(value), value.getClass().getSimpleName());
        }
    }

    @Property(tries = 60)
    void dumpOfAnyCallEndsAtTheRecordEnd(@ForAll("calls") GssxArg args, @ForAll int xid) {
        Procedure procedure = Procedure.fromWire(java.util.Arrays.asList(Procedure.values()).stream()
                .filter(p -> p.argType().isInstance(args)).findFirst().orElseThrow().wire()).orElseThrow();
        byte[] record = GssProxyMessages.encodeCall(xid, procedure, args, GssProxyMessages.MAX_RECORD);
        String dump = WireDump.describe(record, Optional.empty(), false);
        // a problem line is "offset  !! text"; a string in the call may itself contain "!!" (jqwik found "!!")
        assertFalse(PROBLEM_LINE.matcher(dump).find(), dump);
        String[] lines = dump.split("\n");
        assertEquals(String.format("%6d  }", record.length), lines[lines.length - 1], dump);
    }

    @Provide
    Arbitrary<GssxArg> calls() {
        return Arbitraries.of(Procedure.class).flatMap(p -> GssxArbitraries.of(p.argType()).map(GssxArg.class::cast));
    }

    @Provide
    Arbitrary<byte[]> mutatedGolden() {
        List<byte[]> records = Golden.all().stream().map(Golden::read).toList();
        return Combinators.combine(Arbitraries.of(records), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers(), Arbitraries.integers().between(0, 3)).as((record, where, value, mode) -> {
                    byte[] copy = record.clone();
                    int at = where % copy.length;
                    switch (mode) {
                        case 0 -> copy[at] = (byte) value.intValue();
                        case 1 -> { // overwrite a 4-byte item, e.g. a length or count
                            int aligned = at & ~3;
                            for (int i = 0; i < 4 && aligned + i < copy.length; i++) {
                                copy[aligned + i] = (byte) (value >>> (24 - 8 * i));
                            }
                        }
                        case 2 -> copy = java.util.Arrays.copyOf(copy, at);
                        default -> copy[at] ^= (byte) (1 << (value & 7));
                    }
                    return copy;
                });
    }

    @Property(tries = 400)
    void neverThrowsOnMutatedRecords(@ForAll("mutatedGolden") byte[] record, @ForAll boolean secrets) {
        for (Optional<Procedure> hint : List.of(Optional.<Procedure>empty(), Optional.of(Procedure.ACCEPT_SEC_CONTEXT),
                Optional.of(Procedure.INDICATE_MECHS))) {
            assertTrue(WireDump.describe(record, hint, secrets).startsWith("     0  "));
            assertTrue(WireCheck.check(record, hint).describe().length() > 10);
            decodesOrFailsCleanly(record, hint);
        }
    }

    @Property(tries = 200)
    void neverThrowsOnRandomBytes(@ForAll byte[] record) {
        WireDump.describe(record, Optional.of(Procedure.WRAP), true);
        WireCheck.check(record, Optional.of(Procedure.UNWRAP));
        decodesOrFailsCleanly(record, Optional.of(Procedure.GET_MIC));
    }

    /** The codec either decodes or throws XdrDecodeException; nothing else escapes. */
    private static void decodesOrFailsCleanly(byte[] record, Optional<Procedure> hint) {
        if (record.length < 4) {
            return;
        }
        try {
            GssProxyMessages.decodeMessage(record, 4, record.length, hint, XdrLimits.DEFAULT);
        } catch (XdrDecodeException expected) {
            assertTrue(expected.offset() >= 4 && expected.offset() <= record.length, expected.getMessage());
        }
    }
}
