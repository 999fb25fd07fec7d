package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_status}, first field of every result. GSS errors travel here inside an RPC SUCCESS reply.
 *
 * <p>Upstream fills the two strings from {@code gss_display_status} for any non-zero major (CONTINUE_NEEDED too),
 * joined with ", " and sent <b>with their trailing NUL</b>; {@link #of} does the same.
 *
 * @param majorStatus RFC 2744 major status (unsigned 32-bit value in a u64)
 * @param mech        mechanism the minor status belongs to; empty if none
 * @param minorStatus mechanism code (krb5 com_err) or errno, as an unsigned 32-bit value in a u64
 */
public record GssxStatus(@WireField(Display.MAJOR_STATUS) long majorStatus,
                         @WireField(Display.OID) Opaque mech,
                         long minorStatus,
                         @WireField(Display.TEXT) Opaque majorStatusString,
                         @WireField(Display.TEXT) Opaque minorStatusString,
                         Opaque serverCtx,
                         List<GssxOption> options) implements GssxStruct {

    /** GSS_S_COMPLETE with nothing else set. */
    public static final GssxStatus COMPLETE = new GssxStatus(0, Opaque.EMPTY, 0, Opaque.EMPTY, Opaque.EMPTY,
            Opaque.EMPTY, List.of());

    public GssxStatus {
        Objects.requireNonNull(mech, "mech");
        Objects.requireNonNull(majorStatusString, "majorStatusString");
        Objects.requireNonNull(minorStatusString, "minorStatusString");
        Objects.requireNonNull(serverCtx, "serverCtx");
        options = List.copyOf(options);
    }

    /** A status as upstream builds it: non-empty strings are sent as C strings (with the NUL). */
    public static GssxStatus of(long major, Opaque mech, long minor, String majorText, String minorText) {
        return new GssxStatus(major, mech, minor, cString(majorText), cString(minorText), Opaque.EMPTY, List.of());
    }

    private static Opaque cString(String text) {
        return text.isEmpty() ? Opaque.EMPTY : Opaque.cString(text);
    }

    /** Whether the major status is GSS_S_COMPLETE. */
    public boolean isComplete() {
        return majorStatus == 0;
    }

    public static GssxStatus decode(XdrReader reader) {
        return new GssxStatus(
                reader.readHyper("major_status"),
                reader.readOpaque("mech"),
                reader.readHyper("minor_status"),
                reader.readOpaque("major_status_string"),
                reader.readOpaque("minor_status_string"),
                reader.readOpaque("server_ctx"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeHyper(majorStatus).writeOpaque(mech).writeHyper(minorStatus)
                .writeOpaque(majorStatusString).writeOpaque(minorStatusString).writeOpaque(serverCtx);
        GssxStruct.encodeList(writer, options);
    }
}
