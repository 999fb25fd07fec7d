package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.ResStoreCred;
import dev.gssproxy4j.server.dispatch.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import java.util.List;

/**
 * GSSX_STORE_CRED (procedure 7): not supported. Upstream's stub answers SUCCESS with nothing stored (and an invalid
 * {@code cred_usage_stored} of 0). Storing a credential into a ccache chosen by the client would let a caller write
 * into files the daemon can reach, so gssproxy4j does not offer it and answers GSS_S_UNAVAILABLE with an explanation;
 * credentials reach the client through the {@code sync_creds} option of INIT/ACCEPT instead.
 */
public final class StoreCred implements ProcedureHandler<ArgStoreCred, ResStoreCred> {

    static final String NOT_SUPPORTED = "GSSX_STORE_CRED is not supported by gssproxy4j (nor upstream gssproxy);"
            + " credentials stay in the client's gssx_cred (see the sync_modified_creds option)";

    @Override
    public ResStoreCred handle(ArgStoreCred args, CallContext call) {
        return new ResStoreCred(Requests.unavailable(call.resources().gss(), NOT_SUPPORTED), List.of(),
                args.credUsage(), List.of());
    }

    @Override
    public ResStoreCred failure(GssxStatus status) {
        return new ResStoreCred(status, List.of(), CredUsage.BOTH, List.of());
    }
}
