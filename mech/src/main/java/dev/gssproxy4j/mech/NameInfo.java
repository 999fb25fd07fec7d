package dev.gssproxy4j.mech;

import java.util.List;

/**
 * What {@code gss_inquire_name} (RFC 6680 section 7.4) says about a name.
 *
 * @param mechanismName true for a mechanism name (MN)
 * @param mech          the mechanism of an MN, else null
 * @param attributes    the attribute names the name carries (e.g. {@code urn:mspac:...})
 */
public record NameInfo(boolean mechanismName, Oid mech, List<String> attributes) {

    public NameInfo {
        attributes = List.copyOf(attributes);
    }
}
