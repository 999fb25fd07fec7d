package dev.gssproxy4j.client;

import dev.gssproxy4j.client.GssProxyException.Reason;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.*;
import dev.gssproxy4j.xdr.XdrSizeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client for one GSS-Proxy socket (ONC RPC program 400112 version 1, RFC 5531 over AF_UNIX with record marking),
 * modelled on upstream's client library ({@code src/client/gpm_common.c}): one connection, one call at a time
 * (calls from several threads queue up), a random first xid that then counts up, and a 15 s I/O timeout.
 *
 * <p>Failures below the GSS level throw the unchecked {@link GssProxyException}: connect and I/O errors, a timeout,
 * a dropped connection, broken framing, a reply over 1 MiB, an xid that is not the call's, an undecodable reply, or
 * an RPC-level refusal (PROC_UNAVAIL, GARBAGE_ARGS, AUTH_ERROR...). Unless the reason is RPC_ERROR or
 * REQUEST_TOO_LARGE, the connection is closed afterwards ({@link Reason#closesConnection()}); connect a new client.
 * Unlike upstream, nothing is resent after a timeout: a repeated ACCEPT_SEC_CONTEXT would be a replay.
 *
 * <p>GSS errors are <b>not</b> exceptions: they arrive in the result's {@link GssxStatus}, as on the wire. Use
 * {@link #requireComplete} to turn them into one. Handles in results are opaque server state: pass them back
 * verbatim (see {@link Args}).
 */
public final class GssProxyClient implements AutoCloseable {

    private final Connection connection;
    private final ClientOptions options;
    private int nextXid;

    private GssProxyClient(Connection connection, ClientOptions options) {
        this.connection = connection;
        this.options = options;
        // Upstream seeds from getrandom(); xids only pair replies with calls on this private connection.
        this.nextXid = options.firstXid().orElseGet(() -> ThreadLocalRandom.current().nextInt());
    }

    /** Connects to {@code socket} with {@link ClientOptions#DEFAULTS}. */
    public static GssProxyClient connect(Path socket) {
        return connect(socket, ClientOptions.DEFAULTS);
    }

    /** @throws GssProxyException CONNECT_FAILED if the socket does not accept the connection */
    public static GssProxyClient connect(Path socket, ClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new GssProxyClient(Connection.open(socket, options.maxReplyBytes()), options);
    }

    /**
     * Sends one call and returns its results, whatever their GSS status.
     *
     * @throws IllegalArgumentException if {@code args} is not {@code procedure}'s argument type
     * @throws GssProxyException        for every failure below the GSS level (see the class comment)
     */
    public synchronized GssxRes call(Procedure procedure, GssxArg args) {
        int xid = nextXid++;
        Replies.CallName what = new Replies.CallName(procedure, xid);
        byte[] request;
        try {
            request = GssProxyMessages.encodeCall(xid, procedure, args, GssProxyMessages.MAX_RECORD);
        } catch (XdrSizeException e) {
            throw GssProxyException.notSent(Reason.REQUEST_TOO_LARGE, what + " would need " + e.needed()
                    + " bytes; GSS-Proxy servers accept at most " + e.maxSize(), e);
        }
        try {
            return Replies.results(procedure, xid, connection.exchange(request, options.ioTimeout(), what));
        } catch (GssProxyException e) {
            if (e.reason().closesConnection()) {
                connection.closeAfter(e.getMessage());
            }
            throw e;
        }
    }

    private <R extends GssxRes> R call(Procedure procedure, GssxArg args, Class<R> resultType) {
        return resultType.cast(call(procedure, args));
    }

    /** INDICATE_MECHS with an empty call context, as the interposer sends it. */
    public ResIndicateMechs indicateMechs() {
        return call(Procedure.INDICATE_MECHS, Args.indicateMechs(), ResIndicateMechs.class);
    }

    public ResGetCallContext getCallContext(ArgGetCallContext args) {
        return call(Procedure.GET_CALL_CONTEXT, args, ResGetCallContext.class);
    }

    /**
     * GET_CALL_CONTEXT answered from this process's environment ({@link EnvironmentOptions}): the {@code call_ctx}
     * options to send on ACQUIRE_CRED, INIT_SEC_CONTEXT and ACCEPT_SEC_CONTEXT, so that the daemon uses, say, this
     * process's own {@code KRB5CCNAME} where its service allows that. Empty with upstream gssproxy.
     */
    public List<GssxOption> environmentOptions() {
        return EnvironmentOptions.answer(EnvironmentOptions.wanted(getCallContext(EnvironmentOptions.QUESTION)),
                System::getenv);
    }

    public ResImportAndCanonName importAndCanonName(ArgImportAndCanonName args) {
        return call(Procedure.IMPORT_AND_CANON_NAME, args, ResImportAndCanonName.class);
    }

    /**
     * {@code gss_localname} through the proxy ({@link Args#localname}): the local user name the server maps
     * {@code name} to, if the call completed and the reply carries the {@code localname} option.
     */
    public Optional<String> localname(GssxName name) {
        ResImportAndCanonName result = importAndCanonName(Args.localname(name));
        return result.status().isComplete()
                ? Options.valueText(result.options(), Options.LOCALNAME) : Optional.empty();
    }

    public ResExportCred exportCred(ArgExportCred args) {
        return call(Procedure.EXPORT_CRED, args, ResExportCred.class);
    }

    public ResImportCred importCred(ArgImportCred args) {
        return call(Procedure.IMPORT_CRED, args, ResImportCred.class);
    }

    public ResAcquireCred acquireCred(ArgAcquireCred args) {
        return call(Procedure.ACQUIRE_CRED, args, ResAcquireCred.class);
    }

    public ResStoreCred storeCred(ArgStoreCred args) {
        return call(Procedure.STORE_CRED, args, ResStoreCred.class);
    }

    public ResInitSecContext initSecContext(ArgInitSecContext args) {
        return call(Procedure.INIT_SEC_CONTEXT, args, ResInitSecContext.class);
    }

    public ResAcceptSecContext acceptSecContext(ArgAcceptSecContext args) {
        return call(Procedure.ACCEPT_SEC_CONTEXT, args, ResAcceptSecContext.class);
    }

    public ResReleaseHandle releaseHandle(ArgReleaseHandle args) {
        return call(Procedure.RELEASE_HANDLE, args, ResReleaseHandle.class);
    }

    public ResGetMic getMic(ArgGetMic args) {
        return call(Procedure.GET_MIC, args, ResGetMic.class);
    }

    /** Procedure 12, {@code GSSX_VERIFY}. */
    public ResVerifyMic verifyMic(ArgVerifyMic args) {
        return call(Procedure.VERIFY, args, ResVerifyMic.class);
    }

    public ResWrap wrap(ArgWrap args) {
        return call(Procedure.WRAP, args, ResWrap.class);
    }

    public ResUnwrap unwrap(ArgUnwrap args) {
        return call(Procedure.UNWRAP, args, ResUnwrap.class);
    }

    public ResWrapSizeLimit wrapSizeLimit(ArgWrapSizeLimit args) {
        return call(Procedure.WRAP_SIZE_LIMIT, args, ResWrapSizeLimit.class);
    }

    /**
     * Throws unless {@code status} is GSS_S_COMPLETE.
     *
     * @throws GssProxyException GSS_ERROR, naming the major status and the server's status strings
     */
    public static GssxStatus requireComplete(GssxStatus status) {
        if (!status.isComplete()) {
            throw GssProxyException.gssError(GssStatusText.describe(status), status);
        }
        return status;
    }

    /** {@link #requireComplete(GssxStatus)} on the result's status; returns the result for chaining. */
    public static <R extends GssxRes> R requireComplete(R result) {
        requireComplete(result.status());
        return result;
    }

    /**
     * Throws if {@code result}'s major status is an error (RFC 2744 {@code GSS_ERROR()}); GSS_S_CONTINUE_NEEDED and
     * other supplementary bits pass, as a multi-leg INIT_SEC_CONTEXT needs.
     */
    public static <R extends GssxRes> R requireNoError(R result) {
        if (GssStatusText.isError(result.status().majorStatus())) {
            throw GssProxyException.gssError(GssStatusText.describe(result.status()), result.status());
        }
        return result;
    }

    public Path socket() {
        return connection.socket();
    }

    /** Whether calls can still be made: false after {@link #close()} and after a failure that closed the link. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Closes the connection; a call blocked in another thread fails at once with CLIENT_CLOSED. Idempotent. */
    @Override
    public void close() {
        connection.closeAfter("the client was closed");
    }

    @Override
    public String toString() {
        return "GssProxyClient[" + connection.socket() + (isOpen() ? "" : ", closed") + "]";
    }
}
