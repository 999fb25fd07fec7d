package dev.gssproxy4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's main command, in its self-checking form: embedded KDC, alice's ticket got by MIT's library (no
 * {@code kinit}), generated config, one real context through the daemon. The it module runs it through the
 * launcher with the Kerberos programs hidden.
 */
class DemoCommandTest {

    @Test
    void demoProvesAContextThroughTheDaemonAndPrintsHowToUseIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine demo = new CommandLine(new DemoCommand());
        demo.setOut(new PrintWriter(out, true));
        demo.setErr(new PrintWriter(err, true));

        assertEquals(0, demo.execute("--check"), err.toString());

        String printed = out.toString();
        assertTrue(printed.contains("proved: alice@GSSPROXY4J.TEST established a mutually authenticated context "
                + "with HTTP/localhost@GSSPROXY4J.TEST through the daemon"), printed);
        assertTrue(printed.contains("GSS_USE_PROXY=yes GSSPROXY_BEHAVIOR=REMOTE_ONLY GSSPROXY_SOCKET="), printed);
        assertTrue(printed.contains("export KRB5_CONFIG="), printed);
        assertTrue(printed.contains("krb5-gss-samples") && printed.contains("gssproxy package"),
                "the printed commands name the packages they need: " + printed);
        Matcher ccache = Pattern.compile("KRB5CCNAME=FILE:(\\S+) gss-client").matcher(printed);
        assertTrue(ccache.find(), printed);
        assertFalse(Files.exists(Path.of(ccache.group(1))), "the realm's directory is gone after --check");
    }
}
