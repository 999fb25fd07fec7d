package dev.gssproxy4j.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An SELinux security context {@code user:role:type[:range]}, as libselinux {@code context_new} splits it (the range
 * is everything after the third colon, so MLS ranges such as {@code s0-s0:c0.c1023} stay whole).
 */
public record SelinuxContext(String user, String role, String type, Optional<String> range) {

    public SelinuxContext {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(range, "range");
    }

    /** Parses {@code user:role:type[:range]}; no whitespace, non-empty parts. */
    public static SelinuxContext parse(String text) {
        if (text.chars().anyMatch(c -> Character.isWhitespace(c))) {
            throw new IllegalArgumentException("SELinux context '" + text + "' contains whitespace");
        }
        String[] parts = text.split(":", 4);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()
                || (parts.length == 4 && parts[3].isEmpty())) {
            throw new IllegalArgumentException("SELinux context '" + text + "' is not user:role:type[:range]");
        }
        return new SelinuxContext(parts[0], parts[1], parts[2],
                parts.length == 4 ? Optional.of(parts[3]) : Optional.empty());
    }

    /** Like {@link #parse} but empty instead of an exception, for labels read from peers. */
    public static Optional<SelinuxContext> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Upstream {@code gp_selinux_ctx_equal}: user, role and type must be equal; the range is compared only if both
     * contexts have one.
     */
    public boolean matches(SelinuxContext other) {
        if (!user.equals(other.user) || !role.equals(other.role) || !type.equals(other.type)) {
            return false;
        }
        return range.isEmpty() || other.range.isEmpty() || range.get().equals(other.range.get());
    }

    /** Upstream's equality for optional contexts: both absent, or both present and matching. */
    static boolean sameOrBothAbsent(Optional<SelinuxContext> a, Optional<SelinuxContext> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().matches(b.get());
    }

    @Override
    public String toString() {
        return user + ":" + role + ":" + type + range.map(r -> ":" + r).orElse("");
    }
}
