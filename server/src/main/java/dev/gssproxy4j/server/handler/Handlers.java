package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgExportCred;
import dev.gssproxy4j.protocol.proc.ArgGetCallContext;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgImportCred;
import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgReleaseHandle;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
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
                .put(ArgIndicateMechs.class, new IndicateMechs())
                .put(ArgGetCallContext.class, new GetCallContext())
                .put(ArgImportAndCanonName.class, new ImportAndCanonName())
                .put(ArgExportCred.class, new ExportCred())
                .put(ArgImportCred.class, new ImportCred())
                .put(ArgAcquireCred.class, new AcquireCred())
                .put(ArgStoreCred.class, new StoreCred())
                .put(ArgInitSecContext.class, new InitSecContext())
                .put(ArgAcceptSecContext.class, new AcceptSecContext())
                .put(ArgReleaseHandle.class, new ReleaseHandle())
                .put(ArgGetMic.class, new GetMic())
                .put(ArgVerifyMic.class, new VerifyMic())
                .put(ArgWrap.class, new Wrap())
                .put(ArgUnwrap.class, new Unwrap())
                .put(ArgWrapSizeLimit.class, new WrapSizeLimit())
                .complete();
    }
}
