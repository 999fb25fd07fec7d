package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gssproxy4j.protocol.dump.WireCheck;
import dev.gssproxy4j.rpc.RecordMarkingException;
import dev.gssproxy4j.rpc.RecordReader;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrDecodeException.Reason;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile input: every failure is an {@link XdrDecodeException} (or {@link RecordMarkingException} for framing)
 * with a clear reason, field and offset, and no failure allocates more than a small, fixed amount of memory.
 */
class MalformedInputTest {

    private static final long ONE_MIB = 1 << 20;
    /** No cap but the bytes that remain: proves the remaining-bytes check alone protects the heap. */
    private static final XdrLimits UNCAPPED = new XdrLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    @Test
    void everyGoldenRecordTruncatedAtEveryOffsetFailsAsTruncated() {
        for (String name : Golden.valid()) {
            byte[] record = Golden.read(name);
            Optional<Procedure> hint = Golden.procedure(name);
            DecodedMessage whole = Golden.decode(name);
            // A foreign program's arguments are kept as raw bytes, so only its header can be cut short.
            int mustFailBefore = whole.body() instanceof DecodedMessage.Foreign ? whole.bodyOffset() : record.length;
            for (int end = 4; end < mustFailBefore; end++) {
                int cut = end;
                XdrDecodeException e = assertThrows(XdrDecodeException.class,
                        () -> GssProxyMessages.decodeMessage(record, 4, cut, hint, XdrLimits.DEFAULT),
                        name + " cut at " + cut);
                assertEquals(Reason.TRUNCATED, e.reason(), name + " cut at " + cut + ": " + e.getMessage());
                assertTrue(e.offset() <= cut, e.getMessage());
            }
        }
    }

