package dev.gssproxy4j.jgss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.Test;

/** Agent options over system properties over the interposer's environment variables over defaults. */
class GssProxySettingsTest {

    private static final UnaryOperator<String> NONE = name -> null;

    @Test
    void defaultsAreTheStandardSocketAndRemoteOnly() {
        GssProxySettings settings = GssProxySettings.resolve(null, NONE, NONE);
        assertEquals(Path.of("/var/lib/gssproxy/default.sock"), settings.connection().socket());
        assertEquals(Behavior.REMOTE_ONLY, settings.initiate());
        assertEquals(Behavior.REMOTE_ONLY, settings.accept());
        assertEquals(4, settings.connection().maxConnections());
        assertEquals(Duration.ofSeconds(15), settings.connection().ioTimeout());
        assertTrue(settings.sendEnvironment(), "the daemon's service decides; the provider answers by default");
    }

    @Test
    void envNoKeepsTheEnvironmentToThisProcess() {
        assertFalse(GssProxySettings.resolve("env=no", NONE, NONE).sendEnvironment());
        assertFalse(GssProxySettings.resolve("", Map.of("gssproxy4j.env", "off")::get, NONE).sendEnvironment());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> GssProxySettings.resolve("env=maybe", NONE, NONE));
        assertTrue(bad.getMessage().contains("'maybe' is not yes or no"), bad.getMessage());
    }

    @Test
    void agentOptionsWinOverPropertiesWhichWinOverTheEnvironment() {
        UnaryOperator<String> env = Map.of("GSSPROXY_SOCKET", "/env.sock", "GSSPROXY_BEHAVIOR", "LOCAL_FIRST")::get;
        UnaryOperator<String> props = Map.of("gssproxy4j.socket", "/prop.sock", "gssproxy4j.pool", "8")::get;

        assertEquals(Path.of("/env.sock"), GssProxySettings.resolve("", NONE, env).connection().socket());
        assertEquals(Behavior.LOCAL_FIRST, GssProxySettings.resolve("", NONE, env).initiate());
        assertEquals(Path.of("/prop.sock"), GssProxySettings.resolve("", props, env).connection().socket());
        GssProxySettings agent = GssProxySettings.resolve("socket=/agent.sock, behavior=remote_first,"
                + "behavior.accept=REMOTE_ONLY,timeout=3s", props, env);
        assertEquals(Path.of("/agent.sock"), agent.connection().socket());
        assertEquals(8, agent.connection().maxConnections());
        assertEquals(Duration.ofSeconds(3), agent.connection().ioTimeout());
        assertEquals(Behavior.REMOTE_FIRST, agent.forUsage(GSSCredential.INITIATE_ONLY));
        assertEquals(Behavior.REMOTE_ONLY, agent.forUsage(GSSCredential.ACCEPT_ONLY));
    }

    @Test
    void aPrincipalRuleDecidesBeforeTheUsage() {
        UnaryOperator<String> props = Map.of("gssproxy4j.principals.remote", "HTTP@web")::get;
        GssProxySettings settings = GssProxySettings.resolve("behavior=LOCAL_FIRST,principals.local=bob@EXAMPLE.COM",
                props, NONE);

        assertEquals(Behavior.LOCAL_ONLY, settings.forCredential("bob@EXAMPLE.COM", GSSName.NT_USER_NAME,
                GSSCredential.ACCEPT_ONLY));
        assertEquals(Behavior.REMOTE_ONLY, settings.forCredential("HTTP@web", GSSName.NT_HOSTBASED_SERVICE,
                GSSCredential.INITIATE_ONLY));
        assertEquals(Behavior.LOCAL_FIRST, settings.forCredential("alice@EXAMPLE.COM", GSSName.NT_USER_NAME,
                GSSCredential.INITIATE_ONLY));
    }

    @Test
    void mistakesAreNamedWithWhatIsAccepted() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> GssProxySettings.resolve("sokcet=/x", NONE, NONE));
        assertTrue(unknown.getMessage().contains("'sokcet=/x' is not one of socket="), unknown.getMessage());
        IllegalArgumentException behavior = assertThrows(IllegalArgumentException.class,
                () -> GssProxySettings.resolve("behavior=PROXY", NONE, NONE));
        assertTrue(behavior.getMessage().contains("use REMOTE_ONLY, LOCAL_ONLY, LOCAL_FIRST or REMOTE_FIRST"));
        IllegalArgumentException relative = assertThrows(IllegalArgumentException.class,
                () -> GssProxySettings.resolve("socket=gp.sock", NONE, NONE));
        assertTrue(relative.getMessage().contains("absolute"), relative.getMessage());
    }

    @Test
    void numbersOutOfRangeNameTheOptionAndTheRangeInItsOwnUnits() {
        assertEquals("gssproxy4j pool '0' must be 1 to 256 (connections to the daemon at once)",
                refused("pool=0"));
        assertEquals("gssproxy4j pool '257' must be 1 to 256 (connections to the daemon at once)",
                refused("pool=257"));
        assertEquals("gssproxy4j timeout '-1' must be 1 or more (seconds)", refused("timeout=-1"));
        assertEquals("gssproxy4j timeout '0' must be 1 or more (seconds)", refused("timeout=0s"));
        assertEquals("gssproxy4j reconnect '-5' must be 0 or more (seconds)", refused("reconnect=-5"));
        assertEquals("gssproxy4j pool 'many' is not a number", refused("pool=many"));
        assertEquals(Duration.ZERO, GssProxySettings.resolve("reconnect=0", NONE, NONE).connection().reconnectWait());
    }

    private static String refused(String options) {
        return assertThrows(IllegalArgumentException.class, () -> GssProxySettings.resolve(options, NONE, NONE))
                .getMessage();
    }

    @Test
    void gssUseProxyNoTurnsTheAgentOff() {
        assertTrue(GssProxySettings.disabledBy(Map.of("GSS_USE_PROXY", "no")::get));
        assertTrue(GssProxySettings.disabledBy(Map.of("GSS_USE_PROXY", " FALSE ")::get));
        assertFalse(GssProxySettings.disabledBy(Map.of("GSS_USE_PROXY", "yes")::get));
        assertFalse(GssProxySettings.disabledBy(NONE));
    }
}
