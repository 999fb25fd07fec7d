package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Mechanism inquiry (RFC 2743 section 2.4.2, RFC 5587, RFC 5801) and the library's exported OID symbols. */
final class Mechs {

    private Mechs() {
    }

    static List<Oid> indicate() {
        try (NativeCall call = new NativeCall()) {
            MemorySegment set = call.pointer();
            int major = GssNative.indicateMechs(call.minor, set);
            List<Oid> mechs = call.takeOidSet(set);
            call.check(major, "gss_indicate_mechs", null);
            return mechs;
        }
    }

    static List<Oid> namesFor(Oid mech) {
        try (NativeCall call = new NativeCall()) {
            MemorySegment set = call.pointer();
            int major = GssNative.inquireNamesForMech(call.minor, call.oid(mech), set);
            List<Oid> types = call.takeOidSet(set);
            call.check(major, "gss_inquire_names_for_mech", mech);
            return types;
        }
    }

    static MechAttrs attrsFor(Oid mech) {
        try (NativeCall call = new NativeCall()) {
            MemorySegment attrs = call.pointer();
            MemorySegment known = call.pointer();
            int major = GssNative.inquireAttrsForMech(call.minor, call.oid(mech), attrs, known);
            MechAttrs result = new MechAttrs(call.takeOidSet(attrs), call.takeOidSet(known));
            call.check(major, "gss_inquire_attrs_for_mech", mech);
            return result;
        }
    }

    static MechAttrInfo displayAttr(Oid attr) {
        try (NativeCall call = new NativeCall()) {
            MemorySegment name = call.outBuffer();
            MemorySegment shortDesc = call.outBuffer();
            MemorySegment longDesc = call.outBuffer();
            int major = GssNative.displayMechAttr(call.minor, call.oid(attr), name, shortDesc, longDesc);
            MechAttrInfo info = new MechAttrInfo(text(call, name), text(call, shortDesc), text(call, longDesc));
            call.check(major, "gss_display_mech_attr", null);
            return info;
        }
    }

    static SaslMechInfo saslNameFor(Oid mech) {
        try (NativeCall call = new NativeCall()) {
            MemorySegment sasl = call.outBuffer();
            MemorySegment name = call.outBuffer();
            MemorySegment desc = call.outBuffer();
            int major = GssNative.inquireSaslnameForMech(call.minor, call.oid(mech), sasl, name, desc);
            SaslMechInfo info = new SaslMechInfo(text(call, sasl), text(call, name), text(call, desc));
            call.check(major, "gss_inquire_saslname_for_mech", mech);
            return info;
        }
    }

    /** The OID a {@code gss_OID} data symbol of the library points at, e.g. {@code gss_mech_krb5}. */
    static Optional<Oid> librarySymbol(String symbol) {
        return GssNative.dataSymbol(symbol).map(s -> NativeCall.readOid(s.get(ADDRESS, 0)));
    }

    private static String text(NativeCall call, MemorySegment buffer) {
        byte[] b = call.takeBuffer(buffer);
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
