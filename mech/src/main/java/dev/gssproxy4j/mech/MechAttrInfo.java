package dev.gssproxy4j.mech;

/**
 * Output of {@code gss_display_mech_attr} (RFC 5587 section 3.4.4).
 *
 * @param name      e.g. {@code GSS_C_MA_MECH_CONCRETE}
 * @param shortDesc e.g. {@code concrete-mech}
 * @param longDesc  a sentence
 */
public record MechAttrInfo(String name, String shortDesc, String longDesc) {
}
