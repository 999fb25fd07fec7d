package dev.gssproxy4j.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the demo opened, closed in reverse order exactly once: at the end of the command, or by the shutdown hook of
 * an exit on SIGINT or SIGTERM, whichever comes first (they may race: the main thread wakes up as the daemon closes).
 */
final class Closer {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    synchronized boolean isOpen() {
        return !open.isEmpty();
    }

    /** Closes everything still open, newest first. A failure to close is reported, not thrown. */
    synchronized void closeAll() {
        while (!open.isEmpty()) {
            AutoCloseable resource = open.pop();
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("gssproxy4j demo: cannot close " + resource + ": " + e.getMessage());
            }
        }
    }
}
