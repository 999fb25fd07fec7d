package dev.gssproxy4j.server.os;

import dev.gssproxy4j.mech.posix.PasswdEntry;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.server.transport.ProgramLookup;
import dev.gssproxy4j.server.transport.SocketPeerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code run_as_user}: after the sockets are bound and the keyring is open, the daemon becomes that account for
 * good, as upstream's {@code drop_privs} (groups, gid, then uid; no capability left in the bounding set). Like
 * upstream it keeps {@code CAP_SYS_PTRACE}, which reading another user's {@code /proc/PID/exe} needs for
 * {@code program} matching; capabilities belong to threads, so one thread drops the privileges, keeps that one
 * capability and does every program lookup from then on ({@link #program}); every other thread has none.
 */
public final class RunAsUser implements ProgramLookup, AutoCloseable {

    /** A lookup is one readlink and one realpath; a stuck one must not stall accepting connections for long. */
    private static final long LOOKUP_TIMEOUT_MILLIS = 1000;

    private final ExecutorService lookups = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().daemon().name("program lookup").unstarted(task));

    /**
     * Becomes {@code user} (run on the lookup thread, which thereby keeps {@code CAP_SYS_PTRACE}).
     *
     * @throws IOException naming the account and the step that failed; the caller must not serve then
     */
    public void drop(String user) throws IOException {
        PasswdEntry entry = Posix.getpwnam(user).orElseThrow(() -> new IOException("run_as_user = " + user
                + ": no such user"));
        try {
            lookups.submit(() -> {
                Posix.dropPrivileges(entry, Posix.CAP_SYS_PTRACE);
                return null;
            }).get();
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof PosixException p ? p.getMessage() : String.valueOf(e.getCause());
            throw new IOException("run_as_user = " + user + ": cannot become uid " + entry.uid() + " (" + reason
                    + "); the daemon must start as root to drop to another account", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("run_as_user = " + user + ": interrupted", e);
        }
    }

    @Override
    public Optional<Path> program(int pid) {
        try {
            return lookups.submit(() -> SocketPeerCredentials.program(pid))
                    .get(LOOKUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty(); // as for a process that is gone: no program, so no program-bound service
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
