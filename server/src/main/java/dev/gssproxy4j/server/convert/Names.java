package dev.gssproxy4j.server.convert;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InputChecks;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.NameDisplay;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;

/**
 * {@code gssx_name} to and from mechanism names, as upstream's {@code gp_conv_gssx_to_name} and
 * {@code gp_conv_name_to_gssx} do.
 */
public final class Names {

    private Names() {}

    /**
     * Imports a client's name: {@code display_name} with its {@code name_type} if set, else {@code exported_name}
     * as an exported name; empty if the name has neither (GSS_C_NO_NAME). A display name's trailing NUL (the
     * interposer sends {@code "host@localhost\0"}) is not part of the name; exported forms are binary and kept whole.
     */
    public static Optional<GssName> importName(Gss gss, GssxName name) {
        if (!name.displayName().isEmpty()) {
            Oid type = nameType(name.nameType()).orElse(null);
            byte[] value = isBinaryType(type) ? name.displayName().toByteArray()
                    : Opaque.utf8(name.displayName().toText()).toByteArray();
            return Optional.of(gss.importName(value, type));
        }
        if (!name.exportedName().isEmpty()) {
            return Optional.of(gss.importName(name.exportedName().toByteArray(), Oid.NT_EXPORT_NAME));
        }
        return Optional.empty();
    }

    /**
     * Describes a mechanism name for a client: display text (no NUL) and type, the RFC 2743 exported name (empty
     * if it is not an MN) and MIT's composite export (empty if unavailable; it carries name attributes such as
     * the PAC). Name attributes and extensions are left empty, as upstream leaves them.
     */
    public static GssxName describe(GssName name) {
        return describe(name, true);
    }

    /**
     * As {@link #describe(GssName)}, optionally without the composite export (kept small for the kernel). A krb5
     * name costs one library call: the display text and exported name are read from its composite export, which
     * holds both exactly as MIT's {@code gss_display_name} and {@code gss_export_name} would return them
     * ({@link Krb5CompositeName}). Each such call costs MIT a krb5 context, whose set-up takes locks every other
     * call contends for. Other names (and the anonymous principal, which MIT displays with its own type) are
     * described with the three calls, as upstream's {@code gp_conv_name_to_gssx} does.
     */
    public static GssxName describe(GssName name, boolean withComposite) {
        Opaque composite = exportOrEmpty(name, true);
        Optional<Krb5CompositeName> krb5 = Krb5CompositeName.parse(composite.toByteArray());
        if (krb5.isPresent()) {
            return new GssxName(Opaque.utf8(krb5.get().displayText()), oidBytes(Oid.KRB5_NT_PRINCIPAL_NAME),
                    Opaque.of(krb5.get().exported()), withComposite ? composite : Opaque.EMPTY, List.of(), List.of());
        }
        return describeByCalls(name, withComposite ? composite : Opaque.EMPTY);
    }

    /** {@code gss_display_name} and {@code gss_export_name}, with {@code composite} as already exported. */
    static GssxName describeByCalls(GssName name, Opaque composite) {
        NameDisplay display = name.display();
        Opaque exported = exportOrEmpty(name, false);
        return new GssxName(Opaque.utf8(display.text()), oidBytes(display.type()), exported, composite, List.of(),
                List.of());
    }

    /** A description without the composite export, as the kernel gets names (upstream suppresses it there). */
    public static GssxName withoutComposite(GssxName name) {
        return name.exportedCompositeName().isEmpty() ? name : new GssxName(name.displayName(), name.nameType(),
                name.exportedName(), Opaque.EMPTY, name.nameAttributes(), name.extensions());
    }

    /**
     * A client's {@code name_type}: empty for none (the mechanism's default type).
     *
     * @throws dev.gssproxy4j.mech.GssException GSS_S_BAD_NAME for bytes that are not a DER OID, as upstream
     *                                          answers (MIT finds no mechanism for such a type)
     */
    public static Optional<Oid> nameType(Opaque bytes) {
        return bytes.isEmpty() ? Optional.empty()
                : Optional.of(InputChecks.oid(bytes.toByteArray(), "name_type", MajorStatus.GSS_S_BAD_NAME));
    }

    public static Opaque oidBytes(Oid oid) {
        return oid == null ? Opaque.EMPTY : Opaque.of(oid.der());
    }

    private static boolean isBinaryType(Oid type) {
        return Oid.NT_EXPORT_NAME.equals(type) || Oid.NT_COMPOSITE_EXPORT.equals(type);
    }

    private static Opaque exportOrEmpty(GssName name, boolean composite) {
        try {
            return Opaque.of(composite ? name.exportComposite() : name.export());
        } catch (GssException e) {
            // GSS_S_NAME_NOT_MN and friends: upstream leaves the field empty
            return Opaque.EMPTY;
        }
    }
}
