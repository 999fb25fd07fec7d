package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.server.dispatch.HandlerTable;

/**
 * The daemon's procedure table (upstream's {@code gp_xdr_set} in src/gp_rpc_process.c): one handler per procedure.
 * {@link HandlerTable.Builder#complete()} refuses a table that misses one.
 */
public final class Handlers {

    private Handlers() {}

    /** A complete table with a fresh instance of every handler (IndicateMechs caches its answer per instance). */
    public static HandlerTable all() {
        return HandlerTable.builder()
                .put(Procedure.INDICATE_MECHS, new IndicateMechs())
                .put(Procedure.GET_CALL_CONTEXT, new GetCallContext())
                .put(Procedure.IMPORT_AND_CANON_NAME, new ImportAndCanonName())
                .put(Procedure.EXPORT_CRED, new ExportCred())
                .put(Procedure.IMPORT_CRED, new ImportCred())
                .put(Procedure.ACQUIRE_CRED, new AcquireCred())
                .put(Procedure.STORE_CRED, new StoreCred())
                .put(Procedure.INIT_SEC_CONTEXT, new InitSecContext())
                .put(Procedure.ACCEPT_SEC_CONTEXT, new AcceptSecContext())
                .put(Procedure.RELEASE_HANDLE, new ReleaseHandle())
                .put(Procedure.GET_MIC, new GetMic())
                .put(Procedure.VERIFY, new VerifyMic())
                .put(Procedure.WRAP, new Wrap())
                .put(Procedure.UNWRAP, new Unwrap())
                .put(Procedure.WRAP_SIZE_LIMIT, new WrapSizeLimit())
                .complete();
    }
}
