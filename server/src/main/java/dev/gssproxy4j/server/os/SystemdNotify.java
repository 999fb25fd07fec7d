package dev.gssproxy4j.server.os;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.mech.posix.PosixException;
import dev.gssproxy4j.server.log.DaemonLog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * systemd's notification protocol ({@code sd_notify}), for units with {@code Type=notify} like upstream's
 * {@code gssproxy.service}: without READY=1 systemd would kill the daemon after its start timeout. Sends the same
 * messages as upstream: {@code READY=1} with a status line, {@code RELOADING=1} with {@code MONOTONIC_USEC} on
 * SIGHUP, {@code STOPPING=1}. Does nothing when {@code NOTIFY_SOCKET} is not set (not started by systemd).
 */
public final class SystemdNotify {

    private final Optional<String> socket;

    private SystemdNotify(Optional<String> socket) {
        this.socket = socket;
    }

    public static SystemdNotify fromEnvironment() {
        return new SystemdNotify(Optional.ofNullable(System.getenv("NOTIFY_SOCKET")).filter(s -> !s.isEmpty()));
    }

    public void ready(int services) {
        send("READY=1\nSTATUS=Running, " + services + " service(s) configured");
    }

    public void reloading() {
        // CLOCK_MONOTONIC in microseconds; System.nanoTime reads the same clock on Linux
        send("RELOADING=1\nMONOTONIC_USEC=" + TimeUnit.NANOSECONDS.toMicros(System.nanoTime()));
    }

    public void stopping() {
        stopping("Signal received, stopping");
    }

    /** {@code STOPPING=1} with {@code status}, e.g. upstream's idle stop "Idle for 1000 seconds, stopping". */
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status);
    }

    private void send(String message) {
        socket.ifPresent(path -> {
            try {
                Posix.sendDatagram(path, message.getBytes(StandardCharsets.UTF_8));
            } catch (PosixException | IllegalArgumentException e) {
                DaemonLog.error("cannot notify systemd at " + path + ": " + e.getMessage());
            }
        });
    }
}
