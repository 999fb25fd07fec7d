package dev.gssproxy4j.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Enctype names (MIT spelling) the realms use, and their preference order. */
final class Enctypes {

    static final String AES256_SHA384 = "aes256-cts-hmac-sha384-192";
    static final String AES128_SHA256 = "aes128-cts-hmac-sha256-128";
    static final String AES256_SHA1 = "aes256-cts-hmac-sha1-96";
    static final String AES128_SHA1 = "aes128-cts-hmac-sha1-96";

    /** RFC 8009 first, then RFC 3962: the order MIT 1.20 itself prefers. */
    static final List<String> STRONGEST_FIRST = List.of(AES256_SHA384, AES128_SHA256, AES256_SHA1, AES128_SHA1);

    /** What Kerby 2.1 implements of the list above (it has no RFC 8009 code). */
    static final List<String> KERBY = List.of(AES256_SHA1, AES128_SHA1);

    private Enctypes() {
    }

    /**
     * Orders {@code names} strongest first: known names in {@link #STRONGEST_FIRST} order, others after them in
     * iteration order (MIT itself rejects a name it does not know, with its own message).
     */
    static List<String> strongestFirst(Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a realm needs at least one enctype");
        }
        List<String> lower = names.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        for (String name : lower) {
            if (name.isEmpty() || !name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("not an enctype name: \"" + name + "\"");
            }
        }
        List<String> ordered = new ArrayList<>();
        STRONGEST_FIRST.stream().filter(lower::contains).forEach(ordered::add);
        lower.stream().filter(name -> !ordered.contains(name)).forEach(ordered::add);
        return List.copyOf(ordered);
    }
}
