package dev.gssproxy4j.mech.mit;

import dev.gssproxy4j.mech.Oid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The acceptor keytab (or the client keytab) named inside a credential token of MIT's {@code gss_export_cred}, and
 * the same token with another keytab named instead, or none. The mechglue token is a sequence of {4-byte length, mechanism OID, 4-byte length,
 * mechanism token} ({@code g_export_cred.c}); MIT krb5's mechanism token is the JSON text
 * {@code ["K5C1", [usage, name, impersonator, default_identity, iakerb, keytab, rcache, ccache, client_keytab,
 * have_tgt, expire, refresh_time, enctypes, password]]} ({@code krb5/export_cred.c}, {@code json_kgcred}), where
 * keytab and client_keytab are null or the string {@code krb5_kt_get_name} gave, e.g. {@code "FILE:/etc/krb5.keytab"}
 * ({@code import_cred.c} resolves either by that name again, and takes null as "none").
 *
 * <p>The token comes from a handle this daemon sealed (AEAD), but is still walked with every length checked:
 * anything that is not exactly this shape yields empty, and the caller imports the token unchanged.
 *
 * @param keytab   the keytab name, unescaped
 * @param token    the whole exported token
 * @param entry    offset of the krb5 entry's 4-byte token length in {@code token}
 * @param valueAt  offset of the keytab's JSON string (its opening quote) in {@code token}
 * @param valueEnd offset just after its closing quote
 */
public record ExportedCredKeytab(String keytab, byte[] token, int entry, int valueAt, int valueEnd) {

    private static final byte[] KRB5 = Oid.KRB5.der();
    private static final byte[] MAGIC = "[\"K5C1\",".getBytes(StandardCharsets.US_ASCII);
    /** Index of the acceptor keytab in MIT's credential array. */
    private static final int KEYTAB_INDEX = 5;
    /** Index of the client keytab (initial tickets and their refresh) in MIT's credential array. */
    private static final int CLIENT_KEYTAB_INDEX = 8;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    /** Arrays and objects nest at most this deep in MIT's credential JSON (name attributes are not exported). */
    private static final int MAX_DEPTH = 8;

    /** The acceptor keytab the krb5 element of {@code token} names, if it is MIT's krb5 credential JSON naming one. */
    public static Optional<ExportedCredKeytab> find(byte[] token) {
        return find(token, KEYTAB_INDEX);
    }

    /** The client keytab the krb5 element of {@code token} names, if it is MIT's krb5 credential JSON naming one. */
    public static Optional<ExportedCredKeytab> findClientKeytab(byte[] token) {
        return find(token, CLIENT_KEYTAB_INDEX);
    }

    private static Optional<ExportedCredKeytab> find(byte[] token, int index) {
        ByteBuffer in = ByteBuffer.wrap(token);
        while (in.remaining() >= 4) {
            long oidLength = Integer.toUnsignedLong(in.getInt());
            if (oidLength > in.remaining() - 4L) {
                return Optional.empty();
            }
            boolean krb5 = Arrays.equals(token, in.position(), in.position() + (int) oidLength, KRB5, 0,
                    KRB5.length);
            in.position(in.position() + (int) oidLength);
            int entry = in.position();
            long mechLength = Integer.toUnsignedLong(in.getInt());
            if (mechLength > in.remaining()) {
                return Optional.empty();
            }
            if (krb5) {
                return keytabIn(token, entry, in.position(), in.position() + (int) mechLength, index);
            }
            in.position(in.position() + (int) mechLength);
        }
        return Optional.empty();
    }

    /**
     * The token with {@code name} (letters, digits and {@code :-._/} only, e.g. a MEMORY keytab or a daemon's own
     * file) as this keytab.
     */
    public byte[] withKeytab(String name) {
        if (!name.matches("[A-Za-z0-9:._/-]+")) {
            throw new IllegalArgumentException("keytab names written into a token need no JSON escapes: " + name);
        }
        return withValue(('"' + name + '"').getBytes(StandardCharsets.US_ASCII));
    }

