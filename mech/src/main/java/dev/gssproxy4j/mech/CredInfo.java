package dev.gssproxy4j.mech;

import java.util.List;

/**
 * What {@code gss_inquire_cred} (RFC 2743 section 2.1.3) reports. The caller owns {@link #name()} and closes it
 * (closing this record does).
 *
 * @param name     the principal the credential is for, or null
 * @param lifetime seconds remaining (unsigned; {@link Gss#INDEFINITE} for no limit)
 * @param usage    initiate, accept or both
 * @param mechs    mechanisms the credential has elements for
 */
public record CredInfo(GssName name, long lifetime, CredUsage usage, List<Oid> mechs) implements AutoCloseable {

    public CredInfo {
        mechs = List.copyOf(mechs);
    }

    @Override
    public void close() {
        if (name != null) {
            name.close();
        }
    }
}
