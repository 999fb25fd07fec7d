package dev.gssproxy4j.server.creds;

import dev.gssproxy4j.server.config.CredStoreEntry;
import dev.gssproxy4j.server.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scope sealed handles are bound to besides the caller's uid: the credential store of the service that made
 * them ({@code cred_store} elements in file order, templates unexpanded, so {@code %U} stays the caller's own),
 * not the section's name. Any service of the same uid with the same store opens the handle, as upstream's
 * interposer expects when it sends a handle kept in the user's ccache to another socket (an {@code impersonate}
 * section beside a {@code selfonly} one, both on one keytab), and a reload that renames a section keeps its handles
 * valid; each call is still decided by the policy of the service it reached. The store is hashed (SHA-256), so a
 * {@code password} element never leaves the configuration.
 */
public final class StoreScope {

    /** Scopes already hashed, by store: every accept binds a handle, so the hash is computed once per store. */
    private static final Map<List<CredStoreEntry>, String> KNOWN = new ConcurrentHashMap<>();
    /** Distinct stores remembered; more (many reloads with changing stores) start the memory afresh. */
    private static final int MAX_KNOWN = 256;

    private StoreScope() {}

    /** {@code store:} and the hex SHA-256 of {@code service}'s credential store elements. */
    public static String of(ServiceConfig service) {
        String known = KNOWN.get(service.credStore());
        if (known != null) {
            return known;
        }
        if (KNOWN.size() >= MAX_KNOWN) {
            KNOWN.clear();
        }
        String scope = hash(service.credStore());
        KNOWN.put(service.credStore(), scope);
        return scope;
    }

    private static String hash(List<CredStoreEntry> store) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
        for (CredStoreEntry entry : store) {
            digest.update(lengthPrefixed(entry.key()));
            digest.update(lengthPrefixed(entry.value()));
        }
        return "store:" + HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] lengthPrefixed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + bytes.length];
        out[0] = (byte) (bytes.length >>> 24);
        out[1] = (byte) (bytes.length >>> 16);
        out[2] = (byte) (bytes.length >>> 8);
        out[3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, out, 4, bytes.length);
        return out;
    }
}
