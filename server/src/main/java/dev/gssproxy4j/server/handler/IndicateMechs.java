package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MechAttrInfo;
import dev.gssproxy4j.mech.MechAttrs;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SaslMechInfo;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.MechAttr;
import dev.gssproxy4j.protocol.MechInfo;
import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.dispatch.ProcedureHandler;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * GSSX_INDICATE_MECHS (procedure 1), as upstream {@code gp_rpc_indicate_mechs.c}: every mechanism of the library
 * ({@code gss_indicate_mechs}) with its name types, RFC 5587 attributes and known attributes, and RFC 5801 SASL
 * names; then one {@code gssx_mech_attr} with the {@code gss_display_mech_attr} texts for every attribute any
 * mechanism listed, in first-seen order (a mechanism's attributes, then its known attributes).
 *
 * <p>Like upstream, a mechanism whose name types cannot be listed is skipped; any other failure fails the call.
 *
 * <p>Every client sends this first (the interposer once per process), and the answer cannot change while the
 * process runs (the library reads {@code /etc/gss/mech.d} once), so it is computed on the first call and cached.
 * A failed computation is not cached.
 */
public final class IndicateMechs implements ProcedureHandler<ArgIndicateMechs, ResIndicateMechs> {

    private volatile ResIndicateMechs cached;

    @Override
    public ResIndicateMechs handle(ArgIndicateMechs args, CallContext call) {
        ResIndicateMechs result = cached;
        if (result == null) {
            synchronized (this) {
                result = cached;
                if (result == null) {
                    result = compute(call.resources().gss(), call.connectionId());
                    cached = result;
                }
            }
        }
        return result;
    }

    @Override
    public ResIndicateMechs failure(GssxStatus status) {
        return new ResIndicateMechs(status, List.of(), List.of(), List.of(), List.of());
    }

    /** The reply for {@code gss}'s mechanisms; throws {@link GssException} as the failing call reports it. */
    static ResIndicateMechs compute(Gss gss, long connectionId) {
        List<MechInfo> mechs = new ArrayList<>();
        SequencedSet<Oid> attributes = new LinkedHashSet<>();
        for (Oid mech : gss.indicateMechs()) {
            List<Oid> nameTypes;
            try {
                nameTypes = gss.namesForMech(mech);
            } catch (GssException e) {
                DaemonLog.debug(1, connectionId, "mechanism " + mech + " skipped: " + e.getMessage());
                continue;
            }
            MechAttrs attrs = gss.attrsForMech(mech);
            attributes.addAll(attrs.mechAttrs());
            attributes.addAll(attrs.knownAttrs());
            SaslMechInfo sasl = gss.saslNameForMech(mech);
            mechs.add(new MechInfo(oid(mech), oids(nameTypes), oids(attrs.mechAttrs()), oids(attrs.knownAttrs()),
                    List.of(), List.of(), Opaque.utf8(sasl.saslName()), Opaque.utf8(sasl.mechName()),
                    Opaque.utf8(sasl.mechDesc()), List.of()));
        }
        List<MechAttr> descriptions = new ArrayList<>(attributes.size());
        for (Oid attr : attributes) {
            MechAttrInfo info = gss.displayMechAttr(attr);
            descriptions.add(new MechAttr(oid(attr), Opaque.utf8(info.name()), Opaque.utf8(info.shortDesc()),
                    Opaque.utf8(info.longDesc()), List.of()));
        }
        return new ResIndicateMechs(GssxStatus.COMPLETE, mechs, descriptions, List.of(), List.of());
    }

    private static Opaque oid(Oid oid) {
        return Opaque.of(oid.der());
    }

    private static List<Opaque> oids(List<Oid> oids) {
        return oids.stream().map(IndicateMechs::oid).toList();
    }
}
