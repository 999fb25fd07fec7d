package dev.gssproxy4j.mech;

import java.util.List;

/**
 * Output of {@code gss_inquire_attrs_for_mech} (RFC 5587 section 3.4.3).
 *
 * @param mechAttrs  the attributes the mechanism has
 * @param knownAttrs the attributes it knows about
 */
public record MechAttrs(List<Oid> mechAttrs, List<Oid> knownAttrs) {

    public MechAttrs {
        mechAttrs = List.copyOf(mechAttrs);
        knownAttrs = List.copyOf(knownAttrs);
    }
}
