package dev.gssproxy4j.mech;

/**
 * The printable form of a name ({@code gss_display_name}, RFC 2743 section 2.4.4).
 *
 * @param text the display string (UTF-8 decoded)
 * @param type its name type, or null when the library reports {@code GSS_C_NO_OID}
 */
public record NameDisplay(String text, Oid type) {
}