    @Test
    void hugeLengthsAreRefusedBeforeAllocating() {
        // kernel/01: input_token length at 156; accept/04 reply: exported_context_token length at 80.
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 156, 0x7fff_ffff), XdrLimits.DEFAULT,
                Reason.OVER_CAP, 156, "gssx_arg_accept_sec_context.input_token");
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 156, 0xffff_ffff), XdrLimits.DEFAULT,
                Reason.OVER_CAP, 156, "gssx_arg_accept_sec_context.input_token");
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 156, 0x7fff_ffff), UNCAPPED,
                Reason.TRUNCATED, 156, "gssx_arg_accept_sec_context.input_token");
        // 2^32-1 cannot be an int-sized Java length at all: over any cap.
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 156, 0xffff_ffff), UNCAPPED,
                Reason.OVER_CAP, 156, "gssx_arg_accept_sec_context.input_token");
        expect(patch("accept/04-ACCEPT_SEC_CONTEXT.reply.bin", 80, 0x7fff_ffff), UNCAPPED, Reason.TRUNCATED, 80,
                "gssx_res_accept_sec_context.context_handle.exported_context_token");
    }

    @Test
    void hugeArrayCountsAreRefusedBeforeAllocating() {
        // kernel/01: call_ctx.options count at 52.
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 52, 10_000_000), XdrLimits.DEFAULT,
                Reason.OVER_CAP, 52, "gssx_arg_accept_sec_context.call_ctx.options");
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 52, 10_000_000), UNCAPPED,
                Reason.TRUNCATED, 52, "gssx_arg_accept_sec_context.call_ctx.options");
        // accept/01 reply: mechs count at 64.
        expect(patch("accept/01-INDICATE_MECHS.reply.bin", 64, 0x7fff_ffff), UNCAPPED, Reason.TRUNCATED, 64,
                "gssx_res_indicate_mechs.mechs");
    }

    @Test
    void badEnumAndBoolValuesAreRefused() {
        // accept/02 call: cred_usage at 148, add_cred_to_input_handle at 60, input_cred_handle discriminant at 56.
        expect(patch("accept/02-ACQUIRE_CRED.call.bin", 148, 7), XdrLimits.DEFAULT, Reason.BAD_ENUM, 148,
                "gssx_arg_acquire_cred.cred_usage");
        expect(patch("accept/02-ACQUIRE_CRED.call.bin", 148, 0), XdrLimits.DEFAULT, Reason.BAD_ENUM, 148,
                "gssx_arg_acquire_cred.cred_usage");
        expect(patch("accept/02-ACQUIRE_CRED.call.bin", 60, 2), XdrLimits.DEFAULT, Reason.BAD_BOOL, 60,
                "gssx_arg_acquire_cred.add_cred_to_input_handle");
        expect(patch("accept/02-ACQUIRE_CRED.call.bin", 56, 2), XdrLimits.DEFAULT, Reason.BAD_BOOL, 56,
                "gssx_arg_acquire_cred.input_cred_handle");
        expect(patch("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", 904, 2), XdrLimits.DEFAULT, Reason.BAD_BOOL,
                904, "gssx_arg_accept_sec_context.ret_deleg_cred");
        // accept/02 reply: cred element's cred_usage at 428.
        expect(patch("accept/02-ACQUIRE_CRED.reply.bin", 428, 7), XdrLimits.DEFAULT, Reason.BAD_ENUM, 428,
                "gssx_res_acquire_cred.output_cred_handle.elements[0].cred_usage");
    }

    @Test
    void trailingBytesAfterArgsOrResultsAreRefused() {
        for (String name : new String[] {"kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin",
            "init/04-INIT_SEC_CONTEXT.reply.bin", "errors/07-rpcvers-3.reply.bin"}) {
            byte[] record = Arrays.copyOf(Golden.read(name), Golden.read(name).length + 4);
            ByteBuffer.wrap(record).putInt(0, 0x8000_0000 | (record.length - 4));
            XdrDecodeException e = expect(new Patched(name, record), XdrLimits.DEFAULT, Reason.TRAILING_BYTES,
                    record.length - 4, null);
            assertTrue(e.getMessage().contains("4 bytes left after the end of"), e.getMessage());
            assertInstanceOf(WireCheck.DoesNotDecode.class, WireCheck.check(record, Golden.procedure(name)));
        }
    }

    @Test
    void recordMarksOverTheMaximumAreRefusedBeforeAllocating() {
        for (int mark : new int[] {0x8010_0001, 0xffff_ffff, 0x7fff_ffff}) {
            byte[] stream = ByteBuffer.allocate(8).putInt(mark).putInt(0x4b45000b).array();
            assertAllocatesLittle(() -> {
                RecordMarkingException e = assertThrows(RecordMarkingException.class,
                        () -> new RecordReader(Channels.newChannel(new ByteArrayInputStream(stream))).read());
                assertEquals(RecordMarkingException.Reason.TOO_LARGE, e.reason());
            });
        }
    }

    @Test
    void aSmallMessageClaimingAHugeOpaqueAllocatesNothingBig() {
        // IMPORT_CRED call: 40-byte header, empty call_ctx, then exported_handle claiming 2^31-1 bytes.
        byte[] message = ByteBuffer.allocate(56).putInt(7).putInt(0).putInt(2).putInt(Procedure.PROGRAM)
                .putInt(Procedure.VERSION).putInt(Procedure.IMPORT_CRED.wire()).putLong(0).putLong(0)
                .putInt(0).putInt(0).putInt(0).putInt(0x7fff_ffff).array();
        for (XdrLimits limits : new XdrLimits[] {XdrLimits.DEFAULT, UNCAPPED}) {
            assertAllocatesLittle(() -> {
                XdrDecodeException e = assertThrows(XdrDecodeException.class,
                        () -> GssProxyMessages.decodeMessage(message, 0, message.length, Optional.empty(), limits));
                assertEquals("gssx_arg_import_cred.exported_handle", e.field());
                assertEquals(52, e.offset());
            });
        }
    }

    /** A golden record with one big-endian int replaced, at an offset from decoded.txt. */
    private record Patched(String name, byte[] record) {}

    private static Patched patch(String name, int offset, int value) {
        byte[] record = Golden.read(name);
        ByteBuffer.wrap(record).putInt(offset, value);
        return new Patched(name, record);
    }

    private static XdrDecodeException expect(Patched patched, XdrLimits limits, Reason reason, int offset,
                                             String field) {
        XdrDecodeException[] thrown = new XdrDecodeException[1];
        assertAllocatesLittle(() -> thrown[0] = assertThrows(XdrDecodeException.class,
                () -> GssProxyMessages.decodeMessage(patched.record(), 4, patched.record().length,
                        Golden.procedure(patched.name()), limits), patched.name()));
        XdrDecodeException e = thrown[0];
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        if (field != null) {
            assertEquals(field, e.field(), e.getMessage());
        }
        assertTrue(e.getMessage().contains("at offset " + offset), e.getMessage());
        return e;
    }

    /** Runs {@code action} twice (the first warms up class loading) and checks the second allocates < 1 MiB. */
    private static void assertAllocatesLittle(Executable action) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try {
            action.execute();
            long before = threads.getCurrentThreadAllocatedBytes();
            action.execute();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < ONE_MIB, "decoding hostile input allocated " + allocated + " bytes");
        } catch (Throwable t) {
            if (t instanceof AssertionError error) {
                throw error;
            }
            fail(t);
        }
    }
}
