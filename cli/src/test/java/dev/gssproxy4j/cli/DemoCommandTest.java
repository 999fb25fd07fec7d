package dev.gssproxy4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's main command, in its self-checking form: embedded KDC, generated config, one real context. */
class DemoCommandTest {

    @Test
    void demoProvesAContextThroughTheDaemonAndPrintsHowToUseIt() {
        CliTest.Run run = CliTest.run("demo", "--check");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("proved: alice@GSSPROXY4J.TEST established a mutually authenticated context "
                + "with HTTP/localhost@GSSPROXY4J.TEST through the daemon"), run.out());
        assertTrue(run.out().contains("GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET="), run.out());
        assertTrue(run.out().contains("export KRB5_CONFIG="), run.out());
    }
}
