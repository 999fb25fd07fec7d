package dev.gssproxy4j.mech;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How values print: tokens and keys as a length and a short hash, never their contents. */
final class Redact {

    private Redact() {
    }

    /** {@code "37 bytes #1a2b3c4d"}, or {@code "null"}. */
    static String bytes(byte[] value) {
        if (value == null) {
            return "null";
        }
        if (value.length == 0) {
            return "0 bytes";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return value.length + " bytes #" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            return value.length + " bytes";
        }
    }
}
