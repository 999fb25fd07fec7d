package dev.gssproxy4j.mech;

/**
 * One value of a name attribute ({@code gss_get_name_attribute}, RFC 6680 section 7.5).
 *
 * @param authenticated whether the mechanism vouches for the value
 * @param complete      whether the value set is complete
 * @param value         the raw value (owned by the caller)
 * @param displayValue  its display form, possibly empty
 */
public record NameAttribute(boolean authenticated, boolean complete, byte[] value, String displayValue) {

    @Override
    public String toString() {
        return "NameAttribute[authenticated=" + authenticated + ", complete=" + complete + ", value="
                + Redact.bytes(value) + "]";
    }
}
