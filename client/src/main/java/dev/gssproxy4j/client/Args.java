package dev.gssproxy4j.client;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxHandle;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * Arguments for the common calls, laid out exactly as the real clients send them (byte for byte; see
 * {@code shared/wire/README.md}): the MIT interposer plugin ({@code gssproxy/src/mechglue}, accept/ and init/ there)
 * and the Linux kernel ({@code net/sunrpc/auth_gss/gss_rpc_upcall.c}, kernel/ there). Handles ({@link GssxCred},
 * {@link GssxCtx}) are the server's results, passed back verbatim. Token bytes are copied.
 */
public final class Args {

    /** RFC 2744 section 5.19 request flags (the {@code req_flags} of INIT_SEC_CONTEXT). */
    public static final long GSS_C_DELEG_FLAG = 1;
    public static final long GSS_C_MUTUAL_FLAG = 2;
    public static final long GSS_C_REPLAY_FLAG = 4;
    public static final long GSS_C_SEQUENCE_FLAG = 8;
    public static final long GSS_C_CONF_FLAG = 16;
    public static final long GSS_C_INTEG_FLAG = 32;
    /** RFC 2744 GSS_C_INDEFINITE, as a {@code time_req}. */
    public static final long GSS_C_INDEFINITE = 0xffff_ffffL;

    /** The kernel's call_ctx options (gss_rpc_upcall.c), both name and value with their trailing NUL. */
    private static final CallCtx KERNEL_CALL_CTX = CallCtx.withOptions(Options.builder()
            .add(Options.EXPORTED_CONTEXT_TYPE, Options.LINUX_LUCID_V1)
            .add(Options.EXPORTED_CREDS_TYPE, Options.LINUX_CREDS_V1)
            .build());
    /** What the interposer adds to every INIT_SEC_CONTEXT: {@code "sync_modified_creds\0"="default\0"}. */
    private static final List<GssxOption> SYNC_MODIFIED_CREDS =
            List.of(GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default"));

    private Args() {}

    /** INDICATE_MECHS: empty call context (accept/01, init/05). */
    public static ArgIndicateMechs indicateMechs() {
        return new ArgIndicateMechs(CallCtx.EMPTY);
    }

    /**
     * A host-based service name ({@code service@host}, GSS_C_NT_HOSTBASED_SERVICE) without a trailing NUL, as the
     * interposer sends INIT_SEC_CONTEXT's {@code target_name} ({@code "host@localhost"}, 14 bytes).
     */
    public static GssxName hostbasedService(String serviceAtHost) {
        return GssxName.of(serviceAtHost, Oids.NT_HOSTBASED_SERVICE);
    }

    /**
     * ACQUIRE_CRED for an acceptor, as the interposer sends it (accept/02): no input cred, desired_name
     * {@code serviceAtHost} as a C string <em>with</em> its NUL ({@code "host@localhost\0"}) and
     * GSS_C_NT_HOSTBASED_SERVICE, desired_mechs [krb5], cred_usage ACCEPT, all times 0, no options.
     */
    public static ArgAcquireCred acquireAcceptorCred(String serviceAtHost) {
        return acquireCred(Optional.empty(), Optional.of(interposerHostbased(serviceAtHost)), 0,
                List.of(Oids.KRB5), CredUsage.ACCEPT);
    }

    /**
     * ACQUIRE_CRED for the default initiator, as the interposer sends it for GSS_C_NO_CREDENTIAL (init/01): no
     * input cred, no desired name, desired_mechs empty (GSS_C_NO_OID_SET), cred_usage INITIATE, times 0.
     */
    public static ArgAcquireCred acquireInitiatorCred() {
        return acquireCred(Optional.empty(), Optional.empty(), 0, List.of(), CredUsage.INITIATE);
    }

    /**
     * ACQUIRE_CRED in the interposer's general shape: empty call context, add_cred_to_input_handle false,
     * initiator/acceptor time_req 0, no options. With an input cred and GSS_C_INDEFINITE this is accept/03.
     */
    public static ArgAcquireCred acquireCred(Optional<GssxCred> inputCred, Optional<GssxName> desiredName,
                                             long timeReq, List<Opaque> desiredMechs, CredUsage usage) {
        return new ArgAcquireCred(CallCtx.EMPTY, inputCred, false, desiredName, timeReq, desiredMechs, usage, 0, 0,
                List.of());
    }

    /**
     * A first-leg ACCEPT_SEC_CONTEXT as the interposer sends it (accept/04): empty call context, no context
     * handle, {@code cred} (from ACQUIRE_CRED) verbatim, the initiator's token, no channel bindings,
     * ret_deleg_cred false, no options.
     */
    public static ArgAcceptSecContext accept(GssxCred cred, byte[] token) {
        return new ArgAcceptSecContext(CallCtx.EMPTY, Optional.empty(), Optional.of(cred), Opaque.of(token),
                Optional.empty(), false, List.of());
    }

    /**
     * ACCEPT_SEC_CONTEXT exactly as the Linux kernel sends it for nfsd (kernel/01): call context options
     * {@code exported_context_type\0=linux_lucid_v1\0} and {@code exported_creds_type\0=linux_creds_v1\0}, no
     * context or cred handle (the server picks the service's keytab), the token, no channel bindings,
     * ret_deleg_cred false, no options. The reply then carries a lucid context and a {@code linux_creds_v1} option.
     */
    public static ArgAcceptSecContext kernelAccept(byte[] token) {
        return new ArgAcceptSecContext(KERNEL_CALL_CTX, Optional.empty(), Optional.empty(), Opaque.of(token),
                Optional.empty(), false, List.of());
    }

    /**
     * A first-leg INIT_SEC_CONTEXT as the interposer sends it (init/02): empty call context, no context handle,
     * {@code cred} verbatim, {@code target} (see {@link #hostbasedService}), mech krb5, {@code reqFlags}, time_req
     * 0, no channel bindings, no input token, options [{@code sync_modified_creds\0=default\0}].
     */
    public static ArgInitSecContext init(GssxCred cred, GssxName target, long reqFlags) {
        return new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(), Optional.of(cred), Optional.of(target),
                Oids.KRB5, reqFlags, 0, Optional.empty(), Optional.empty(), SYNC_MODIFIED_CREDS);
    }

