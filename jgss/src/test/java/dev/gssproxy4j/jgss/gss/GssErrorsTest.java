package dev.gssproxy4j.jgss.gss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.client.GssProxyException;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.ietf.jgss.GSSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 2744 major statuses become the JDK's codes (the numbering differs), and the daemon's text stays visible. */
class GssErrorsTest {

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({
        "10000, " + GSSException.BAD_MECH, "20000, " + GSSException.BAD_NAME, "30000, " + GSSException.BAD_NAMETYPE,
        "40000, " + GSSException.BAD_BINDINGS, "60000, " + GSSException.BAD_MIC, "70000, " + GSSException.NO_CRED,
        "80000, " + GSSException.NO_CONTEXT, "90000, " + GSSException.DEFECTIVE_TOKEN,
        "a0000, " + GSSException.DEFECTIVE_CREDENTIAL, "b0000, " + GSSException.CREDENTIALS_EXPIRED,
        "c0000, " + GSSException.CONTEXT_EXPIRED, "d0000, " + GSSException.FAILURE, "e0000, " + GSSException.BAD_QOP,
        "f0000, " + GSSException.UNAUTHORIZED, "100000, " + GSSException.UNAVAILABLE,
        "110000, " + GSSException.DUPLICATE_ELEMENT, "120000, " + GSSException.NAME_NOT_MN,
        "1000000, " + GSSException.FAILURE, "130000, " + GSSException.FAILURE})
    void routineErrorsMapToTheJdksCodes(String major, int jdk) {
        assertEquals(jdk, GssErrors.jdkMajor(Long.parseLong(major, 16)));
    }

    @Test
    void aSocketLeftBehindByAStoppedDaemonIsSaidSo(@TempDir Path dir) throws Exception {
        Path stale = dir.resolve("gssproxy.sock");
        try (ServerSocketChannel stopped = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stopped.bind(UnixDomainSocketAddress.of(stale)); // closed below, the file stays: connect is refused
        }
        GssProxyException refused = assertThrows(GssProxyException.class, () -> GssProxyClient.connect(stale));

        String text = GssErrors.transport("ACQUIRE_CRED", stale, refused, true).getMessage();
        assertTrue(text.contains("cannot connect to the GSS-Proxy daemon at " + stale + " as uid "), text);
        assertTrue(text.contains("nobody listens on the socket (a daemon that stopped left it behind)"), text);
        assertFalse(text.contains("Exception"), "said as a person says it: " + text);
    }

    @Test
    void theDaemonsTextIsInTheMessageEvenWithMinorZero() {
        GssxStatus status = GssxStatus.of(0x80000, Oids.KRB5, 0, "No context has been established",
                "the context in context_handle.state cannot be used: forged. Fix: establish a new context");
        GSSException e = GssErrors.of("WRAP", status);

        assertEquals(GSSException.NO_CONTEXT, e.getMajor());
        assertTrue(e.getMessage().startsWith(e.getMajorString() + " (WRAP through gssproxy"), e.getMessage());
        assertTrue(e.getMessage().contains("WRAP through gssproxy: GSS_S_NO_CONTEXT")
                && e.getMessage().contains("cannot be used: forged. Fix: establish a new context"), e.getMessage());
    }
}
