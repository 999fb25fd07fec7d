package dev.gssproxy4j.mech;

/**
 * What {@code gss_inquire_context} (RFC 2743 section 2.2.6) reports. The caller owns the names; closing this
 * record closes them.
 *
 * @param source           the initiator's name, or null
 * @param target           the acceptor's name, or null
 * @param lifetime         seconds remaining (unsigned; {@link Gss#INDEFINITE} for no limit)
 * @param mech             the mechanism
 * @param flags            {@link ContextFlag} bits
 * @param locallyInitiated true on the initiator side
 * @param open             true once establishment is complete
 */
public record ContextInfo(GssName source, GssName target, long lifetime, Oid mech, int flags,
                          boolean locallyInitiated, boolean open) implements AutoCloseable {

    @Override
    public void close() {
        Handles.closeQuietly(source, target);
    }
}