    /**
     * A later INIT_SEC_CONTEXT leg (init/04): as {@link #init}, plus the partial context the previous leg returned
     * (verbatim) and the acceptor's reply token.
     */
    public static ArgInitSecContext initContinue(GssxCtx partialContext, GssxCred cred, GssxName target,
                                                 long reqFlags, byte[] acceptorToken) {
        return new ArgInitSecContext(CallCtx.EMPTY, Optional.of(partialContext), Optional.of(cred),
                Optional.of(target), Oids.KRB5, reqFlags, 0, Optional.empty(), Optional.of(Opaque.of(acceptorToken)),
                SYNC_MODIFIED_CREDS);
    }

    /**
     * {@code gss_localname} as the interposer sends it (accept/05): IMPORT_AND_CANON_NAME of {@code name} verbatim
     * (e.g. an accepted context's src_name), mech empty, no attributes, options [{@code localname\0} = empty].
     */
    public static ArgImportAndCanonName localname(GssxName name) {
        return new ArgImportAndCanonName(CallCtx.EMPTY, name, Opaque.EMPTY, List.of(),
                List.of(GssxOption.of(Options.LOCALNAME, Opaque.EMPTY)));
    }

    /** RELEASE_HANDLE of a credential (upstream answers GSS_S_UNAVAILABLE: its handles are stateless). */
    public static ArgReleaseHandle releaseCred(GssxCred cred) {
        return new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.Cred(cred));
    }

    /** RELEASE_HANDLE of a security context. */
    public static ArgReleaseHandle releaseContext(GssxCtx context) {
        return new ArgReleaseHandle(CallCtx.EMPTY, new GssxHandle.SecCtx(context));
    }

    /** The interposer's ACQUIRE_CRED desired_name: the display name as a C string, NUL included. */
    private static GssxName interposerHostbased(String serviceAtHost) {
        return new GssxName(Opaque.cString(serviceAtHost), Oids.NT_HOSTBASED_SERVICE, Opaque.EMPTY, Opaque.EMPTY,
                List.of(), List.of());
    }
}
