package dev.gssproxy4j.server.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keyring file format, version 1: UTF-8 text, one item per line, described in {@link Keyring}. Parsing is
 * strict (exact field count, exactly one active key, unique ids, 32-byte keys) and error messages give the line
 * number, never the line, because a line holds a secret key.
 */
final class KeyringFormat {

    static final String MAGIC = "gssproxy4j-keyring 1";
    /** More keys than anyone rotates in a lifetime; bounds the work a damaged file can cause. */
    static final int MAX_ENTRIES = 4096;

    private KeyringFormat() {
    }

    static byte[] encode(List<KeyringEntry> entries) {
        StringBuilder out = new StringBuilder(128 + entries.size() * 128);
        out.append(MAGIC).append('\n');
        out.append("# Secret AES-256 keys that seal gssproxy4j handles. Keep mode 0600, owned by the daemon.\n");
        out.append("# key <id> <created-at> <active|retired> <retired-at|-> <base64 key>\n");
        Base64.Encoder base64 = Base64.getEncoder();
        for (KeyringEntry entry : entries) {
            out.append("key ").append(Integer.toUnsignedString(entry.id()))
                    .append(' ').append(entry.createdAt())
                    .append(' ').append(entry.state() == KeyringEntry.State.ACTIVE ? "active" : "retired")
                    .append(' ').append(entry.retiredAt().map(Instant::toString).orElse("-"))
                    .append(' ').append(base64.encodeToString(entry.keyBytes()))
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<KeyringEntry> decode(byte[] content, String source) throws IOException {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        if (!lines[0].equals(MAGIC)) {
            throw damaged(source, 1, "the first line is not '" + MAGIC + "' (not a keyring, or a newer format)");
        }
        List<KeyringEntry> entries = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int active = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (entries.size() == MAX_ENTRIES) {
                throw damaged(source, i + 1, "more than " + MAX_ENTRIES + " keys");
            }
            KeyringEntry entry = parseEntry(line, source, i + 1);
            if (!ids.add(entry.id())) {
                throw damaged(source, i + 1, "key id " + Integer.toUnsignedString(entry.id()) + " appears twice");
            }
            if (entry.state() == KeyringEntry.State.ACTIVE) {
                active++;
            }
            entries.add(entry);
        }
        if (active != 1) {
            throw damaged(source, lines.length, "it has " + active + " active keys; exactly one must be active");
        }
        return List.copyOf(entries);
    }

    private static KeyringEntry parseEntry(String line, String source, int lineNo) throws IOException {
        String[] f = line.split(" ", -1);
        if (f.length != 6 || !f[0].equals("key")) {
            throw damaged(source, lineNo, "expected 'key <id> <created-at> <state> <retired-at|-> <base64 key>'");
        }
        try {
            int id = Integer.parseUnsignedInt(f[1]);
            Instant createdAt = Instant.parse(f[2]);
            KeyringEntry.State state = switch (f[3]) {
                case "active" -> KeyringEntry.State.ACTIVE;
                case "retired" -> KeyringEntry.State.RETIRED;
                default -> throw damaged(source, lineNo, "state must be 'active' or 'retired'");
            };
            Instant retiredAt = f[4].equals("-") ? null : Instant.parse(f[4]);
            byte[] key = Base64.getDecoder().decode(f[5]);
            if (key.length != KeyringEntry.KEY_BYTES) {
                throw damaged(source, lineNo, "the key is " + key.length + " bytes, AES-256 needs 32");
            }
            KeyringEntry entry = new KeyringEntry(id, createdAt, state, retiredAt, key);
            Arrays.fill(key, (byte) 0);
            return entry;
        } catch (NumberFormatException e) {
            throw damaged(source, lineNo, "the key id is not an unsigned 32-bit number");
        } catch (DateTimeParseException e) {
            throw damaged(source, lineNo, "a time is not ISO-8601 UTC (e.g. 2025-01-31T12:00:00Z)");
        } catch (IllegalArgumentException e) {
            // Base64 errors and active/retired-at mismatches; the cause may quote key text, so it is not chained.
            throw damaged(source, lineNo, "bad key encoding or retired-at field (must be '-' exactly when active)");
        }
    }

    private static IOException damaged(String source, int lineNo, String problem) {
        return new IOException("keyring " + source + " line " + lineNo + ": " + problem
                + ". Fix: restore it from a backup, or move it away so that a new keyring is created"
                + " (clients then re-acquire, since handles sealed with the old keys no longer open)");
    }
}
