package dev.gssproxy4j.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A GSS-Proxy caller for another uid: the daemon identifies callers by {@code SO_PEERCRED}, so a call "from uid
 * 65534" must come from a process running as 65534 ({@link OtherUidCalls} starts this class with {@code setpriv}).
 *
 * <p>Usage: {@code java -cp DIR dev.gssproxy4j.it.RawCaller SOCKET < records}, standard input holding one whole
 * record (mark included) per line in hex. All records go over one connection, in order; for each, one line is
 * printed: the reply record in hex, or {@code CLOSED} if the daemon closed the connection instead (then nothing
 * more is sent). JDK only, so the class path is just this class and {@link RawConnection}.
 */
public final class RawCaller {

    static final String CLOSED = "CLOSED";

    private RawCaller() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RawCaller SOCKET < hex-records");
            System.exit(2);
        }
        HexFormat hex = HexFormat.of();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        try (RawConnection connection = RawConnection.open(Path.of(args[0]))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<byte[]> reply;
                try {
                    reply = connection.exchange(hex.parseHex(line.strip()));
                } catch (UncheckedIOException e) { // the daemon closed the connection before we could send
                    reply = Optional.empty();
                }
                System.out.println(reply.map(hex::formatHex).orElse(CLOSED));
                if (reply.isEmpty()) {
                    break;
                }
            }
        }
    }
}
