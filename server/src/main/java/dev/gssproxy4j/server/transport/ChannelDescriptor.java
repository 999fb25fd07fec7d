package dev.gssproxy4j.server.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.Channel;

/**
 * The file descriptor behind a JDK socket channel, for the socket calls the JDK lacks ({@code SO_PEERCRED} with a
 * pid, taking over a socket systemd passed). The JDK keeps it in its channel implementation
 * ({@code sun.nio.ch.SelChImpl.getFDVal}, implemented by both socket and server socket channels), which is
 * reachable only with {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED}; {@link #check()} fails at start-up,
 * naming the flag, if it is not.
 */
final class ChannelDescriptor {

    private static final MethodHandle FD_VAL = lookup();

    private ChannelDescriptor() {
    }

    /**
     * @throws IllegalStateException naming the missing JVM flag if the descriptor cannot be reached
     */
    static void check() {
        if (FD_VAL == null) {
            throw new IllegalStateException("cannot reach the file descriptors of AF_UNIX sockets: start the JVM "
                    + "with --add-exports java.base/sun.nio.ch=ALL-UNNAMED (the gssproxy4j launcher does)");
        }
    }

    /** The descriptor of {@code channel}, a JDK socket or server socket channel. */
    static int of(Channel channel) throws IOException {
        check();
        try {
            return (int) FD_VAL.invokeExact(channel);
        } catch (Throwable e) {
            throw new IOException("cannot get the descriptor of " + channel + ": " + e, e);
        }
    }

    private static MethodHandle lookup() {
        try {
            Class<?> selChImpl = Class.forName("sun.nio.ch.SelChImpl");
            return MethodHandles.lookup().findVirtual(selChImpl, "getFDVal", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Channel.class));
        } catch (ReflectiveOperationException | IllegalAccessError | IllegalArgumentException e) {
            return null;
        }
    }
}
