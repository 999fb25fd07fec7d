package dev.gssproxy4j.jgss;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:gssproxy4j-jgss.jar[=options]}: makes every unmodified program's Kerberos and Negotiate go
 * through the GSS-Proxy daemon. It exports the JDK's GSS mechanism SPI to itself, reads {@link GssProxySettings}
 * (agent options, {@code -Dgssproxy4j.*}, {@code GSSPROXY_SOCKET}/{@code GSSPROXY_BEHAVIOR}) and puts
 * {@link GssProxyProvider} first among the security providers, before {@code main} runs. Also attachable to a
 * running JVM ({@code Agent-Class}), which helps only code that has not created its {@code GSSManager} yet.
 */
public final class GssProxyAgent {

    /** How the settings' own messages begin, for programs that get them as exceptions. */
    private static final String OWN_PREFIX = "gssproxy4j ";

    private GssProxyAgent() {}

    public static void premain(String options, Instrumentation instrumentation) {
        try {
            start(options, instrumentation);
        } catch (IllegalArgumentException e) {
            // Fail closed, before main: the program must not run on the JDK's own Kerberos by mistake. A premain
            // that throws makes the JVM abort (status 134, a page of native frames, maybe a core file); the line
            // start() printed says what to fix, and the status says it failed.
            System.exit(1);
        }
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    private static void start(String options, Instrumentation instrumentation) {
        if (GssProxySettings.disabledBy(System::getenv)) {
            System.err.println("gssproxy4j: GSS_USE_PROXY=" + System.getenv("GSS_USE_PROXY")
                    + " turns proxying off; the JDK's own Kerberos stays in use");
            return;
        }
        GssProxySettings settings;
        try {
            settings = GssProxySettings.resolve(options);
        } catch (IllegalArgumentException e) {
            // the one line that says what to fix; attached to a running JVM (agentmain), the attacher gets the
            // exception and the program goes on as it was
            String message = e.getMessage();
            System.err.println("gssproxy4j: " + (message.startsWith(OWN_PREFIX)
                    ? message.substring(OWN_PREFIX.length()) : message));
            throw e;
        }
        JgssAccess.grant(instrumentation, GssProxyAgent.class.getModule());
        GssProxyProvider.install(settings);
    }
}
