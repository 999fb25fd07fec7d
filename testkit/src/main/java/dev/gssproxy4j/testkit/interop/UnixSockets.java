package dev.gssproxy4j.testkit.interop;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a daemon's AF_UNIX socket to accept connections; for any daemon fixture, upstream's or ours. */
public final class UnixSockets {

    private static final long POLL_MILLIS = 10;

    private UnixSockets() {
    }

    /** Whether a connection to {@code socket} succeeds right now (it is closed again at once). */
    public static boolean accepts(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls {@link #accepts} until it succeeds.
     *
     * @param alive       false once the daemon has died, which ends the wait at once
     * @param diagnostics what to append to the error (e.g. the end of the daemon's log)
     * @throws IllegalStateException if the daemon dies or {@code timeout} passes first
     */
    public static void awaitAccepting(Path socket, Duration timeout, BooleanSupplier alive,
                                      Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(socket)) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("the daemon exited before " + socket + " accepted connections; "
                        + diagnostics.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(socket + " did not accept connections within " + timeout + "; "
                        + diagnostics.get());
            }
            try {
                // A condition poll with a deadline: there is no portable notification for "someone listens".
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + socket, e);
            }
        }
    }
}
