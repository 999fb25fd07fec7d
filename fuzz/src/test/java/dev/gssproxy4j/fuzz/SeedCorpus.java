package dev.gssproxy4j.fuzz;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.*;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes the binary seed inputs of the fuzz tests into their regression directories: real records captured from
 * upstream gssproxy ({@code shared/wire}, see its README), values for the procedures no capture has, built from
 * captured handles, and hand-made framing and sealed-handle cases. Not a test: run it by hand when the seeds
 * should change (fuzz/README.md has the command); the tests read only what it wrote.
 */
final class SeedCorpus {

    private final Path wire;
    private final Path out;

    private SeedCorpus(Path wire, Path out) {
        this.wire = wire;
        this.out = out;
    }

    /** Arguments: the {@code shared/wire} directory, then the output directory (the test resources package). */
    public static void main(String[] args) throws IOException {
        new SeedCorpus(Path.of(args[0]), Path.of(args[1])).writeAll();
    }

    private void writeAll() throws IOException {
        recordReader();
        rpcHeader();
        callArgs();
        callRecord();
        replyRecord();
        handles();
    }

    /** {@code [max record size, bytes per read - 1] + stream}. */
    private void recordReader() throws IOException {
        String dir = "RecordFramingFuzzTestInputs/recordReader/";
        byte[] indicate = call("accept/01-INDICATE_MECHS");
        write(dir + "seed-one-record", concat(bytes(0xff, 7), indicate));
        write(dir + "seed-one-record-trickled", concat(bytes(0xff, 0), indicate));
        write(dir + "seed-two-records", concat(bytes(0xff, 3), indicate, call("errors/03-proc-0")));
        write(dir + "seed-record-over-max", concat(bytes(0x20, 7), indicate));
        write(dir + "seed-non-last-fragment", concat(bytes(0xff, 7), call("errors/11-non-last-fragment")));
        write(dir + "seed-mark-too-big", concat(bytes(0xff, 7), call("errors/12-mark-too-big")));
        write(dir + "seed-three-fragments", concat(bytes(0xff, 2), hex("00000002" + "0102" + "00000001" + "03"
                + "80000002" + "0405")));
        write(dir + "seed-empty-fragments", concat(bytes(0xff, 7), hex("00000000".repeat(70))));
        write(dir + "seed-truncated-body", concat(bytes(0xff, 7), hex("8000000401")));
    }

    /** One message without its mark. */
    private void rpcHeader() throws IOException {
        String dir = "RecordFramingFuzzTestInputs/rpcHeader/";
        for (String name : List.of("accept/01-INDICATE_MECHS.call", "errors/06-auth-sys.call",
                "errors/07-rpcvers-3.call", "errors/08-msgtype-reply.call", "errors/10-cred-body-401.call",
                "accept/05-IMPORT_AND_CANON_NAME.reply", "errors/01-wrong-program.reply",
                "errors/02-wrong-version.reply", "errors/06-auth-sys.reply", "errors/07-rpcvers-3.reply")) {
            byte[] record = read(name);
            write(dir + seedName(name), Arrays.copyOfRange(record, 4, Math.min(record.length, 4 + 96)));
        }
    }

