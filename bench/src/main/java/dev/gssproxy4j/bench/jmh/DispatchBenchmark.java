package dev.gssproxy4j.bench.jmh;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.protocol.DecodedReply;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ConfigException;
import dev.gssproxy4j.server.config.ConfigLoader;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import dev.gssproxy4j.server.dispatch.HandlerTable;
import dev.gssproxy4j.server.dispatch.Policy;
import dev.gssproxy4j.server.dispatch.RpcDispatcher;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One INDICATE_MECHS record ({@code shared/wire/accept/01}) through {@link RpcDispatcher}, with no socket: RPC
 * header checks, matching the caller to a service of a loaded configuration, argument decoding, the handler
 * (whose answer is computed by MIT's library on the first call and cached), and encoding the ~5 KB reply. This is
 * the daemon's fixed per-call cost outside the GSS-API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DispatchBenchmark {

    private static final int CALLER_UID = 1000;

    /** The {@code shared} folder; empty means the system property {@code gssproxy4j.sharedDir}. */
    @Param("")
    public String sharedDir;

    private Path dir;
    private RpcDispatcher dispatcher;
    private Transport.Origin origin;
    private byte[] request;

    @Setup
    public void setUp() throws IOException, ConfigException {
        request = WireRecords.message(sharedDir, "accept/01-INDICATE_MECHS.call.bin");
        dir = Files.createTempDirectory("gssproxy4j-jmh-");
        Path socket = dir.resolve("gp.sock");
        Path conf = dir.resolve("gssproxy.conf");
        Files.writeString(conf, """
                [gssproxy]
                  debug_level = 0

                [service/bench]
                  mechs = krb5
                  euid = %d
                  socket = %s
                """.formatted(CALLER_UID, socket));
        GssProxyConfig config = new ConfigLoader().load(conf, null, socket);
        Policy policy = Policy.of(config);
        ServerResources resources = new ServerResources(Gss.get(), new HandleSealer(Keyring.ephemeral()),
                UserDirectory.system(), Clock.systemUTC());
        HandlerTable table = Handlers.all();
        dispatcher = new RpcDispatcher(() -> policy, table, resources, XdrLimits.DEFAULT,
                GssProxyMessages.MAX_RECORD);
        origin = new Transport.Origin(new Caller(CALLER_UID, CALLER_UID, 4242,
                Optional.of(Path.of("/usr/sbin/httpd")), Optional.empty(), socket), 1);
        checkAnswered(dispatcher.handle(request, origin));
    }

    /** Fails the setup unless the dispatcher answered with a complete INDICATE_MECHS result. */
    private static void checkAnswered(Transport.Outcome outcome) {
        if (!(outcome instanceof Transport.Reply(byte[] record))) {
            throw new IllegalStateException("the dispatcher dropped the INDICATE_MECHS call: " + outcome);
        }
        DecodedReply reply = GssProxyMessages.decodeReply(Procedure.INDICATE_MECHS,
                Arrays.copyOfRange(record, 4, record.length));
        if (!reply.isSuccess() || !reply.result().orElseThrow().status().isComplete()) {
            throw new IllegalStateException("INDICATE_MECHS was not served: " + reply.header().statusName()
                    + reply.result().map(r -> ", major status " + r.status().majorStatus()).orElse(""));
        }
    }

    @Benchmark
    public Transport.Outcome dispatchIndicateMechs() {
        return dispatcher.handle(request, origin);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("gssproxy.conf"));
        Files.deleteIfExists(dir);
    }
}