    /** The token with JSON null as this keytab: MIT imports the credential without one. */
    public byte[] withoutKeytab() {
        return withValue(NULL);
    }

    private byte[] withValue(byte[] value) {
        int mechLength = ByteBuffer.wrap(token, entry, 4).getInt() - (valueEnd - valueAt) + value.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length - (valueEnd - valueAt) + value.length);
        out.write(token, 0, entry);
        out.writeBytes(ByteBuffer.allocate(4).putInt(mechLength).array());
        out.write(token, entry + 4, valueAt - entry - 4);
        out.writeBytes(value);
        out.write(token, valueEnd, token.length - valueEnd);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ExportedCredKeytab[" + keytab + "]"; // never the token: it names ccaches and may hold a password
    }

    private static Optional<ExportedCredKeytab> keytabIn(byte[] token, int entry, int start, int end, int index) {
        if (end - start < MAGIC.length || !Arrays.equals(token, start, start + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        Json json = new Json(token, start + MAGIC.length, end);
        if (!json.expect('[')) {
            return Optional.empty();
        }
        for (int i = 0; i < index; i++) {
            if (!json.skipValue(0) || !json.expect(',')) {
                return Optional.empty();
            }
        }
        json.skipSpace();
        int valueAt = json.pos;
        return json.string().map(keytab -> new ExportedCredKeytab(keytab, token, entry, valueAt, json.pos));
    }

    /** A cursor over JSON text in {@code bytes[pos, end)}; every step checks the end. */
    private static final class Json {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Json(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean expect(char c) {
            skipSpace();
            if (pos < end && bytes[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < end && (bytes[pos] == ' ' || bytes[pos] == '\t' || bytes[pos] == '\n' || bytes[pos] == '\r')) {
                pos++;
            }
        }

        /** Skips one value: a string, an array, an object or a literal (number, true, false, null). */
        boolean skipValue(int depth) {
            skipSpace();
            if (pos >= end || depth > MAX_DEPTH) {
                return false;
            }
            byte c = bytes[pos];
            if (c == '"') {
                return string().isPresent();
            }
            if (c == '[' || c == '{') {
                byte close = c == '[' ? (byte) ']' : (byte) '}';
                pos++;
                if (expect((char) close)) {
                    return true;
                }
                do {
                    if (c == '{' && (!skipValue(depth + 1) || !expect(':'))) {
                        return false;
                    }
                    if (!skipValue(depth + 1)) {
                        return false;
                    }
                } while (expect(','));
                return expect((char) close);
            }
            int start = pos;
            while (pos < end && (Character.isLetterOrDigit(bytes[pos]) || bytes[pos] == '-' || bytes[pos] == '+'
                    || bytes[pos] == '.')) {
                pos++;
            }
            return pos > start;
        }

        /** A JSON string at the cursor, unescaped ({@code \\u} escapes below 0x80 only, as MIT writes them). */
        Optional<String> string() {
            if (pos >= end || bytes[pos] != '"') {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (pos++; pos < end; pos++) {
                byte b = bytes[pos];
                if (b == '"') {
                    pos++;
                    return Optional.of(out.toString(StandardCharsets.UTF_8));
                }
                if (b != '\\') {
                    out.write(b);
                    continue;
                }
                if (++pos >= end) {
                    return Optional.empty();
                }
                switch (bytes[pos]) {
                    case '"', '\\', '/' -> out.write(bytes[pos]);
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        if (pos + 4 >= end) {
                            return Optional.empty();
                        }
                        int code;
                        try {
                            code = Integer.parseInt(new String(bytes, pos + 1, 4, StandardCharsets.US_ASCII), 16);
                        } catch (NumberFormatException e) {
                            return Optional.empty();
                        }
                        if (code < 0 || code >= 0x80) {
                            return Optional.empty();
                        }
                        out.write(code);
                        pos += 4;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }
}
