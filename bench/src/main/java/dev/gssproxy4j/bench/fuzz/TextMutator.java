package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of the text fields the daemon interprets: display names (parsed by MIT's {@code gss_import_name}
 * according to the name type) and option names and values (matched by the daemon, with or without their NUL).
 * Dictionaries beat random bytes here: an option name is either recognised or ignored, and only recognised ones
 * lead to the code behind them.
 */
final class TextMutator {

    /** Every option name upstream knows (see {@link Options}), with and without the NUL the C clients send. */
    private static final List<String> OPTION_NAMES = List.of(Options.EXPORTED_CONTEXT_TYPE,
            Options.EXPORTED_CREDS_TYPE, Options.LINUX_CREDS_V1, Options.ACQUIRE_TYPE, Options.SYNC_MODIFIED_CREDS,
            Options.SYNC_CREDS, Options.LOCALNAME, Options.KRB5_SET_ALLOWED_ENCTYPE_VALUES,
            Options.KRB5_SET_NO_CI_FLAGS);
    private static final List<String> OPTION_VALUES = List.of(Options.LINUX_LUCID_V1, "linux_lucid_v2",
            Options.LINUX_CREDS_V1, "linux_creds_v2", Options.IMPERSONATE_NAME, "default", "", "x");
    private static final List<String> DISPLAY_NAMES = List.of("host@localhost", "nfs@localhost", "alice", "root",
            "@", "", "@localhost", "host@", "a@b@c", "alice/admin@OTHER.REALM", "host/localhost", "\\", "alice@",
            "@@@@", "*", "0", "4294967295", "-1", "alice\u0000bob", "host@localhost\u0000");

    private TextMutator() {
    }

    static Change displayName(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> change("A".repeat(1 << (4 + random.nextInt(12))).getBytes(StandardCharsets.US_ASCII),
                    "display-name-long");
            case 1 -> change(new byte[] {(byte) 0xc3, 0x28, (byte) 0xff, 0x40, 0x61}, "display-name-bad-utf8");
            case 2 -> change(intBytes(random), "display-name-binary-uid");
            default -> text(DISPLAY_NAMES.get(random.nextInt(DISPLAY_NAMES.size())), random, "display-name-dict");
        };
    }

    static Change optionName(SplittableRandom random) {
        return text(OPTION_NAMES.get(random.nextInt(OPTION_NAMES.size())), random, "option-name-known");
    }

    static Change optionValue(SplittableRandom random) {
        return text(OPTION_VALUES.get(random.nextInt(OPTION_VALUES.size())), random, "option-value-known");
    }

    /** {@code text} as the C clients send it (with NUL) or without, half the time each. */
    static Opaque cStringOrNot(String text, SplittableRandom random) {
        return random.nextBoolean() ? Opaque.cString(text) : Opaque.utf8(text);
    }

    private static Change text(String text, SplittableRandom random, String what) {
        return new Change(cStringOrNot(text, random), what);
    }

    /** 0, 1, 2 or 4 bytes, as MIT reads GSS_C_NT_MACHINE_UID_NAME buffers (a host-order uid_t, any length). */
    private static byte[] intBytes(SplittableRandom random) {
        byte[] bytes = new byte[new int[] {0, 1, 2, 4, 8}[random.nextInt(5)]];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Change change(byte[] bytes, String what) {
        return new Change(Opaque.of(bytes), what);
    }
}
