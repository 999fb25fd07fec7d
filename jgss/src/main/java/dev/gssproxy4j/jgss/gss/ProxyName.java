package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.Oid;

/**
 * A GSS name (RFC 2743 section 2.4) held for the daemon. Importing one costs nothing: like the interposer, this
 * side keeps the text and name type and lets the daemon (MIT) parse them when a call needs the name. Only comparing
 * and exporting need the krb5 mechanism name, which {@link #canonical()} asks the daemon for once
 * (IMPORT_AND_CANON_NAME) and keeps. Names the daemon returns (a context's peers, a credential's principal) are
 * already mechanism names. Immutable apart from that cache; thread-safe.
 */
public final class ProxyName {

    private final GssProxy proxy;
    private final GssxName wire;
    private final String text;
    private final Oid type;
    private volatile GssxName canonical;

    private ProxyName(GssProxy proxy, GssxName wire, String text, Oid type, GssxName canonical) {
        this.proxy = proxy;
        this.wire = wire;
        this.text = text;
        this.type = type;
        this.canonical = canonical;
    }

    /** GSS_Import_name of a printable name; {@code type} null means a krb5 principal name. */
    static ProxyName ofText(GssProxy proxy, String text, Oid type) throws GSSException {
        if (text.indexOf('\0') >= 0) {
            // MIT would truncate at the NUL (docs/SECURITY.md): refuse here, where the caller can see it.
            throw GssErrors.local(GSSException.BAD_NAME, "a name must not contain a NUL character");
        }
        Oid effective = type == null ? WireOids.KRB5_NT_PRINCIPAL_NAME : type;
        if (effective.equals(WireOids.NT_EXPORT_NAME)) {
            return ofExported(proxy, text.getBytes(StandardCharsets.UTF_8));
        }
        return new ProxyName(proxy, GssxName.of(text, WireOids.toWire(effective)), text, effective, null);
    }

    /**
     * GSS_Import_name of a whole exported krb5 name token ({@code 04 01 ...}): it is a mechanism name already, and
     * its printable form is the principal inside it.
     *
     * @throws GSSException BAD_NAME unless {@code token} is one exported krb5 name
     */
    static ProxyName ofExported(GssProxy proxy, byte[] token) throws GSSException {
        String principal = new String(ExportedNames.mechName(token, WireOids.KRB5), StandardCharsets.UTF_8);
        GssxName exported = new GssxName(Opaque.EMPTY, Opaque.EMPTY, Opaque.of(token), Opaque.EMPTY, List.of(),
                List.of());
        GssxName described = new GssxName(Opaque.utf8(principal), WireOids.toWire(WireOids.KRB5_NT_PRINCIPAL_NAME),
                Opaque.of(token), Opaque.EMPTY, List.of(), List.of());
        return new ProxyName(proxy, exported, principal, WireOids.KRB5_NT_PRINCIPAL_NAME, described);
    }

    /** A name as the daemon described it, e.g. a context's initiator; null for the empty name. */
    static ProxyName ofDaemon(GssProxy proxy, GssxName name) throws GSSException {
        if (name.displayName().isEmpty() && name.exportedName().isEmpty()) {
            return null;
        }
        Oid type = name.nameType().isEmpty() ? WireOids.KRB5_NT_PRINCIPAL_NAME : WireOids.fromWire(name.nameType());
        return new ProxyName(proxy, name, name.displayText(), type, name.exportedName().isEmpty() ? null : name);
    }

    /** The name as calls send it to the daemon. */
    GssxName wire() {
        return wire;
    }

    /** The printable form (RFC 2743 GSS_Display_name). */
    @Override
    public String toString() {
        return text;
    }

    /** The name type of {@link #toString()}. */
    public Oid nameType() {
        return type;
    }

    public boolean isAnonymous() {
        return type.equals(WireOids.NT_ANONYMOUS);
    }

    /** Whether this is a krb5 mechanism name already (no daemon call needed to compare or export it). */
    public boolean isMechanismName() {
        return canonical != null;
    }

    /**
     * The krb5 mechanism name (GSS_Canonicalize_name), from the daemon the first time.
     *
     * @throws GSSException as the daemon answers, e.g. BAD_NAMETYPE
     */
    public ProxyName canonical() throws GSSException {
        GssxName known = canonical;
        if (known == null) {
            known = proxy.canonicalize(wire);
            canonical = known;
        }
        return known == wire ? this : new ProxyName(proxy, known, known.displayText(), typeOf(known), known);
    }

    private static Oid typeOf(GssxName name) throws GSSException {
        return name.nameType().isEmpty() ? WireOids.KRB5_NT_PRINCIPAL_NAME : WireOids.fromWire(name.nameType());
    }

    /**
     * The whole exported name token (RFC 2743 GSS_Export_name) of the krb5 mechanism name.
     *
     * @throws GSSException NAME_NOT_MN if the daemon gave the name no exported form
     */
    public byte[] export() throws GSSException {
        canonical();
        Opaque exported = canonical.exportedName();
        if (exported.isEmpty()) {
            throw GssErrors.local(GSSException.NAME_NOT_MN, "the daemon returned no exported form of " + text);
        }
        return exported.toByteArray();
    }

    /** GSS_Compare_name: whether both names are the same krb5 principal (by their exported forms). */
    public boolean sameAs(ProxyName other) throws GSSException {
        if (other == this) {
            return true;
        }
        if (isAnonymous() || other.isAnonymous()) {
            return false; // RFC 2743 section 2.4.3: anonymous names never compare equal
        }
        return Arrays.equals(export(), other.export());
    }

    /** {@code gss_localname}: the local user this principal maps to at the daemon's host, if any. */
    public Optional<String> localname() throws GSSException {
        return proxy.localname(wire);
    }
}
