package dev.gssproxy4j.server.os;

import dev.gssproxy4j.server.log.DaemonLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Tells the kernel's nfsd to send its RPCSEC_GSS upcalls to us ({@code kernel_nfsd = yes}): writes "1" to
 * {@code /proc/net/rpc/use-gss-proxy}, with upstream's messages. The file appears only once {@code auth_rpcgss}
 * is loaded, and the kernel latches its choice per network namespace, so like gssproxy 0.9.2 we retry every 10 s
 * while the file is missing, instead of leaving NFS broken until a reboot.
 */
public final class KernelNfsd {

    public static final Path USE_GSS_PROXY = Path.of("/proc/net/rpc/use-gss-proxy");
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final Path control;
    private volatile Thread retrier;

    public KernelNfsd(Path control) {
        this.control = control;
    }

    /** Writes the flag now; if the kernel is not ready, keeps retrying in the background until {@link #stop}. */
    public synchronized void enable() {
        if (write() || retrier != null) {
            return;
        }
        retrier = Thread.ofVirtual().name("kernel_nfsd retry").start(this::retryLoop);
    }

    public synchronized void stop() {
        if (retrier != null) {
            retrier.interrupt();
            retrier = null;
        }
    }

    private void retryLoop() {
        try {
            do {
                Thread.sleep(RETRY); // a retry period, not synchronisation: the kernel gives no event to wait on
            } while (!write());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean write() {
        try {
            Files.writeString(control, "1", StandardCharsets.US_ASCII);
            DaemonLog.debug(1, "Kernel GSS-Proxy support enabled");
            return true;
        } catch (NoSuchFileException e) {
            DaemonLog.debug(1, "Kernel doesn't support GSS-Proxy (can't open " + control
                    + ": 2 (No such file or directory))");
        } catch (IOException e) {
            DaemonLog.debug(1, "Failed to write to " + control + ": " + e.getMessage());
        }
        DaemonLog.error("Problem with kernel communication!  NFS server will not work");
        return false;
    }
}
