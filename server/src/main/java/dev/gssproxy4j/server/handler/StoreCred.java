package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.StoreResult;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgStoreCred;
import dev.gssproxy4j.protocol.proc.ResStoreCred;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.convert.CredUsages;
import dev.gssproxy4j.server.creds.OpenedCred;
import dev.gssproxy4j.server.creds.OwnedCcacheFile;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.dispatch.Statuses;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * GSSX_STORE_CRED (procedure 7), a gssproxy4j extension (upstream's is a stub that answers SUCCESS with nothing
 * stored): the initiator credential of {@code input_cred_handle} (e.g. a delegated credential from ACCEPT's
 * {@code ret_deleg_cred}) is written with {@code gss_store_cred_into} into the FILE ccache named by option
 * {@code ccache}, which must exist and be owned by the caller ({@link OwnedCcacheFile}). Validate -> open the handle
 * (another uid's or store's is refused) -> open and check the ccache -> store -> status. Only the krb5 initiator
 * element is stored; without {@code overwrite_cred} a non-empty ccache is left alone (GSS_S_DUPLICATE_ELEMENT);
 * {@code default_cred} has no meaning for a single named ccache.
 */
public final class StoreCred implements ProcedureHandler<ArgStoreCred, ResStoreCred> {

    /** Option naming the target ccache. */
    static final String CCACHE_OPTION = "ccache";

    @Override
    public ResStoreCred handle(ArgStoreCred args, CallContext call) throws InterruptedException {
        Gss gss = call.resources().gss();
        if (args.credUsage() == dev.gssproxy4j.protocol.CredUsage.ACCEPT) {
            throw GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EINVAL, Oid.KRB5,
                    "STORE_CRED stores initiator credentials into a ccache; use cred_usage INITIATE or BOTH");
        }
        if (!args.desiredMech().isEmpty() && !Requests.mech(args.desiredMech(), "desired_mech")
                .filter(Oid.KRB5::equals).isPresent()) {
            throw GssErrors.of(MajorStatus.GSS_S_BAD_MECH, Errno.EINVAL, null,
                    "STORE_CRED stores only krb5 credentials; leave desired_mech empty or give krb5");
        }
        String ccache = Options.valueText(args.options(), CCACHE_OPTION).orElseThrow(() -> GssErrors.of(
                MajorStatus.GSS_S_FAILURE, Errno.EINVAL, Oid.KRB5, "STORE_CRED needs option ccache ="
                        + " FILE:/path of a ccache file the caller owns"));
        try (OpenedCred cred = call.credentials().open(args.inputCredHandle()).orElseThrow(() -> GssErrors.of(
                     MajorStatus.GSS_S_NO_CRED, Errno.EINVAL, Oid.KRB5, "the credential handle to store"
                             + " does not open (expired or from an earlier key); acquire or accept anew"));
             OwnedCcacheFile file = OwnedCcacheFile.open(ccache, call.caller().uid())) {
            StoreResult stored = store(gss, cred, file, args.overwriteCred());
            return new ResStoreCred(GssxStatus.of(0, Statuses.oid(Oid.KRB5), 0, "", ""),
                    stored.elementsStored().stream().map(Statuses::oid).toList(),
                    CredUsages.toWire(stored.usageStored()), List.of());
        }
    }

    /** File I/O and MIT's ccache code, under the request's permit. */
    private static StoreResult store(Gss gss, OpenedCred cred, OwnedCcacheFile file, boolean overwrite) {
        try {
            if (!overwrite && !file.isEmpty()) {
                throw GssErrors.of(MajorStatus.GSS_S_DUPLICATE_ELEMENT, Errno.EINVAL, Oid.KRB5,
                        "the ccache is not empty; set overwrite_cred to replace it");
            }
            return file.store(name -> gss.storeCredInto(cred.cred(), CredUsage.INITIATE, Oid.KRB5, true, false,
                    Map.of("ccache", name)));
        } catch (IOException e) {
            throw GssErrors.of(MajorStatus.GSS_S_FAILURE, Errno.EINVAL, Oid.KRB5,
                    "cannot write the ccache: " + e.getMessage());
        }
    }

    @Override
    public ResStoreCred failure(GssxStatus status) {
        return new ResStoreCred(status, List.of(), dev.gssproxy4j.protocol.CredUsage.BOTH, List.of());
    }
}
