package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgExportCred;
import dev.gssproxy4j.protocol.proc.ResExportCred;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.dispatch.Statuses;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_EXPORT_CRED (procedure 4): not supported. Upstream registers a stub that answers SUCCESS with an all-zero
 * result (no exported handle, and a {@code usage_exported} of 0 that is not even a valid enum value), which a client
 * would mistake for success. gssproxy4j answers GSS_S_UNAVAILABLE with an explanation instead. A client that wants
 * to keep a credential already has one: the {@code gssx_cred} (with its sealed reference) from ACQUIRE_CRED, which it
 * can store and send back as is.
 */
public final class ExportCred implements ProcedureHandler<ArgExportCred, ResExportCred> {

    static final String NOT_SUPPORTED = "GSSX_EXPORT_CRED is not supported by gssproxy4j (nor upstream gssproxy);"
            + " keep the gssx_cred from ACQUIRE_CRED and send it back instead";

    /**
     * Returns its refusal rather than throwing it, the one handler that does: the result echoes the requested
     * {@code cred_usage}, which {@link #failure} (all a thrown error gets) cannot know.
     */
    @Override
    public ResExportCred handle(ArgExportCred args, CallContext call) {
        return new ResExportCred(Statuses.of(Requests.unavailable(NOT_SUPPORTED).status(), call.resources().gss()),
                args.credUsage(), Optional.empty(), List.of());
    }

    @Override
    public ResExportCred failure(GssxStatus status) {
        return new ResExportCred(status, CredUsage.BOTH, Optional.empty(), List.of());
    }
}
