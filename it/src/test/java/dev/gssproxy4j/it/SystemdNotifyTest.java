package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.testkit.interop.Gssproxy4jDaemon;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream's systemd unit is {@code Type=notify}: the daemon must say READY=1 on {@code NOTIFY_SOCKET} or systemd
 * kills it. A small receiver stands in for systemd and prints each datagram on one line. The daemon also reloads
 * when it was started with SIGHUP ignored (under {@code nohup}), where the JVM alone would install no handler.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // readLine ignores interrupts
class SystemdNotifyTest {

    @ParameterizedTest(name = "SIGHUP ignored at start: {0}")
    @ValueSource(booleans = {false, true})
    void daemonNotifiesReadyReloadingAndStoppingLikeUpstream(boolean hangupIgnored, @TempDir Path dir)
            throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "python3 plays systemd's notification socket");
        Path notify = dir.resolve("notify.sock");
        Process systemd = new ProcessBuilder(python.toString(), "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                print("bound", flush=True)
                while True:
                    print(s.recv(4096).decode().replace("\\n", " "), flush=True)
                """, notify.toString()).redirectErrorStream(true).start();
        try (BufferedReader messages = new BufferedReader(new InputStreamReader(systemd.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("bound", messages.readLine());
            String config = """
                    [service/one]
                      mechs = krb5
                      euid = 0
                    """;
            try (Gssproxy4jDaemon daemon = Gssproxy4jDaemon.start(Map.of("NOTIFY_SOCKET", notify.toString()),
                    socket -> config, hangupIgnored)) {
                assertEquals("READY=1 STATUS=Running, 1 service(s) configured", messages.readLine());
                daemon.hup();
                assertTrue(messages.readLine().startsWith("RELOADING=1 MONOTONIC_USEC="));
                assertEquals("READY=1 STATUS=Running, 1 service(s) configured", messages.readLine());
            }
            assertEquals("STOPPING=1 STATUS=Signal received, stopping", messages.readLine());
        } finally {
            systemd.destroy();
        }
    }
}
