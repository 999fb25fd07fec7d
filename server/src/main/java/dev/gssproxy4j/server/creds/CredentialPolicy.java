package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.cache.KeytabMirrors;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import dev.gssproxy4j.server.seal.HandleException;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.shared.ServerResources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one call may do with credentials, built per call from the caller and its service (STYLE rule 5, like
 * nfs4j's per-call {@code PseudoFs}): the credential environment ({@code gp_get_cred_environment}), acquisition
 * ({@code gp_add_krb5_creds}), and the sealing and opening of {@code gssx_cred} handles
 * ({@code gp_export_gssx_cred}, {@code gp_import_gssx_cred}). A handler gets it from its call
 * ({@code CallContext.credentials()}), which opens it on first use; the dispatcher closes the call when the handler
 * has returned, and closing ends the call's private MEMORY ccaches ({@link SegregatedCcache}) as upstream's
 * per-call destroy callback does, so nothing acquired through it outlives the call.
 *
 * <p>Methods may block (KDC, keytab, ccache): they run under the request's permit
 * ({@link dev.gssproxy4j.server.fair.GssCalls}). Not thread-safe: one call, one thread.
 */
public final class CredentialPolicy implements AutoCloseable {

    private final ServerResources resources;
    private final Gss gss;
    private final Caller caller;
    private final ServiceConfig service;
    private final long connectionId;
    private final EnvironmentResolver resolver;
    private final CallerKeytabs keytabs;
    private final List<SegregatedCcache> ccaches = new ArrayList<>();

    private CredentialPolicy(ServerResources resources, Caller caller, ServiceConfig service, long connectionId,
                             ClientEnvironment clientEnv) {
        this.resources = resources;
        this.gss = resources.gss();
        this.caller = caller;
        this.service = service;
        this.connectionId = connectionId;
        this.keytabs = new CallerKeytabs(gss, clientEnv, caller.uid());
        this.resolver = new EnvironmentResolver(gss, service, caller.uid(), resources.users(), clientEnv, keytabs);
    }

    /**
     * The policy of one call of {@code caller}, matched to {@code service}, that honours the client environment
     * ({@code gssproxy4j.env.*} options) of {@code callCtx}; {@link CallCtx#EMPTY} for a call that takes none. Cheap:
     * nothing is read, acquired or snapshotted until a method asks for it.
     *
     * @throws dev.gssproxy4j.mech.GssException GSS_S_FAILURE for an option the service does not allow or a bad value
     */
    public static CredentialPolicy open(ServerResources resources, Caller caller, ServiceConfig service,
                                        long connectionId, CallCtx callCtx) {
        return new CredentialPolicy(resources, caller, service, connectionId,
                ClientEnvironment.of(service, callCtx.options()));
    }

    /** The service the call matched. */
    public ServiceConfig service() {
        return service;
    }

    /** The connection the call came on, for log lines. */
    public long connectionId() {
        return connectionId;
    }

    /** The mechanism library. */
    public Gss gss() {
        return gss;
    }

    /** The binding of handles sealed for this caller acting for itself. */
    public Binding binding() {
        return binding(Binding.NO_TARGET);
    }

    /** The binding of handles sealed for this caller acting for {@code targetUid} (or itself: NO_TARGET). */
    public Binding binding(int targetUid) {
        return new Binding(StoreScope.of(service), caller.uid(), targetUid);
    }

    /** {@code gp_get_cred_environment} for a requested name and usage; the caller closes the result. */
    public CredEnvironment environment(Optional<GssxName> desiredName, CredUsage usage) {
        return resolver.resolve(desiredName, usage, this::newCcache);
    }

    /**
     * {@code gp_import_gssx_cred}: opens and imports the credential of a client's handle and applies its element
     * options. A handle that does not open for an ordinary reason (not ours, from upstream gssproxy, sealed with a
     * key this daemon no longer has, expired, or no longer importable) is GSS_C_NO_CREDENTIAL: empty, and the
     * caller acquires anew, as upstream does on a decryption failure. A handle bound to another uid, target or
     * service (or altered) is refused with GSS_S_DEFECTIVE_CREDENTIAL, minor EACCES, and logged.
     */
    public Optional<OpenedCred> open(GssxCred handle) throws InterruptedException {
        return open(handle, false, false);
    }

    /**
     * The input credential handle of ACQUIRE_CRED, as upstream's {@code gp_rpc_acquire_cred.c} treats it: one that
     * does not open for any reason (another store's or uid's, a key this daemon no longer has, garbage) is "no
     * input credential", logged at debug level, and the call goes on under this service's own policy. That is
     * safe: nothing of the handle is used, and the caller gets only what the service would give it without one
     * (upstream: "Stored ccache failed to decrypt; treating as empty"). Handles given to the other procedures keep
     * {@link #open}'s refusal.
     */
    public Optional<OpenedCred> openAcquireInput(GssxCred handle) throws InterruptedException {
        return open(handle, false, true);
    }

    /**
     * As {@link #open(GssxCred)}; with {@code forAccept} the credential comes from (and goes to) the daemon's
     * {@link CredCache} when the handle carries no element options, once the handle has opened for this caller;
     * with {@code anyFailureIsAbsent} a handle bound elsewhere is no credential instead of a refusal. A call that
     * sent {@code KRB5_KTNAME} accepts with its snapshot of the caller's keytab instead of the keytab the handle
     * names, and uses no cache ({@link CallerKeytabs#forAccept}).
     */
    private Optional<OpenedCred> open(GssxCred handle, boolean forAccept, boolean anyFailureIsAbsent)
            throws InterruptedException {
        byte[] sealed = handle.credHandleReference().toByteArray();
        if (sealed.length == 0) {
            return Optional.empty();
        }
        Binding binding = binding(hintedTarget(handle));
        HandleSealer.Opened opened;
        try {
            opened = resources.sealer().open(HandleKind.CREDENTIAL, binding, sealed, resources.clock().instant());
        } catch (HandleException e) {
            if (e.reason() == HandleException.Reason.FORGED && !anyFailureIsAbsent) {
                DaemonLog.errorFrom(caller.uid(), "Refused a credential handle", connectionId,
                        "Refused a credential handle for " + caller.describeFor(service) + ": " + e.getMessage());
                throw GssErrors.of(MajorStatus.GSS_S_DEFECTIVE_CREDENTIAL, Errno.EACCES, null,
                        "the credential handle was not issued to " + caller.describeFor(service) + " (it belongs to"
                                + " another uid or service, or was altered); acquire a credential of your own");
            }
            DaemonLog.debug(1, connectionId, "Credential handle does not open, treating it as"
                    + " GSS_C_NO_CREDENTIAL: " + e.getMessage());
            return Optional.empty();
        }
        byte[] token = opened.payload();
        Optional<byte[]> callerKeytab;
        try {
            // a refused KRB5_KTNAME file is the call's error, not a handle that does not import
            callerKeytab = forAccept ? keytabs.forAccept(token) : Optional.empty();
        } catch (RuntimeException e) {
            Arrays.fill(token, (byte) 0);
            throw e;
        }
        try {
            if (callerKeytab.isPresent()) {
                // the caller's own keytab (KRB5_KTNAME) for this call only: never cached, never the handle's keytab
                return Optional.of(importApplied(handle, callerKeytab.get(), binding));
            }
            // only now, with the handle opened for this caller's binding, may the cache be consulted
            CredCache.Key key = forAccept && !CredOptions.changeCred(handle)
                    ? new CredCache.Key(HandleCacheKey.of(sealed).orElseThrow(), binding) : null;
            if (key != null) {
                Optional<CredCache.Lease> cached = resources.credCache().lease(key);
                if (cached.isPresent()) {
                    return Optional.of(OpenedCred.leased(cached.get(), binding.targetUid()));
                }
            }
            if (key != null) {
                KeytabMirrors.Imported imported = resources.keytabMirrors().importForAccept(token);
                return Optional.of(OpenedCred.leased(resources.credCache().put(key, imported.cred(),
                        imported.current()), binding.targetUid()));
            }
            return Optional.of(importApplied(handle, token, binding));
        } catch (GssException e) {
            DaemonLog.debug(1, connectionId, "Sealed credential does not import, treating it as"
                    + " GSS_C_NO_CREDENTIAL: " + e.status());
            return Optional.empty();
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /** {@code gss_import_cred} of {@code token}, with the handle's element options applied; zeroes the token. */
    private OpenedCred importApplied(GssxCred handle, byte[] token, Binding binding) {
        try {
            GssCred cred = gss.importCred(token);
            CredOptions.apply(gss, handle, cred, connectionId);
            return new OpenedCred(cred, binding.targetUid(), true);
        } finally {
            Arrays.fill(token, (byte) 0);
        }
    }

    /** {@code gp_add_krb5_creds}: reuse the input credential if still good, else acquire (may impersonate). */
    public Acquired acquire(AcquireRequest request) throws InterruptedException {
        Krb5Acquirer acquirer = new Krb5Acquirer(gss, service, resolver, this::newCcache);
        return acquirer.acquire(request);
    }

    /**
     * The credential of the client's handle if it opens, else the default credential for {@code usage}, as INIT
     * and ACCEPT get theirs (upstream: {@code gp_import_gssx_cred}, then {@code gp_add_krb5_creds} with
     * GSS_C_NO_NAME when that gave none). For ACCEPT the handle's credential may be leased from the daemon's
     * {@link CredCache}: use it only for accepting.
     */
    public OpenedCred openOrAcquire(Optional<GssxCred> handle, CredUsage usage) throws InterruptedException {
        if (handle.isPresent()) {
            Optional<OpenedCred> opened = open(handle.get(), usage == CredUsage.ACCEPT, false);
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        Acquired acquired = acquire(AcquireRequest.normal(Optional.empty(), usage));
        return new OpenedCred(acquired.cred(), acquired.targetUid(), false);
    }

    /** {@code gp_export_gssx_cred}: a handle for {@code cred}, bound to this caller acting for itself. */
    public GssxCred seal(GssCred cred) throws InterruptedException {
        return seal(cred, Binding.NO_TARGET);
    }

    /** A handle for {@code cred}, bound to this caller acting for {@code targetUid}. */
    public GssxCred seal(GssCred cred, int targetUid) throws InterruptedException {
        Binding binding = binding(targetUid);
        return CredHandles.seal(gss, resources.sealer(), cred, binding, resources.clock().instant(),
                keytabs::scrub);
    }

    /** Ends the call's private MEMORY ccaches and its snapshots of the caller's keytabs. */
    @Override
    public void close() {
        synchronized (ccaches) {
            ccaches.forEach(SegregatedCcache::close);
            ccaches.clear();
        }
        keytabs.close();
    }

    /** The target uid a handle names, honoured only where a target can exist: a trusted service's own euid. */
    private int hintedTarget(GssxCred handle) {
        OptionalInt hint = CredOptions.targetUid(handle);
        boolean trustedCaller = service.trusted() && service.euid().isPresent()
                && service.euid().getAsInt() == caller.uid();
        return hint.isPresent() && trustedCaller ? hint.getAsInt() : Binding.NO_TARGET;
    }

    private SegregatedCcache newCcache() {
        SegregatedCcache ccache = SegregatedCcache.create(gss);
        synchronized (ccaches) {
            ccaches.add(ccache);
        }
        return ccache;
    }
}
