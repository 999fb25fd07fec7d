package dev.gssproxy4j.testkit.interop;

/**
 * The interposer scenarios of {@code shared/wire/README.md}, each a {@code [service/...]} section of
 * {@code gssproxy.conf} and one sample-program conversation ({@link InteropScenarios}).
 */
public enum InteropScenario {

    /**
     * {@code accept/}: {@code gss-server} runs as the service account, which cannot read the service keytab,
     * through the proxy; the daemon accepts for it with {@code cred_store = keytab:...} and returns the context.
     * The client (alice's ccache, no proxy) sends wrapped messages; unwrap and MIC run locally on the imported
     * context.
     */
    ACCEPT("gp4j-accept"),

    /**
     * {@code init/}: {@code gss-client} runs as the client account, with no ccache or keytab of its own, through
     * the proxy; the daemon initiates as alice from {@code cred_store = client_keytab:...},
     * {@code cred_usage = initiate}, in two legs (mutual authentication). The acceptor reads its keytab itself.
     */
    INIT("gp4j-init");

    private final String serviceName;

    InteropScenario(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The {@code [service/<name>]} section name used in generated configurations. */
    public String serviceName() {
        return serviceName;
    }
}
