package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.GssProxyException.Reason;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Everything below the GSS level that must end a call with {@link GssProxyException}, against a fake server. */
@Timeout(20) // a safety net: no test here waits for more than the one short I/O timeout
class ClientFailureTest {

    private static final String MECHS = "accept/01-INDICATE_MECHS.reply.bin";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "errors/01-wrong-program.reply.bin, MSG_ACCEPTED/PROG_UNAVAIL",
        "errors/02-wrong-version.reply.bin, 'MSG_ACCEPTED/PROG_MISMATCH(1,1)'",
        "errors/03-proc-0.reply.bin, MSG_ACCEPTED/PROC_UNAVAIL",
        "errors/04-proc-16.reply.bin, MSG_ACCEPTED/PROC_UNAVAIL",
        "errors/05-garbage-args.reply.bin, MSG_ACCEPTED/GARBAGE_ARGS",
        "errors/06-auth-sys.reply.bin, MSG_DENIED/AUTH_ERROR(AUTH_FAILED)",
        "errors/07-rpcvers-3.reply.bin, 'MSG_DENIED/RPC_MISMATCH(2,2)'"})
    void rpcErrorRepliesNameTheStatusAndKeepTheConnection(String errorReply, String status) throws Exception {
        Function<byte[], FakeServer.Action> errorThenMechs = firstThen(FakeServer.always(errorReply),
                FakeServer.always(MECHS));
        try (FakeServer server = FakeServer.start(dir, errorThenMechs);
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            GssProxyException e = assertFails(Reason.RPC_ERROR, client::indicateMechs);
            assertTrue(e.getMessage().contains(status) && e.getMessage().contains("INDICATE_MECHS"), e.getMessage());
            assertEquals(status, e.rpcReply().orElseThrow().statusName());
            // Like upstream's daemon, which answers the next call on the same connection.
            assertTrue(client.isOpen());
            assertTrue(client.indicateMechs().status().isComplete());
        }
    }

    @Test
    void gssErrorsAreResultsUntilRequired() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always("errors/14-gss-replay.reply.bin"));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            ResAcceptSecContext result = client.acceptSecContext(Args.kernelAccept(new byte[32]));
            assertEquals(0xd0000, result.status().majorStatus());
            GssProxyException e = assertThrows(GssProxyException.class, () -> GssProxyClient.requireComplete(result));
            assertEquals(Reason.GSS_ERROR, e.reason());
            assertTrue(e.getMessage().contains("GSS_S_FAILURE") && e.getMessage().contains("Request is a replay")
                    && e.getMessage().contains("0x96c73a22"), e.getMessage());
            assertEquals(result.status(), e.gssStatus().orElseThrow());
            assertThrows(GssProxyException.class, () -> GssProxyClient.requireNoError(result));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void xidMismatchClosesTheClient() throws Exception {
        byte[] golden = GoldenRecords.read(MECHS);
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Reply(
                GoldenRecords.withXid(golden, GoldenRecords.xid(request) + 1)));
             GssProxyClient client = GssProxyClient.connect(server.socket(),
                     ClientOptions.DEFAULTS.withFirstXid(0xfffffffe))) {
            GssProxyException e = assertFails(Reason.XID_MISMATCH, client::indicateMechs);
            assertTrue(e.getMessage().contains("0xfffffffe") && e.getMessage().contains("0xffffffff"),
                    e.getMessage());
            assertFalse(client.isOpen());
            GssProxyException later = assertFails(Reason.CLIENT_CLOSED, client::indicateMechs);
            assertTrue(later.getMessage().contains("XID_MISMATCH"), later.getMessage());
        }
    }

    @Test
    void xidsCountUpFromARandomSeedAndWrap() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient random = GssProxyClient.connect(server.socket());
             GssProxyClient wrapping = GssProxyClient.connect(server.socket(),
                     ClientOptions.DEFAULTS.withFirstXid(-1))) {
            random.indicateMechs();
            random.indicateMechs();
            assertEquals(GoldenRecords.xid(server.nextRequest()) + 1, GoldenRecords.xid(server.nextRequest()));
            wrapping.indicateMechs();
            wrapping.indicateMechs();
            assertEquals(0xffffffff, GoldenRecords.xid(server.nextRequest()));
            assertEquals(0, GoldenRecords.xid(server.nextRequest()));
        }
    }

    @Test
    void serverClosingTheConnectionBeforeReplying() throws Exception {
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Close(new byte[0]));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            GssProxyException e = assertFails(Reason.CONNECTION_CLOSED, client::indicateMechs);
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
            assertTrue(e.requestSent(), "the server read the request: it may have acted on it");
            assertFalse(client.isOpen());
        }
    }

    @Test
    void aCallOnAConnectionTheServerHasClosedIsKnownNotToHaveBeenSent() throws Exception {
        FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
        try (GssProxyClient client = GssProxyClient.connect(server.socket())) {
            client.indicateMechs();
            server.close(); // as a daemon killed between two calls: its end of the connection is gone
            GssProxyException e = assertFails(Reason.CONNECTION_CLOSED, client::indicateMechs);
            assertFalse(e.requestSent(), e.getMessage());
            assertTrue(e.getMessage().contains("did not reach the server"), e.getMessage());
            GssProxyException later = assertFails(Reason.CLIENT_CLOSED, client::indicateMechs);
            assertFalse(later.requestSent(), later.getMessage());
        }
    }

    @Test
    void serverClosingInsideTheReplyIsAFramingError() throws Exception {
        byte[] golden = GoldenRecords.read(MECHS);
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Close(
                Arrays.copyOf(GoldenRecords.withXid(golden, GoldenRecords.xid(request)), 100)));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            GssProxyException e = assertFails(Reason.FRAMING, client::indicateMechs);
            assertTrue(e.getMessage().contains("ended inside a record"), e.getMessage());
        }
    }

    @Test
    void replyOverOneMebibyteIsRefusedFromItsMark() throws Exception {
        // Upstream's errors/12 case from the other side: mark 0x80100001 announces 1 MiB + 1 byte; 4 bytes follow.
        byte[] hostile = ByteBuffer.allocate(8).putInt(0x80100001).putInt(0).array();
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Reply(hostile));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            GssProxyException e = assertFails(Reason.REPLY_TOO_LARGE, client::indicateMechs);
            assertTrue(e.getMessage().contains("1048577"), e.getMessage());
        }
    }

    @Test
    void resultsOfAnotherProcedureAreAMalformedReply() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            GssProxyException e = assertFails(Reason.MALFORMED_REPLY,
                    () -> client.acceptSecContext(Args.kernelAccept(new byte[8])));
            assertTrue(e.getMessage().contains("gssx_res_accept_sec_context"), e.getMessage());
        }
    }

    @Test
    void timeoutClosesTheConnectionInsteadOfHanging() throws Exception {
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Silent());
             GssProxyClient client = GssProxyClient.connect(server.socket(),
                     ClientOptions.DEFAULTS.withIoTimeout(Duration.ofMillis(200)))) {
            GssProxyException e = assertFails(Reason.TIMEOUT, client::indicateMechs);
            assertTrue(e.getMessage().contains("PT0.2S"), e.getMessage());
            assertFalse(client.isOpen());
            assertFails(Reason.CLIENT_CLOSED, client::indicateMechs);
        }
    }

    @Test
    void closeFromAnotherThreadEndsABlockedCall() throws Exception {
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Silent())) {
            GssProxyClient client = GssProxyClient.connect(server.socket());
            CompletableFuture<Object> call = new CompletableFuture<>();
            callOn(Thread.ofVirtual(), client, call);
            server.nextRequest(); // the call is now sent and waits for its reply
            client.close();
            assertCallFails(Reason.CLIENT_CLOSED, call);
        }
    }

    @Test
    void anInterruptedCallClosesTheConnectionAndSaysSo() throws Exception {
        try (FakeServer server = FakeServer.start(dir, request -> new FakeServer.Silent());
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            CompletableFuture<Object> call = new CompletableFuture<>();
            Thread caller = callOn(Thread.ofPlatform(), client, call);
            server.nextRequest(); // the call is now sent and waits for its reply
            caller.interrupt();
            GssProxyException failure = assertCallFails(Reason.CLIENT_CLOSED, call);
            assertTrue(failure.getMessage().contains("interrupted"), failure.getMessage());
            assertFalse(client.isOpen());
        }
    }

    @Test
    void aRequestLargerThanTheSocketBufferArrivesWhole() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            byte[] token = new byte[900_000]; // several times an AF_UNIX socket's send buffer
            Arrays.fill(token, (byte) 0x5a);
            assertThrows(GssProxyException.class, () -> client.acceptSecContext(Args.kernelAccept(token)),
                    "the canned reply is of another procedure");
            byte[] received = server.nextRequest();
            assertTrue(received.length > token.length, "request of " + received.length + " bytes");
            int filler = 0;
            for (byte b : received) {
                filler += b == 0x5a ? 1 : 0;
            }
            assertTrue(filler >= token.length, "the token arrived whole");
        }
    }

    @Test
    void concurrentCallsShareTheConnectionOneAtATime() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            List<CompletableFuture<ResIndicateMechs>> calls = IntStream.range(0, 16)
                    .mapToObj(n -> CompletableFuture.supplyAsync(client::indicateMechs,
                            command -> Thread.ofVirtual().start(command)))
                    .toList();
            for (CompletableFuture<ResIndicateMechs> call : calls) {
                assertEquals(3, call.get().mechs().size());
            }
        }
    }

    @Test
    void connectToAMissingSocketNamesThePath() {
        Path missing = dir.resolve("nobody-listens.sock");
        GssProxyException e = assertFails(Reason.CONNECT_FAILED, () -> GssProxyClient.connect(missing));
        assertFalse(e.requestSent());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(missing + ": No such file or directory (is the daemon running"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "said as a person says it: " + e.getMessage());
    }

    @Test
    void requestOverOneMebibyteIsNotSent() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            assertFails(Reason.REQUEST_TOO_LARGE, () -> client.acceptSecContext(Args.kernelAccept(new byte[1 << 20])));
            assertTrue(client.indicateMechs().status().isComplete());
            assertEquals(Procedure.INDICATE_MECHS.wire(), ByteBuffer.wrap(server.nextRequest()).getInt(24));
        }
    }

    @Test
    void argumentsOfAnotherProcedureAreRefusedBeforeSending() throws Exception {
        try (FakeServer server = FakeServer.start(dir, FakeServer.always(MECHS));
             GssProxyClient client = GssProxyClient.connect(server.socket())) {
            assertThrows(IllegalArgumentException.class,
                    () -> client.call(Procedure.INDICATE_MECHS, Args.kernelAccept(new byte[1])));
            assertTrue(client.isOpen());
        }
    }

    /** Starts a thread of {@code builder} that calls INDICATE_MECHS on {@code client} and completes {@code call}. */
    private static Thread callOn(Thread.Builder builder, GssProxyClient client, CompletableFuture<Object> call) {
        return builder.start(() -> {
            try {
                call.complete(client.indicateMechs());
            } catch (RuntimeException e) {
                call.completeExceptionally(e);
            }
        });
    }

    /** The {@link GssProxyException} {@code call} failed with, checking its reason. */
    private static GssProxyException assertCallFails(Reason reason, CompletableFuture<Object> call) {
        ExecutionException e = assertThrows(ExecutionException.class, call::get);
        GssProxyException cause = (GssProxyException) e.getCause();
        assertEquals(reason, cause.reason(), cause.getMessage());
        return cause;
    }

    private static GssProxyException assertFails(Reason reason, Executable call) {
        GssProxyException e = assertThrows(GssProxyException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(reason.name()), e.getMessage());
        return e;
    }

    private static Function<byte[], FakeServer.Action> firstThen(Function<byte[], FakeServer.Action> first,
                                                                 Function<byte[], FakeServer.Action> rest) {
        AtomicInteger count = new AtomicInteger();
        return request -> (count.getAndIncrement() == 0 ? first : rest).apply(request);
    }
}
