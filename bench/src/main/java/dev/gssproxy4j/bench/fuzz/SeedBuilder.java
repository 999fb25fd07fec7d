package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.client.GssStatusText;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgExportCred;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgImportCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Valid calls for this run's realm, made through the daemon under test with the project's client: every call is
 * sent once, kept as a seed, and its arguments and results go into the {@link Material}. Handles and contexts are
 * the daemon's own replies, passed back verbatim, so the seeds reach past the handle checks into the mechanism.
 *
 * <p>Order matters: the initiator service makes the AP-REQs (first INIT leg), the acceptor accepts them (with its
 * credential handle, without one, and the kernel's way on the trusted socket), the AP-REP finishes the initiator's
 * context (second leg), and the per-message calls then run on both sides' contexts. Calls that are expected to
 * crash an unfixed daemon (per-message calls on a lucid context) are kept as seeds but not sent here.
 */
final class SeedBuilder implements AutoCloseable {

    private static final long FLAGS = Args.GSS_C_MUTUAL_FLAG | Args.GSS_C_REPLAY_FLAG | Args.GSS_C_SEQUENCE_FLAG
            | Args.GSS_C_CONF_FLAG | Args.GSS_C_INTEG_FLAG;
    private static final long FLAGS_NO_MUTUAL = FLAGS & ~Args.GSS_C_MUTUAL_FLAG;
    private static final Opaque MESSAGE = Opaque.utf8("gssproxy4j fuzz message: per-message seed");

    private final FuzzDaemon daemon;
    private final String realmName;
    private final Map<Target, GssProxyClient> clients = new EnumMap<>(Target.class);
    private final List<Seed> seeds = new ArrayList<>();
    private final Material material = new Material();

    private SeedBuilder(FuzzDaemon daemon, String realmName) {
        this.daemon = daemon;
        this.realmName = realmName;
    }

    /** The seeds and the material they produced, not yet frozen (captured records may be added). */
    record Built(List<Seed> seeds, Material material) {
    }

    static Built build(FuzzDaemon daemon, String realmName) {
        try (SeedBuilder builder = new SeedBuilder(daemon, realmName)) {
            builder.buildAll();
            return new Built(List.copyOf(builder.seeds), builder.material);
        }
    }

    private void buildAll() {
        for (Target target : Target.values()) {
            send("indicate-mechs-" + target.name().toLowerCase(Locale.ROOT), target,
                    Procedure.INDICATE_MECHS, Args.indicateMechs());
        }
        GssxCred acceptorCred = credentials();
        GssxCred initiatorCred = initiatorCredentials();
        Contexts contexts = contexts(acceptorCred, initiatorCred);
        names(contexts.accepted().srcName());
        perMessage("initiator", Target.INITIATOR, contexts.initiated(), "acceptor", Target.ACCEPTOR,
                contexts.accepted());
        perMessage("acceptor", Target.ACCEPTOR, contexts.accepted(), "initiator", Target.INITIATOR,
                contexts.initiated());
        // The kernel's lucid context is not an MIT export token: importing it is the hostile case.
        keep("get-mic-lucid-context", Target.TRUSTED, Procedure.GET_MIC,
                new ArgGetMic(CallCtx.EMPTY, contexts.lucid(), 0, MESSAGE));
        send("release-cred", Target.ACCEPTOR, Procedure.RELEASE_HANDLE, Args.releaseCred(acceptorCred));
        send("release-context", Target.ACCEPTOR, Procedure.RELEASE_HANDLE, Args.releaseContext(contexts.accepted()));
        send("get-call-context", Target.ACCEPTOR, Procedure.GET_CALL_CONTEXT,
                new ArgGetCallContext(CallCtx.EMPTY, List.of()));
        send("export-cred", Target.INITIATOR, Procedure.EXPORT_CRED,
                new ArgExportCred(CallCtx.EMPTY, initiatorCred, CredUsage.INITIATE,
                        List.of()));
        send("import-cred", Target.INITIATOR, Procedure.IMPORT_CRED,
                new ArgImportCred(CallCtx.EMPTY,
                        initiatorCred.credHandleReference(), List.of()));
        send("store-cred", Target.INITIATOR, Procedure.STORE_CRED,
                new ArgStoreCred(CallCtx.EMPTY, initiatorCred, CredUsage.INITIATE,
                        Oids.KRB5, false, false, List.of()));
    }

    /** ACQUIRE_CRED for the acceptor (accept/02), again with its own handle as input (accept/03), and for nfs. */
    private GssxCred credentials() {
        ResAcquireCred first = (ResAcquireCred) send("acquire-accept", Target.ACCEPTOR, Procedure.ACQUIRE_CRED,
                Args.acquireAcceptorCred(FuzzRealm.ACCEPTOR_SERVICE));
        GssxCred cred = require(first.outputCredHandle(), first, "ACQUIRE_CRED (accept)");
        send("acquire-accept-with-input-cred", Target.ACCEPTOR, Procedure.ACQUIRE_CRED,
                Args.acquireCred(Optional.of(cred), Optional.of(Args.hostbasedService(FuzzRealm.ACCEPTOR_SERVICE)),
                        Args.GSS_C_INDEFINITE, List.of(Oids.KRB5), CredUsage.ACCEPT));
        send("acquire-accept-nfs-trusted", Target.TRUSTED, Procedure.ACQUIRE_CRED,
                Args.acquireAcceptorCred(FuzzRealm.NFS_SERVICE));
        return cred;
    }

    /** ACQUIRE_CRED for the default initiator (init/01), and again with that handle as input. */
    private GssxCred initiatorCredentials() {
        ResAcquireCred first = (ResAcquireCred) send("acquire-initiate", Target.INITIATOR, Procedure.ACQUIRE_CRED,
                Args.acquireInitiatorCred());
        GssxCred cred = require(first.outputCredHandle(), first, "ACQUIRE_CRED (initiate)");
        send("acquire-initiate-with-input-cred", Target.INITIATOR, Procedure.ACQUIRE_CRED,
                Args.acquireCred(Optional.of(cred), Optional.empty(), Args.GSS_C_INDEFINITE, List.of(),
                        CredUsage.INITIATE));
        return cred;
    }

    /** The complete contexts of both sides and the kernel's lucid one. */
    private record Contexts(GssxCtx initiated, GssxCtx accepted, GssxCtx lucid) {
    }

    private Contexts contexts(GssxCred acceptorCred, GssxCred initiatorCred) {
        GssxName host = Args.hostbasedService(FuzzRealm.ACCEPTOR_SERVICE);
        ResInitSecContext leg1 = (ResInitSecContext) send("init-first-leg", Target.INITIATOR,
                Procedure.INIT_SEC_CONTEXT, Args.init(initiatorCred, host, FLAGS));
        GssxCtx partial = require(leg1.contextHandle(), leg1, "INIT_SEC_CONTEXT (first leg)");
        byte[] apReq = require(leg1.outputToken(), leg1, "INIT_SEC_CONTEXT (first leg)").toByteArray();
        ResAcceptSecContext accepted = (ResAcceptSecContext) send("accept-with-cred", Target.ACCEPTOR,
                Procedure.ACCEPT_SEC_CONTEXT, Args.accept(acceptorCred, apReq));
        GssxCtx acceptedCtx = require(accepted.contextHandle(), accepted, "ACCEPT_SEC_CONTEXT");
        byte[] apRep = require(accepted.outputToken(), accepted, "ACCEPT_SEC_CONTEXT").toByteArray();
        ResInitSecContext leg2 = (ResInitSecContext) send("init-second-leg", Target.INITIATOR,
                Procedure.INIT_SEC_CONTEXT, Args.initContinue(partial, initiatorCred, host, FLAGS, apRep));
        GssxCtx initiated = require(leg2.contextHandle(), leg2, "INIT_SEC_CONTEXT (second leg)");

        byte[] apReqNoCred = freshApReq(initiatorCred, host, FLAGS);
        send("accept-without-cred", Target.ACCEPTOR, Procedure.ACCEPT_SEC_CONTEXT,
                new ArgAcceptSecContext(CallCtx.EMPTY, Optional.empty(), Optional.empty(), Opaque.of(apReqNoCred),
                        Optional.empty(), false, List.of()));

        GssxName nfs = Args.hostbasedService(FuzzRealm.NFS_SERVICE);
        ResInitSecContext nfsInit = (ResInitSecContext) send("init-nfs-no-mutual", Target.INITIATOR,
                Procedure.INIT_SEC_CONTEXT, Args.init(initiatorCred, nfs, FLAGS_NO_MUTUAL));
        byte[] nfsApReq = require(nfsInit.outputToken(), nfsInit, "INIT_SEC_CONTEXT (nfs)").toByteArray();
        ResAcceptSecContext kernel = (ResAcceptSecContext) send("accept-kernel-lucid", Target.TRUSTED,
                Procedure.ACCEPT_SEC_CONTEXT, Args.kernelAccept(nfsApReq));
        GssxCtx lucid = require(kernel.contextHandle(), kernel, "ACCEPT_SEC_CONTEXT (kernel options)");
        return new Contexts(initiated, acceptedCtx, lucid);
    }

    /** One more first-leg AP-REQ, not kept as a seed (the same call as {@code init-first-leg}). */
    private byte[] freshApReq(GssxCred cred, GssxName target, long flags) {
        ArgInitSecContext args = Args.init(cred, target, flags);
        ResInitSecContext result = (ResInitSecContext) client(Target.INITIATOR).call(Procedure.INIT_SEC_CONTEXT,
                args);
        material.harvest(result);
        return require(result.outputToken(), result, "INIT_SEC_CONTEXT (another first leg)").toByteArray();
    }

    /** IMPORT_AND_CANON_NAME in every input form the daemon handles. */
    private void names(GssxName accepted) {
        canon("canon-hostbased", Args.hostbasedService(FuzzRealm.ACCEPTOR_SERVICE), Oids.KRB5);
        canon("canon-user-name", GssxName.of(FuzzRealm.USER, Oids.NT_USER_NAME), Oids.KRB5);
        canon("canon-principal", GssxName.of(FuzzRealm.USER + "@" + realmName, Oids.KRB5_NT_PRINCIPAL_NAME),
                Opaque.EMPTY);
        canon("canon-string-uid", GssxName.of("0", Oids.NT_STRING_UID_NAME), Oids.KRB5);
        canon("import-exported-as-display", new GssxName(accepted.exportedName(), Oids.NT_EXPORT_NAME,
                Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of()), Opaque.EMPTY);
        canon("import-exported-name-field", new GssxName(Opaque.EMPTY, Opaque.EMPTY, accepted.exportedName(),
                Opaque.EMPTY, List.of(), List.of()), Opaque.EMPTY);
        if (!accepted.exportedCompositeName().isEmpty()) {
            canon("import-composite-name", new GssxName(accepted.exportedCompositeName(), Oids.NT_COMPOSITE_EXPORT,
                    Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of()), Opaque.EMPTY);
        }
        send("localname", Target.ACCEPTOR, Procedure.IMPORT_AND_CANON_NAME, Args.localname(accepted));
    }

    private void canon(String name, GssxName input, Opaque mech) {
        send(name, Target.ACCEPTOR, Procedure.IMPORT_AND_CANON_NAME,
                new ArgImportAndCanonName(CallCtx.EMPTY, input, mech, List.of(), List.of()));
    }

    /**
     * GET_MIC and WRAP on {@code own}'s side, VERIFY_MIC and UNWRAP of their tokens on {@code peer}'s side, and
     * WRAP_SIZE_LIMIT; each call gets the context the previous one on that side returned.
     */
    private void perMessage(String ownName, Target ownTarget, GssxCtx own, String peerName, Target peerTarget,
                            GssxCtx peer) {
        PerMessageSeeds calls = new PerMessageSeeds(MESSAGE);
        var mic = send("get-mic-" + ownName, ownTarget, Procedure.GET_MIC, calls.getMic(own));
        own = calls.next(own, mic);
        var verify = send("verify-mic-" + peerName, peerTarget, Procedure.VERIFY, calls.verifyMic(peer, mic));
        peer = calls.next(peer, verify);
        var wrap = send("wrap-" + ownName, ownTarget, Procedure.WRAP, calls.wrap(own));
        own = calls.next(own, wrap);
        var unwrap = send("unwrap-" + peerName, peerTarget, Procedure.UNWRAP, calls.unwrap(peer, wrap));
        peer = calls.next(peer, unwrap);
        send("wrap-size-limit-" + ownName, ownTarget, Procedure.WRAP_SIZE_LIMIT, calls.wrapSizeLimit(own));
    }

    /** Sends one call, keeps it as a seed and harvests both directions. */
    private GssxRes send(String name, Target target, Procedure procedure, GssxArg args) {
        keep(name, target, procedure, args);
        GssxRes result = client(target).call(procedure, args);
        material.harvest(result);
        return result;
    }

    private void keep(String name, Target target, Procedure procedure, GssxArg args) {
        seeds.add(new Seed.Call(name, target, procedure, args));
        material.harvest(args);
    }

    private GssProxyClient client(Target target) {
        return clients.computeIfAbsent(target, t -> GssProxyClient.connect(daemon.socket(t)));
    }

    private static <T> T require(Optional<T> value, GssxRes result, String call) {
        return value.orElseThrow(() -> new IllegalStateException("building the seeds: " + call + " returned "
                + GssStatusText.describe(result.status()) + " without the expected output; is the daemon's"
                + " configuration (FuzzConfig) right for this realm?"));
    }

    @Override
    public void close() {
        clients.values().forEach(GssProxyClient::close);
    }
}
