package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * GSSX_IMPORT_AND_CANON_NAME (procedure 3), as upstream {@code gp_rpc_import_and_canon_name.c}:
 * <ul>
 *   <li>a name with neither {@code display_name} nor {@code exported_name}: GSS_S_FAILURE, minor EINVAL;</li>
 *   <li>with the request option {@code localname} (any value): {@code gss_localname} of the imported name for
 *       {@code mech} (or every mechanism), answered in the reply option {@code "localname\0"} whose value is the
 *       user name <em>without</em> a NUL; {@code output_name} is then absent (what {@code gss_localname} through
 *       the interposer expects, golden accept/05);</li>
 *   <li>otherwise the imported name, canonicalized for {@code mech} when one is given, described as
 *       {@code gp_conv_name_to_gssx} does.</li>
 * </ul>
 * The status carries the requested mechanism, as upstream's. {@code name_attributes} and the composite name of the
 * input are ignored, as upstream ignores them. Import of host-based names and localname plugins may consult DNS or
 * NSS (the request holds a permit, see {@code GssCalls}).
 */
public final class ImportAndCanonName implements ProcedureHandler<ArgImportAndCanonName, ResImportAndCanonName> {

    @Override
    public ResImportAndCanonName handle(ArgImportAndCanonName args, CallContext call) throws InterruptedException {
        GssxName input = args.inputName();
        if (input.displayName().isEmpty() && input.exportedName().isEmpty()) {
            throw GssErrors.withText(MajorStatus.GSS_S_FAILURE, Errno.EINVAL, "input_name has neither a"
                    + " display_name nor an exported_name; send the name to import");
        }
        Optional<Oid> mech = Requests.mech(args.mech(), "mech");
        Gss gss = call.resources().gss();
        Oid mechOrNull = mech.orElse(null);
        boolean localname = Options.contains(args.options(), Options.LOCALNAME);
        try (GssName name = Names.importName(gss, input).orElseThrow()) {
            GssxStatus ok = complete(args.mech());
            if (localname) {
                String user = name.localname(mechOrNull);
                return new ResImportAndCanonName(ok, Optional.empty(),
                        List.of(GssxOption.of(Options.LOCALNAME, Opaque.utf8(user))));
            }
            if (mechOrNull == null) {
                return new ResImportAndCanonName(ok, Optional.of(Names.describe(name)), List.of());
            }
            try (GssName canonical = name.canonicalize(mechOrNull)) {
                return new ResImportAndCanonName(ok, Optional.of(Names.describe(canonical)), List.of());
            }
        }
    }

    @Override
    public ResImportAndCanonName failure(GssxStatus status) {
        return new ResImportAndCanonName(status, Optional.empty(), List.of());
    }

    /** GSS_S_COMPLETE naming the requested mechanism (empty when none was), as {@code gp_conv_status_to_gssx}. */
    private static GssxStatus complete(Opaque mech) {
        return mech.isEmpty() ? GssxStatus.COMPLETE : GssxStatus.of(0, mech, 0, "", "");
    }
}
