package dev.gssproxy4j.bench.jmh;

import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
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

/**
 * AES-256-GCM sealing and opening of a credential handle ({@link HandleSealer} over {@link Keyring#ephemeral()}).
 * Payload sizes are those MIT's {@code gss_export_cred} produces (java-platform-notes): about 270 bytes for an
 * acceptor credential (what every ACCEPT opens) and about 2.9 KB for an initiator credential.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SealBenchmark {

    @Param({"270", "2900"})
    public int payloadBytes;

    private HandleSealer sealer;
    private Binding binding;
    private Instant expiry;
    private Instant now;
    private byte[] payload;
    private byte[] sealed;

    @Setup
    public void setUp() {
        sealer = new HandleSealer(Keyring.ephemeral());
        binding = Binding.of("bench", 1000);
        now = Instant.now();
        expiry = now.plus(Duration.ofHours(10));
        payload = new byte[payloadBytes];
        ThreadLocalRandom.current().nextBytes(payload);
        sealed = sealer.seal(HandleKind.CREDENTIAL, binding, expiry, payload);
    }

    @Benchmark
    public byte[] seal() {
        return sealer.seal(HandleKind.CREDENTIAL, binding, expiry, payload);
    }

    @Benchmark
    public HandleSealer.Opened open() throws HandleException {
        return sealer.open(HandleKind.CREDENTIAL, binding, sealed, now);
    }
}
