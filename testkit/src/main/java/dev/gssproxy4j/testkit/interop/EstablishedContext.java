package dev.gssproxy4j.testkit.interop;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context {@code gss-client} reports after {@code gss_init_sec_context} completed, from its line
 * {@code "alice@R" to "host/localhost@R", lifetime 86400, flags 136, locally initiated, open}.
 *
 * @param flags the RFC 2744 context flags ({@code gss-client} prints them in hex)
 */
public record EstablishedContext(String source, String target, long lifetime, int flags, boolean locallyInitiated,
                                 boolean open) {

    /** GSS_C_MUTUAL_FLAG, RFC 2744 section 5.19. */
    public static final int MUTUAL_FLAG = 2;

    private static final Pattern LINE = Pattern.compile(
            "^\"(.*)\" to \"(.*)\", lifetime (-?\\d+), flags ([0-9a-f]+), (locally|remotely) initiated, "
                    + "(open|closed)$", Pattern.MULTILINE);

    public boolean mutual() {
        return (flags & MUTUAL_FLAG) != 0;
    }

    /** The context line of {@code gss-client}'s standard output, if it printed one. */
    public static Optional<EstablishedContext> parse(String clientStdout) {
        Matcher m = LINE.matcher(clientStdout);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EstablishedContext(m.group(1), m.group(2), Long.parseLong(m.group(3)),
                Integer.parseUnsignedInt(m.group(4), 16), m.group(5).equals("locally"), m.group(6).equals("open")));
    }
}
