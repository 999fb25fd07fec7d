package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.mech.Oid;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the impersonator principal of a krb5 credential from its {@code gss_export_cred} token, which is how
 * upstream's {@code gp_cred_allowed} learns it ({@code gss_inquire_cred_by_oid(GSS_KRB5_GET_CRED_IMPERSONATOR)}):
 * the mechanism module does not offer that call, so this reads the same field where MIT serializes it.
 *
 * <p>Format (MIT krb5 {@code g_export_cred.c}, {@code krb5/export_cred.c}, stable since 1.11): per mechanism a
 * BE32 OID length, the OID, a BE32 token length and the token; the krb5 token is JSON
 * {@code ["K5C1", [usage, name, impersonator, ...]]} where {@code impersonator} is the unparsed principal that
 * obtained the credential by S4U2Self, or {@code null}. The token comes from a credential this daemon holds, not
 * from a client; anything unexpected is reported as {@link IllegalArgumentException}, so that callers fail closed.
 */
final class MitCredToken {

    private static final String MAGIC = "K5C1";
    private static final int IMPERSONATOR_INDEX = 2;
    private static final int MAX_DEPTH = 16;

    private final String json;
    private int pos;

    private MitCredToken(String json) {
        this.json = json;
    }

    /** The impersonator of the krb5 element of {@code exported}; empty if none or if there is no krb5 element. */
    static Optional<String> impersonator(byte[] exported) {
        ByteBuffer in = ByteBuffer.wrap(exported);
        while (in.remaining() > 0) {
            byte[] oid = take(in);
            byte[] token = take(in);
            if (Arrays.equals(oid, Oid.KRB5.der())) {
                try {
                    return new MitCredToken(new String(token, StandardCharsets.UTF_8)).impersonator();
                } catch (IndexOutOfBoundsException | NumberFormatException e) {
                    throw new IllegalArgumentException("malformed JSON in exported krb5 credential", e);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> impersonator() {
        if (!(value(0) instanceof List<?> root) || root.size() != 2 || !MAGIC.equals(root.get(0))
                || !(root.get(1) instanceof List<?> cred) || cred.size() <= IMPERSONATOR_INDEX) {
            throw new IllegalArgumentException("not an MIT krb5 exported credential (K5C1)");
        }
        Object impersonator = cred.get(IMPERSONATOR_INDEX);
        if (impersonator == null) {
            return Optional.empty();
        }
        if (impersonator instanceof String principal) {
            return Optional.of(principal);
        }
        throw new IllegalArgumentException("the impersonator of an MIT krb5 exported credential is not a string");
    }

    private static byte[] take(ByteBuffer in) {
        if (in.remaining() < 4) {
            throw new IllegalArgumentException("exported credential token truncated");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("exported credential token truncated");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    /** One JSON value: List, String, Boolean, null, or a number kept as its text; objects are skipped as null. */
    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("exported credential nests too deeply");
        }
        skipSpace();
        char c = peek();
        switch (c) {
            case '[' -> {
                return list(depth);
            }
            case '{' -> {
                skipObject(depth);
                return null;
            }
            case '"' -> {
                return string();
            }
            default -> {
                int start = pos;
                while (pos < json.length() && ",]} \t\r\n".indexOf(json.charAt(pos)) < 0) {
                    pos++;
                }
                String literal = json.substring(start, pos);
                return switch (literal) {
                    case "null" -> null;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> literal;
                };
            }
        }
    }

    private List<Object> list(int depth) {
        List<Object> items = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return items;
        }
        while (true) {
            items.add(value(depth + 1));
            skipSpace();
            char c = json.charAt(pos++);
            if (c == ']') {
                return items;
            }
            if (c != ',') {
                throw new IllegalArgumentException("malformed JSON array in exported credential");
            }
        }
    }

    private void skipObject(int depth) {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            string();
            skipSpace();
            if (json.charAt(pos++) != ':') {
                throw new IllegalArgumentException("malformed JSON object in exported credential");
            }
            value(depth + 1);
            skipSpace();
            char c = json.charAt(pos++);
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw new IllegalArgumentException("malformed JSON object in exported credential");
            }
        }
    }

    private String string() {
        if (peek() != '"') {
            throw new IllegalArgumentException("malformed JSON string in exported credential");
        }
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = json.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = json.charAt(pos++);
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private char peek() {
        if (pos >= json.length()) {
            throw new IllegalArgumentException("exported credential JSON ends early");
        }
        return json.charAt(pos);
    }

    private void skipSpace() {
        while (pos < json.length() && Character.isWhitespace(json.charAt(pos))) {
            pos++;
        }
    }
}
