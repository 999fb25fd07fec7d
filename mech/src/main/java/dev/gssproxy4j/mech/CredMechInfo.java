package dev.gssproxy4j.mech;

/**
 * What {@code gss_inquire_cred_by_mech} (RFC 2743 section 2.1.5) reports for one mechanism element. The caller owns
 * {@link #name()} and closes it (closing this record does).
 *
 * @param name              the element's mechanism name, or null
 * @param initiatorLifetime seconds the element can still initiate (unsigned)
 * @param acceptorLifetime  seconds the element can still accept (unsigned)
 * @param usage             initiate, accept or both
 */
public record CredMechInfo(GssName name, long initiatorLifetime, long acceptorLifetime, CredUsage usage)
        implements AutoCloseable {

    @Override
    public void close() {
        if (name != null) {
            name.close();
        }
    }
}
