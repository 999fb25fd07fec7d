package dev.gssproxy4j.testkit.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who runs a sample program and where MIT krb5 finds its credentials. The variables are added to the JVM's
 * environment; each variant sets every variable that decides between proxy and local credentials, so nothing
 * inherited changes the outcome.
 *
 * @param user      the account to run as ({@code setpriv}); {@link LocalUser#ROOT} runs as the JVM itself
 * @param variables the environment of the program
 */
public record SampleEnvironment(LocalUser user, Map<String, String> variables) {

    /** A keytab name that cannot exist: the program has no keytab of its own. */
    public static final String NO_KEYTAB = "FILE:/nonexistent";

    public SampleEnvironment {
        variables = Map.copyOf(variables);
    }

    /**
     * Through the proxy, as the interposer plugin is meant to be used: {@code GSS_USE_PROXY=yes},
     * {@code GSSPROXY_BEHAVIOR=REMOTE_ONLY} (no fallback to local credentials), {@code GSSPROXY_SOCKET}, no keytab
     * ({@link #NO_KEYTAB} for both {@code KRB5_KTNAME} and {@code KRB5_CLIENT_KTNAME}), and a default ccache in
     * {@code privateDir}: the interposer stores the daemon's credential handle there, so it must be writable by
     * {@code user} (see {@code shared/wire/accept/timeline.txt}).
     *
     * @param privateDir a directory owned by {@code user} (ccache, replay cache, HOME)
     */
    public static SampleEnvironment throughProxy(LocalUser user, Path socket, Path krb5Conf, Path privateDir) {
        Map<String, String> env = base(krb5Conf, privateDir);
        env.put("GSS_USE_PROXY", "yes");
        env.put("GSSPROXY_BEHAVIOR", "REMOTE_ONLY");
        env.put("GSSPROXY_SOCKET", socket.toString());
        return new SampleEnvironment(user, env);
    }

    /**
     * Without the proxy: the program's own MIT krb5 with no keytab and the (possibly empty) default ccache
     * {@code privateDir/ccache}; add credentials with {@link #withCcache} / {@link #withKeytab}.
     */
    public static SampleEnvironment direct(LocalUser user, Path krb5Conf, Path privateDir) {
        Map<String, String> env = base(krb5Conf, privateDir);
        env.put("GSS_USE_PROXY", "no");
        return new SampleEnvironment(user, env);
    }

    /** The same, with {@code KRB5CCNAME=FILE:ccache} (the file must be readable by {@link #user}). */
    public SampleEnvironment withCcache(Path ccache) {
        return with("KRB5CCNAME", "FILE:" + ccache);
    }

    /** The same, with {@code KRB5_KTNAME=FILE:keytab}: an acceptor that reads its keytab itself. */
    public SampleEnvironment withKeytab(Path keytab) {
        return with("KRB5_KTNAME", "FILE:" + keytab);
    }

    public SampleEnvironment with(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(variables);
        env.put(name, value);
        return new SampleEnvironment(user, env);
    }

    private static Map<String, String> base(Path krb5Conf, Path privateDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRB5_CONFIG", krb5Conf.toString());
        env.put("KRB5_KTNAME", NO_KEYTAB);
        env.put("KRB5_CLIENT_KTNAME", NO_KEYTAB);
        env.put("KRB5CCNAME", "FILE:" + privateDir.resolve("ccache"));
        env.put("KRB5RCACHEDIR", privateDir.toString());
        env.put("HOME", privateDir.toString());
        return env;
    }
}
