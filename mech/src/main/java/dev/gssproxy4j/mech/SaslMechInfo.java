package dev.gssproxy4j.mech;

/**
 * Output of {@code gss_inquire_saslname_for_mech} (RFC 5801 section 10).
 *
 * @param saslName e.g. {@code GS2-KRB5}
 * @param mechName e.g. {@code krb5}
 * @param mechDesc a description
 */
public record SaslMechInfo(String saslName, String mechName, String mechDesc) {
}
