package dev.gssproxy4j.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The debug level upstream 0.9.1 only honours from its configuration file. */
class UpstreamGssproxyConfigTest {

    private static final String SERVICE = "[service/x]\n  mechs = krb5\n  euid = 1\n";

    @Test
    void addsAGlobalSectionWhenThereIsNone() {
        assertEquals("[gssproxy]\n  debug_level = 2\n\n" + SERVICE, UpstreamGssproxy.withDebugLevel(SERVICE, 2));
    }

    @Test
    void addsTheLevelToAnExistingGlobalSection() {
        String config = "[gssproxy]\n  worker threads = 2\n\n" + SERVICE;
        assertEquals("[gssproxy]\n  debug_level = 1\n  worker threads = 2\n\n" + SERVICE,
                UpstreamGssproxy.withDebugLevel(config, 1));
    }

    @Test
    void keepsTheCallersLevel() {
        String config = "[gssproxy]\n  debug_level = 3\n\n" + SERVICE;
        assertEquals(config, UpstreamGssproxy.withDebugLevel(config, 1));
    }
}
