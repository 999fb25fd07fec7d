package dev.gssproxy4j.server.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which sockets systemd's variables pass to this process, as {@code sd_listen_fds(3)} reads them. */
class ActivatedSocketsTest {

    private static final long PID = 4242;

    @Test
    void noneWithoutListenPidOrForAnotherProcess() throws IOException {
        assertEquals(-1, ActivatedSockets.count(Map.of(), PID));
        assertEquals(-1, ActivatedSockets.count(Map.of("LISTEN_FDS", "2"), PID), "LISTEN_PID unset");
        assertEquals(-1, ActivatedSockets.count(Map.of("LISTEN_PID", "4243", "LISTEN_FDS", "2"), PID),
                "meant for a parent or child");
    }

    @Test
    void theCountWhenMeantForThisProcess() throws IOException {
        assertEquals(2, ActivatedSockets.count(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2"), PID));
        assertEquals(0, ActivatedSockets.count(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), PID));
    }

    @Test
    void damagedVariablesAreOneClearError() {
        for (Map<String, String> env : java.util.List.of(
                Map.of("LISTEN_PID", "42x", "LISTEN_FDS", "1"),
                Map.of("LISTEN_PID", "4242"),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "-1"),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "one"))) {
            IOException e = assertThrows(IOException.class, () -> ActivatedSockets.count(env, PID), env::toString);
            assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        }
        IOException many = assertThrows(IOException.class,
                () -> ActivatedSockets.count(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "100000"), PID));
        assertTrue(many.getMessage().startsWith("LISTEN_FDS=100000: systemd passed more than 64"), many.getMessage());
    }
}
