package dev.gssproxy4j.server.convert;

import dev.gssproxy4j.mech.ContextInfo;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;

/** {@code gssx_ctx} descriptions of contexts, as upstream's {@code gp_export_ctx_id_to_gssx} fills them. */
public final class Contexts {

    private Contexts() {}

    /**
     * A complete (or described) context: the exported token, no state, {@code needs_release} false (we keep no
     * state), and what {@code gss_inquire_context} says. {@code withComposite} false leaves the names' composite
     * exports out, as upstream does for the kernel's lucid contexts.
     */
    public static GssxCtx describe(Opaque exportedToken, ContextInfo info, boolean withComposite) {
        GssxName target = info.target() == null ? GssxName.EMPTY : Names.describe(info.target(), withComposite);
        return describe(exportedToken, info, target, withComposite);
    }

    /** As {@link #describe(Opaque, ContextInfo, boolean)}, with the target name already described. */
    public static GssxCtx describe(Opaque exportedToken, ContextInfo info, GssxName target, boolean withComposite) {
        GssxName source = info.source() == null ? GssxName.EMPTY : Names.describe(info.source(), withComposite);
        return new GssxCtx(exportedToken, Opaque.EMPTY, false, Names.oidBytes(info.mech()), source, target,
                info.lifetime(), Integer.toUnsignedLong(info.flags()), info.locallyInitiated(), info.open(),
                List.of());
    }

    /**
     * A partially established context (CONTINUE_NEEDED) as upstream returns it: the token the client must send
     * back, the requested mechanism, empty names, lifetime 0, not open.
     */
    public static GssxCtx partial(Opaque token, Opaque mech, long flags, boolean locallyInitiated) {
        return new GssxCtx(token, Opaque.EMPTY, false, mech, GssxName.EMPTY, GssxName.EMPTY, 0, flags,
                locallyInitiated, false, List.of());
    }
}