    /** {@code [procedure wire number - 1] + arguments}: every captured call, and one built call per other procedure. */
    private void callArgs() throws IOException {
        String dir = "ProtocolFuzzTestInputs/callArgs/";
        for (String name : List.of("accept/01-INDICATE_MECHS", "accept/02-ACQUIRE_CRED", "accept/03-ACQUIRE_CRED",
                "accept/04-ACCEPT_SEC_CONTEXT", "accept/05-IMPORT_AND_CANON_NAME", "init/02-INIT_SEC_CONTEXT",
                "init/04-INIT_SEC_CONTEXT", "kernel/01-ACCEPT_SEC_CONTEXT-alice")) {
            byte[] record = call(name);
            Procedure procedure = Procedure.fromFileName(name).orElseThrow();
            write(dir + seedName(name + ".call"), concat(bytes(procedure.wire() - 1),
                    Arrays.copyOfRange(record, 44, record.length)));
        }
        GssxCtx ctx = establishedContext();
        GssxCred cred = acquiredCred();
        Opaque message = Opaque.utf8("message");
        Opaque token = Opaque.of(new byte[28]);
        built(dir, new ArgGetCallContext(CallCtx.EMPTY, List.of()));
        built(dir, new ArgExportCred(CallCtx.EMPTY, cred, CredUsage.ACCEPT, List.of()));
        built(dir, new ArgImportCred(CallCtx.EMPTY, cred.credHandleReference(), List.of()));
        built(dir, new ArgStoreCred(CallCtx.EMPTY, cred, CredUsage.INITIATE, Oids.KRB5, true, false, List.of()));
        built(dir, new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.Cred(cred)));
        write(dir + "seed-built-RELEASE_HANDLE-other", concat(bytes(Procedure.RELEASE_HANDLE.wire() - 1),
                xdr(new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.Other(7, message)))));
        built(dir, new ArgGetMic(CallCtx.EMPTY, ctx, 0, message));
        built(dir, new ArgVerifyMic(CallCtx.EMPTY, ctx, message, token));
        built(dir, new ArgWrap(CallCtx.EMPTY, ctx, true, List.of(message), 0));
        built(dir, new ArgUnwrap(CallCtx.EMPTY, ctx, List.of(token), 0));
        built(dir, new ArgWrapSizeLimit(CallCtx.EMPTY, ctx, true, 0, 4096));
    }

    /** Whole call records as a client writes them, the RPC-level error cases included. */
    private void callRecord() throws IOException {
        String dir = "ProtocolFuzzTestInputs/callRecord/";
        for (String name : List.of("accept/01-INDICATE_MECHS", "accept/04-ACCEPT_SEC_CONTEXT",
                "init/04-INIT_SEC_CONTEXT", "kernel/01-ACCEPT_SEC_CONTEXT-alice", "errors/01-wrong-program",
                "errors/03-proc-0", "errors/04-proc-16", "errors/05-garbage-args", "errors/06-auth-sys",
                "errors/08-msgtype-reply", "errors/09-truncated-header", "errors/10-cred-body-401",
                "errors/11-non-last-fragment", "errors/12-mark-too-big")) {
            write(dir + seedName(name + ".call"), call(name));
        }
        write(dir + "seed-two-records", concat(call("accept/01-INDICATE_MECHS"),
                call("accept/05-IMPORT_AND_CANON_NAME")));
    }

    /** {@code [procedure wire number - 1] + reply without mark}: captured replies, then built results. */
    private void replyRecord() throws IOException {
        String dir = "ProtocolFuzzTestInputs/replyRecord/";
        for (String name : List.of("accept/01-INDICATE_MECHS", "accept/02-ACQUIRE_CRED",
                "accept/04-ACCEPT_SEC_CONTEXT", "accept/05-IMPORT_AND_CANON_NAME", "init/02-INIT_SEC_CONTEXT",
                "init/04-INIT_SEC_CONTEXT", "kernel/01-ACCEPT_SEC_CONTEXT-alice",
                "kernel/02-ACCEPT_SEC_CONTEXT-bob-unmapped", "errors/14-gss-replay",
                "errors/15-gss-defective-token", "errors/01-wrong-program", "errors/06-auth-sys",
                "errors/07-rpcvers-3")) {
            Procedure procedure = Procedure.fromFileName(name).orElse(Procedure.ACCEPT_SEC_CONTEXT);
            byte[] record = read(name + ".reply");
            write(dir + seedName(name + ".reply"), concat(bytes(procedure.wire() - 1),
                    Arrays.copyOfRange(record, 4, record.length)));
        }
        GssxCred cred = acquiredCred();
        GssxStatus ok = GssxStatus.COMPLETE;
        Opaque token = Opaque.of(new byte[28]);
        reply(dir, Procedure.GET_CALL_CONTEXT, new ResGetCallContext(ok, Opaque.EMPTY, List.of()));
        reply(dir, Procedure.EXPORT_CRED, new ResExportCred(ok, CredUsage.ACCEPT,
                Optional.of(cred.credHandleReference()), List.of()));
        reply(dir, Procedure.IMPORT_CRED, new ResImportCred(ok, Optional.of(cred), List.of()));
        reply(dir, Procedure.STORE_CRED, new ResStoreCred(ok, List.of(Oids.KRB5), CredUsage.INITIATE, List.of()));
        reply(dir, Procedure.RELEASE_HANDLE, new ResReleaseHandle(ok));
        reply(dir, Procedure.GET_MIC, new ResGetMic(ok, Optional.empty(), token, Optional.of(0L)));
        reply(dir, Procedure.VERIFY, new ResVerifyMic(ok, Optional.empty(), Optional.of(0L)));
        reply(dir, Procedure.WRAP, new ResWrap(ok, Optional.empty(), List.of(token), Optional.of(true),
                Optional.of(0L)));
        reply(dir, Procedure.UNWRAP, new ResUnwrap(ok, Optional.empty(), List.of(Opaque.utf8("message")),
                Optional.of(true), Optional.of(0L)));
        reply(dir, Procedure.WRAP_SIZE_LIMIT, new ResWrapSizeLimit(ok, 4000));
    }

    /**
     * openMutated: {@code [variant, length (BE16)] + XOR mask} over a 106-byte sealed handle (42 bytes of overhead,
     * 64 of payload); openArbitrary: {@code [kind/binding/key-id bits] + handle}.
     */
    private void handles() throws IOException {
        String dir = "HandleSealerFuzzTestInputs/openMutated/";
        write(dir + "seed-genuine", bytes(0, 0, 106));
        write(dir + "seed-genuine-context", bytes(4, 0, 106));
        write(dir + "seed-other-uid", bytes(1, 0, 106));
        write(dir + "seed-other-service", bytes(2, 0, 106));
        write(dir + "seed-other-kind", bytes(3, 0, 106));
        write(dir + "seed-version-flipped", bytes(0, 0, 106, 0x01));
        write(dir + "seed-key-id-flipped", bytes(0, 0, 106, 0, 0, 0, 0, 0x80));
        write(dir + "seed-nonce-flipped", concat(bytes(0, 0, 106), new byte[10], bytes(0x01)));
        write(dir + "seed-ciphertext-flipped", concat(bytes(0, 0, 106), new byte[40], bytes(0x40)));
        write(dir + "seed-tag-flipped", concat(bytes(0, 0, 106), new byte[105], bytes(0x01)));
        write(dir + "seed-truncated", bytes(0, 0, 105));
        write(dir + "seed-extended", bytes(0, 0, 107));
        write(dir + "seed-under-overhead", bytes(0, 0, 41));

        dir = "HandleSealerFuzzTestInputs/openArbitrary/";
        write(dir + "seed-empty-handle", bytes(0));
        write(dir + "seed-zeros", concat(bytes(0), new byte[64]));
        write(dir + "seed-version-1-unknown-key", concat(bytes(0, 1), new byte[63]));
        write(dir + "seed-version-1-this-key", concat(bytes(0x80, 1), new byte[63]));
        write(dir + "seed-version-1-this-key-context", concat(bytes(0x83, 1), new byte[63]));
        write(dir + "seed-version-2", concat(bytes(0x80, 2), new byte[63]));
    }

    private void built(String dir, GssxArg args) throws IOException {
        Procedure procedure = Arrays.stream(Procedure.values()).filter(p -> p.argType().isInstance(args))
                .findFirst().orElseThrow();
        write(dir + "seed-built-" + procedure.name(), concat(bytes(procedure.wire() - 1), xdr(args)));
    }

    private void reply(String dir, Procedure procedure, GssxRes result) throws IOException {
        byte[] record = GssProxyMessages.encodeReply(0x1234, procedure, result, GssProxyMessages.MAX_RECORD);
        write(dir + "seed-built-" + procedure.name(), concat(bytes(procedure.wire() - 1),
                Arrays.copyOfRange(record, 4, record.length)));
    }

    /** The context handle of the established context in the captured accept reply. */
    private GssxCtx establishedContext() throws IOException {
        return ((ResAcceptSecContext) replyResults("accept/04-ACCEPT_SEC_CONTEXT")).contextHandle().orElseThrow();
    }

    /** The credential handle the daemon returned to the captured acquire call. */
    private GssxCred acquiredCred() throws IOException {
        return ((ResAcquireCred) replyResults("accept/02-ACQUIRE_CRED")).outputCredHandle().orElseThrow();
    }

    private GssxRes replyResults(String name) throws IOException {
        byte[] record = read(name + ".reply");
        DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length,
                Procedure.fromFileName(name), XdrLimits.DEFAULT);
        return ((DecodedMessage.Results) message.body()).result();
    }

    private byte[] call(String name) throws IOException {
        return read(name + ".call");
    }

    private byte[] read(String name) throws IOException {
        return Files.readAllBytes(wire.resolve(name + ".bin"));
    }

    private void write(String relative, byte[] content) throws IOException {
        Path file = out.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** {@code accept/04-ACCEPT_SEC_CONTEXT.call} to {@code seed-accept-04-ACCEPT_SEC_CONTEXT.call}. */
    private static String seedName(String name) {
        return "seed-" + name.replace('/', '-');
    }

    private static byte[] xdr(GssxStruct value) {
        XdrWriter writer = new XdrWriter(GssProxyMessages.MAX_RECORD);
        value.encode(writer);
        return writer.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] whole = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        return whole;
    }
}
