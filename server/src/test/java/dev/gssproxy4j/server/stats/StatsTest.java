package dev.gssproxy4j.server.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.server.config.Caller;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counters, their rendering and who may read them, without a daemon. */
class StatsTest {

    @Test
    void percentilesAreTheUpperBoundOfTheSamplesBucketNeverBelowTheSample() {
        for (long micros : new long[] {1, 2, 3, 4, 5, 7, 8, 100, 1000, 1023, 1024, 123_456, 10_000_000}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(micros * 1000);
            long reported = h.quantileMicros(0.5);
            assertTrue(reported >= micros && reported <= micros * 1.25 + 1, micros + " reported as " + reported);
        }
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000_000L); // 1..100 ms
        }
        assertEquals(100, h.count());
        long p99 = h.quantileMicros(0.99);
        assertTrue(p99 >= 99_000 && p99 <= 99_000 * 1.25, "p99 " + p99);
    }

    @Test
    void rendersCallsFailuresAndGaugesInThePrometheusTextFormat() {
        CallStats stats = new CallStats(0);
        stats.record("ACCEPT_SEC_CONTEXT", "nfs", "GSS_S_COMPLETE", 400_000);
        stats.record("ACCEPT_SEC_CONTEXT", "nfs", "GSS_S_DEFECTIVE_TOKEN", 100_000);
        stats.record("ACCEPT_SEC_CONTEXT", "a \"quoted\"\nname", "GSS_S_COMPLETE", 100_000);
        stats.gauge("gssproxy4j_connections_open", () -> 7);
        String text = StatsReport.render(stats, 65_000);
        assertTrue(text.contains("gssproxy4j_uptime_seconds 65\n"), text);
        assertTrue(text.contains("gssproxy4j_calls_total{procedure=\"ACCEPT_SEC_CONTEXT\",service=\"nfs\"} 2\n"), text);
        assertTrue(text.contains("gssproxy4j_call_failures_total{procedure=\"ACCEPT_SEC_CONTEXT\",service=\"nfs\","
                + "major=\"GSS_S_DEFECTIVE_TOKEN\"} 1\n"), text);
        assertTrue(text.contains("service=\"a \\\"quoted\\\"\\nname\"} 1\n"), text);
        assertTrue(text.contains("# TYPE gssproxy4j_connections_open gauge\ngssproxy4j_connections_open 7\n"), text);
        assertTrue(text.lines().noneMatch(l -> l.contains("\r")));
    }

    @Test
    void seriesAreBoundedWhateverTheServiceNames() {
        CallStats stats = new CallStats(0);
        for (int i = 0; i < CallStats.MAX_SERIES + 50; i++) {
            stats.record("INDICATE_MECHS", "service-" + i, "GSS_S_COMPLETE", 1000);
        }
        assertEquals(CallStats.MAX_SERIES + 1, stats.snapshot().size());
        assertEquals(50, stats.snapshot().get(new CallStats.Key("INDICATE_MECHS", CallStats.OTHER)).latency.count());
    }

    @Test
    void onlyRootAndTheDaemonsOwnUidGetTheReport(@TempDir Path dir) throws Exception {
        int[] peerUid = {1234};
        Path path = dir.resolve("stats.sock");
        try (StatsSocket socket = StatsSocket.open(path, (channel, socketPath) -> new Caller(peerUid[0], 1, 1,
                Optional.empty(), Optional.empty(), socketPath), 999, () -> "gssproxy4j_uptime_seconds 1\n")) {
            assertEquals("", read(socket.path()), "another uid gets nothing");
            peerUid[0] = 999;
            assertEquals("gssproxy4j_uptime_seconds 1\n", read(socket.path()));
            peerUid[0] = 0;
            assertEquals("gssproxy4j_uptime_seconds 1\n", read(socket.path()));
        }
    }

    private static String read(Path socket) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            while (channel.read(buffer) >= 0) {
                bytes.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
