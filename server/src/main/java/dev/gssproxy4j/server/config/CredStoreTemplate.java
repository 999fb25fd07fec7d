package dev.gssproxy4j.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code cred_store} value with substitution codes (upstream {@code gp_creds.c get_formatted_string}, applied
 * to every cred_store value with the target uid): {@code %U} becomes the uid in decimal, {@code %u} the user
 * name, {@code %%} a single {@code %}. Any other code, or a {@code %} at the end, is an error.
 *
 * <p>Upstream only finds a bad code when a request arrives (and then fails it); gssproxy4j rejects it when the
 * configuration is loaded ({@link ConfigValidator}), so a running daemon never meets an invalid template.
 * Upstream's {@code %%} handling also corrupts the rest of the string; here it simply yields {@code %}.
 *
 * @param text the template as written in the configuration
 */
public record CredStoreTemplate(String text) {

    /** The template's text is valid; construction fails with {@link IllegalArgumentException} otherwise. */
    public CredStoreTemplate {
        Objects.requireNonNull(text, "text");
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /**
     * Why {@code text} is not a valid template, or empty if it is. The message gives the position, not the text,
     * because a cred_store value may be a secret ({@link CredStoreEntry#isSecret()}).
     */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == text.length()) {
                return Optional.of("'%' at the end starts no substitution code");
            }
            char code = text.charAt(i + 1);
            if (code != 'U' && code != 'u' && code != '%') {
                return Optional.of("unknown substitution '%" + code + "' at position " + (i + 1));
            }
            i++;
        }
        return Optional.empty();
    }

    /** Whether expansion needs the user name ({@code %u}), i.e. may fail for a uid without a passwd entry. */
    public boolean usesUserName() {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (text.charAt(i) == '%') {
                if (text.charAt(i + 1) == 'u') {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** The value for {@code uid}; the user name is looked up only if {@code %u} occurs. */
    public String expand(int uid, UserDirectory users) throws UnknownUserException {
        StringBuilder out = new StringBuilder(text.length() + 16);
        String userName = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char code = text.charAt(++i);
            switch (code) {
                case 'U' -> out.append(Integer.toUnsignedString(uid));
                case 'u' -> {
                    if (userName == null) {
                        userName = users.byUid(uid).map(UserDirectory.User::name)
                                .orElseThrow(() -> new UnknownUserException(uid));
                    }
                    out.append(userName);
                }
                default -> out.append('%');
            }
        }
        return out.toString();
    }

    /** Every entry's value expanded for {@code uid}, keys and order unchanged. */
    public static List<CredStoreEntry> expandAll(List<CredStoreEntry> entries, int uid, UserDirectory users)
            throws UnknownUserException {
        List<CredStoreEntry> result = new ArrayList<>(entries.size());
        for (CredStoreEntry e : entries) {
            result.add(new CredStoreEntry(e.key(), new CredStoreTemplate(e.value()).expand(uid, users)));
        }
        return List.copyOf(result);
    }

    /** {@code %u} was used for a uid that has no user name. */
    public static final class UnknownUserException extends Exception {
        private final int uid;

        UnknownUserException(int uid) {
            super("uid " + Integer.toUnsignedString(uid) + " has no user name, which '%u' in a cred_store value "
                    + "needs");
            this.uid = uid;
        }

        public int uid() {
            return uid;
        }
    }
}
