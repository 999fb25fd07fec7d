package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.client.EnvironmentOptions;
import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.jgss.gss.DaemonLink.Resend;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResReleaseHandle;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * GSS-API (RFC 2743) with the GSS-Proxy daemon as the mechanism: names, credentials and security contexts whose
 * keys, keytabs and ticket caches stay in the daemon. This is the layer the JDK provider is built on; programs may
 * use it directly, e.g. to export a context to another process ({@link ProxyContext#export()}), which the JDK's
 * {@code GSSContext} allows only for its native provider.
 *
 * <p>Thread-safe; one instance per daemon socket is enough for a whole process (it pools its connections). Nothing
 * connects until the first call that needs the daemon.
 */
public final class GssProxy implements AutoCloseable {

    /** An environment in which no variable is set: nothing of this process's environment is sent. */
    public static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    private final DaemonLink link;
    private final UnaryOperator<String> environment;
    private volatile List<GssxOption> environmentOptions;

    private GssProxy(ConnectionSettings settings, UnaryOperator<String> environment) {
        this.link = new DaemonLink(settings);
        this.environment = environment;
    }

    /** A proxy that answers the daemon's GET_CALL_CONTEXT from this process's environment ({@code System.getenv}). */
    public static GssProxy open(ConnectionSettings settings) {
        return open(settings, System::getenv);
    }

    /**
     * A proxy that answers the daemon's GET_CALL_CONTEXT from {@code environment}: the variables the caller's
     * service lists ({@code KRB5CCNAME}, {@code KRB5_CLIENT_KTNAME}, {@code KRB5_KTNAME}) go with each ACQUIRE_CRED,
     * INIT_SEC_CONTEXT and ACCEPT_SEC_CONTEXT (docs/PROTOCOL.md, "Extension: client environment"). {@link #NO_ENVIRONMENT} sends nothing and never asks.
     */
    public static GssProxy open(ConnectionSettings settings, UnaryOperator<String> environment) {
        return new GssProxy(settings, Objects.requireNonNull(environment, "environment"));
    }

    public Path socket() {
        return link.socket();
    }

    DaemonLink link() {
        return link;
    }

    /**
     * GSS_Import_name; no daemon call (the daemon parses the name when a call uses it, as with the interposer).
     *
     * @param type the name type, null for a krb5 principal name; {@code GSSName.NT_EXPORT_NAME} takes the whole
     *             exported token as ISO-8859-1 text
     */
    public ProxyName importName(String name, Oid type) throws GSSException {
        return ProxyName.ofText(this, name, type);
    }

    /** GSS_Import_name of a whole exported krb5 name token (RFC 2743 section 3.2). */
    public ProxyName importExportedName(byte[] token) throws GSSException {
        return ProxyName.ofExported(this, token);
    }

    /** IMPORT_AND_CANON_NAME for krb5: the daemon's description of the mechanism name. */
    GssxName canonicalize(GssxName name) throws GSSException {
        ResImportAndCanonName result = require(Procedure.IMPORT_AND_CANON_NAME, new ArgImportAndCanonName(
                CallCtx.EMPTY, name, WireOids.toWire(WireOids.KRB5), List.of(), List.of()),
                ResImportAndCanonName.class);
        return result.outputName().orElseThrow(() -> GssErrors.local(GSSException.BAD_NAME,
                "the daemon canonicalized " + name.displayText() + " but returned no name"));
    }

    /** IMPORT_AND_CANON_NAME with the {@code localname} option, as the interposer's {@code gss_localname}. */
    Optional<String> localname(GssxName name) throws GSSException {
        ResImportAndCanonName result = require(Procedure.IMPORT_AND_CANON_NAME, new ArgImportAndCanonName(
                CallCtx.EMPTY, name, WireOids.toWire(WireOids.KRB5), List.of(),
                List.of(GssxOption.of(Options.LOCALNAME, Opaque.EMPTY))), ResImportAndCanonName.class);
        return Options.valueText(result.options(), Options.LOCALNAME);
    }

    /**
     * GSS_Acquire_cred for krb5.
     *
     * @param name           the principal, or null for the daemon's default (the service's keytab or client
     *                       keytab, per its configuration)
     * @param usage          {@link GSSCredential#INITIATE_ONLY}, {@link GSSCredential#ACCEPT_ONLY} or
     *                       {@link GSSCredential#INITIATE_AND_ACCEPT}
     * @param initLifetime   seconds wanted for initiating, in the JDK's convention (0 default, MAX_VALUE for ever)
     * @param acceptLifetime the same for accepting
     */
    public ProxyCredential acquire(ProxyName name, int usage, int initLifetime, int acceptLifetime)
            throws GSSException {
        CredUsage wireUsage = switch (usage) {
            case GSSCredential.INITIATE_ONLY -> CredUsage.INITIATE;
            case GSSCredential.ACCEPT_ONLY -> CredUsage.ACCEPT;
            case GSSCredential.INITIATE_AND_ACCEPT -> CredUsage.BOTH;
            default -> throw GssErrors.local(GSSException.FAILURE, "unknown credential usage " + usage);
        };
        long timeReq = Lifetime.timeReq(usage == GSSCredential.ACCEPT_ONLY ? acceptLifetime : initLifetime);
        ArgAcquireCred args = new ArgAcquireCred(withEnvironment(CallCtx.EMPTY), Optional.empty(), false,
                Optional.ofNullable(name).map(ProxyName::wire), timeReq, List.of(WireOids.toWire(WireOids.KRB5)),
                wireUsage, Lifetime.timeReq(initLifetime), Lifetime.timeReq(acceptLifetime), List.of());
        return credential(require(Procedure.ACQUIRE_CRED, args, ResAcquireCred.class));
    }

    /** ACQUIRE_CRED with {@code acquire_type=impersonate_name}: S4U2Self with {@code impersonator}. */
    ProxyCredential impersonate(ProxyCredential impersonator, ProxyName user) throws GSSException {
        ArgAcquireCred args = new ArgAcquireCred(CallCtx.EMPTY, Optional.of(impersonator.handle()), false,
                Optional.of(user.wire()), 0, List.of(WireOids.toWire(WireOids.KRB5)), CredUsage.INITIATE, 0, 0,
                List.of(GssxOption.of(Options.ACQUIRE_TYPE, Options.IMPERSONATE_NAME)));
        return credential(require(Procedure.ACQUIRE_CRED, args, ResAcquireCred.class));
    }

    private ProxyCredential credential(ResAcquireCred result) throws GSSException {
        return ProxyCredential.of(this, result.outputCredHandle().orElseThrow(() -> GssErrors.local(
                GSSException.NO_CRED, "the daemon completed ACQUIRE_CRED but returned no credential")));
    }

    /**
     * A context to initiate towards {@code target}.
     *
     * @param credential null for the daemon's default initiator credential
     * @param mech       the mechanism the daemon runs, normally krb5
     * @param lifetime   seconds wanted, in the JDK's convention
     */
    public ProxyContext newInitiator(ProxyName target, ProxyCredential credential, Oid mech, int lifetime)
            throws GSSException {
        if (credential != null && !credential.canInitiate()) {
            throw GssErrors.local(GSSException.NO_CRED, "the credential for " + credential.name()
                    + " is for accepting only");
        }
        return ProxyContext.initiator(this, target, credential, mech, Lifetime.timeReq(lifetime));
    }

    /** A context to accept with {@code credential}, or null for the daemon's acceptor credential. */
    public ProxyContext newAcceptor(ProxyCredential credential) throws GSSException {
        if (credential != null && !credential.canAccept()) {
            throw GssErrors.local(GSSException.NO_CRED, "the credential for " + credential.name()
                    + " is for initiating only");
        }
        return ProxyContext.acceptor(this, credential);
    }

    /** GSS_Import_sec_context of a token from {@link ProxyContext#export()}. */
    public ProxyContext importContext(byte[] token) throws GSSException {
        ContextExport.Decoded decoded = ContextExport.decode(token);
        return ProxyContext.imported(this, decoded.initiator(), decoded.handle());
    }

    /**
     * {@code base} plus this process's answer to GET_CALL_CONTEXT. The daemon is asked once per proxy, on the first
     * call that needs it: a service that starts allowing variables later is seen by the next process.
     */
    CallCtx withEnvironment(CallCtx base) throws GSSException {
        List<GssxOption> extra = environmentOptions;
        if (extra == null) {
            if (environment == NO_ENVIRONMENT) {
                extra = List.of();
            } else {
                try {
                    extra = EnvironmentOptions.answer(EnvironmentOptions.wanted(link.call(Procedure.GET_CALL_CONTEXT,
                            EnvironmentOptions.QUESTION, ResGetCallContext.class, Resend.ALWAYS)), environment);
                } catch (GSSException e) {
                    // no answer (the daemon hung up or timed out): the call itself goes on without, and reports
                    // its own error if the daemon is really unusable; the question is asked again next time
                    return base;
                }
            }
            environmentOptions = extra;
        }
        if (extra.isEmpty()) {
            return base;
        }
        List<GssxOption> options = new ArrayList<>(base.options());
        options.addAll(extra);
        return new CallCtx(base.locale(), base.serverCtx(), options);
    }

    /** RELEASE_HANDLE, for handles whose {@code needs_release} the daemon set. */
    void release(GssxCtx handle) throws GSSException {
        require(Procedure.RELEASE_HANDLE, new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.SecCtx(handle)),
                ResReleaseHandle.class);
    }

    /** A call that changes nothing at the daemon; a GSS error becomes a GSSException. */
    private <R extends GssxRes> R require(Procedure procedure, GssxArg args,
                                          Class<R> type) throws GSSException {
        R result = link.call(procedure, args, type, Resend.ALWAYS);
        if (GssStatusText.isError(result.status().majorStatus())) {
            throw GssErrors.of(procedure.name(), result.status());
        }
        return result;
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "GssProxy[" + socket() + "]";
    }
}
