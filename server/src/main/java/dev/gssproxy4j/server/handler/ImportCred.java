package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgImportCred;
import dev.gssproxy4j.protocol.proc.ResImportCred;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_IMPORT_CRED (procedure 5): not supported, the counterpart of {@link ExportCred}. Upstream's stub answers
 * SUCCESS with no credential; gssproxy4j answers GSS_S_UNAVAILABLE with an explanation.
 */
public final class ImportCred implements ProcedureHandler<ArgImportCred, ResImportCred> {

    static final String NOT_SUPPORTED = "GSSX_IMPORT_CRED is not supported by gssproxy4j (nor upstream gssproxy);"
            + " send the gssx_cred from ACQUIRE_CRED as cred_handle instead";

    @Override
    public ResImportCred handle(ArgImportCred args, CallContext call) {
        throw Requests.unavailable(NOT_SUPPORTED);
    }

    @Override
    public ResImportCred failure(GssxStatus status) {
        return new ResImportCred(status, Optional.empty(), List.of());
    }
}
