package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a child JVM with the agent may not have touched, from its class-loading log and its {@code strace} of opens
 * ({@link AgentJvm.Run}): the JDK's Kerberos classes and the realm's files. Two strengths: {@link #assertNone} for
 * programs that use only GSS-API, and {@link #assertNoMechanismNoKeyNoSecretFile} for servers such as Jetty and
 * Tomcat whose own code runs the JDK's {@code Krb5LoginModule} before it calls GSS-API.
 */
final class KerberosFootprint {

    /** The JDK's RFC 5929 channel-binding value (SASL and HTTP code refer to it): data, no Kerberos. */
    private static final String TLS_CHANNEL_BINDING = "sun.security.jgss.krb5.internal.TlsChannelBindingImpl";

    private KerberosFootprint() {}

    /**
     * No class of the JDK's Kerberos (its krb5 library and its GSS mechanism) was loaded, and no file of the realm,
     * keytab, ticket cache or krb5.conf was opened, although the environment points at all of them.
     */
    static void assertNone(AgentJvm.Run run, Path realmDir) {
        List<String> krb5Classes = loaded(run, c -> c.startsWith("sun.security.krb5.") || jdkMechanism(c));
        assertEquals(List.of(), krb5Classes, "the JDK's Kerberos implementation must stay unloaded");
        assertProviderDidTheWork(run);
        List<String> touched = opened(run, f -> f.startsWith(realmDir.toString()) || f.contains("krb5")
                || secretFile(f));
        assertEquals(List.of(), touched, "no keytab, ticket cache or Kerberos configuration may be opened");
    }

    /**
     * The JDK's GSS krb5 mechanism (which would read the keytab and do the crypto) was never loaded, no Kerberos
     * key or ticket type was, and no keytab or ticket cache was opened: what a JAAS {@code Krb5LoginModule} login
     * as an acceptor ({@code isInitiator=false}) leaves, since it only names the principal (reading krb5.conf for
     * the default realm) and defers the keytab to the mechanism, which the agent replaced.
     */
    static void assertNoMechanismNoKeyNoSecretFile(AgentJvm.Run run) {
        assertNoMechanismNoKeyNoSecretFile(run, c -> c.startsWith("javax.security.auth.kerberos.Kerberos")
                && !c.endsWith("Principal"));
    }

    /**
     * As {@link #assertNoMechanismNoKeyNoSecretFile(AgentJvm.Run)}, for a server that logs its JAAS login out after
     * each request (Tomcat): {@code Krb5LoginModule.logout()} tests the Subject's credentials with
     * {@code instanceof KerberosTicket} and {@code instanceof KerberosKey}, which loads those two types although no
     * ticket or key exists. Whatever would make one must still be absent: the key and ticket classes of the JDK's
     * krb5 library behind them, its key-derivation ciphers, and any keytab or ticket cache read.
     */
    static void assertNoMechanismNoKeyNoSecretFileAfterLogout(AgentJvm.Run run) {
        assertNoMechanismNoKeyNoSecretFile(run, c -> false);
    }

    private static void assertNoMechanismNoKeyNoSecretFile(AgentJvm.Run run, Predicate<String> keyTypes) {
        assertEquals(List.of(), loaded(run, KerberosFootprint::jdkMechanism),
                "the JDK's krb5 GSS mechanism must stay unloaded");
        assertEquals(List.of(), loaded(run, c -> c.equals("sun.security.krb5.EncryptionKey")
                        || c.equals("sun.security.krb5.Credentials")
                        || c.equals("sun.security.krb5.internal.Ticket")
                        || c.equals("sun.security.krb5.internal.ktab.KeyTabInputStream")
                        || c.startsWith("sun.security.krb5.internal.crypto.dk.")
                        || keyTypes.test(c)),
                "no Kerberos key, ticket or cipher may exist in the JVM");
        assertProviderDidTheWork(run);
        assertEquals(List.of(), opened(run, KerberosFootprint::secretFile),
                "no keytab or ticket cache may be opened");
    }

    private static boolean jdkMechanism(String className) {
        return className.startsWith("sun.security.jgss.krb5.") && !className.equals(TLS_CHANNEL_BINDING);
    }

    private static boolean secretFile(String path) {
        return path.contains(".keytab") || path.endsWith(".ccache") || path.contains("krb5cc");
    }

    private static void assertProviderDidTheWork(AgentJvm.Run run) {
        assertTrue(run.loadedClasses().contains("dev.gssproxy4j.jgss.provider.Krb5ProxyFactory"),
                () -> "the provider did the work; loaded: " + run.loadedClasses().size() + " classes");
        assertTrue(run.openedFiles().stream().anyMatch(f -> f.endsWith("gssproxy4j-jgss.jar")),
                () -> "strace saw the JVM's opens: " + run.openedFiles().size());
    }

    private static List<String> loaded(AgentJvm.Run run, Predicate<String> which) {
        return run.loadedClasses().stream().filter(which).toList();
    }

    private static List<String> opened(AgentJvm.Run run, Predicate<String> which) {
        return run.openedFiles().stream().filter(which).toList();
    }
}
