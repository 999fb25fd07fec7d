package dev.gssproxy4j.mech.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The few libc calls gssproxy4j needs (the only class holding libc downcall handles): the process environment,
 * peer credentials of an AF_UNIX socket, user/group lookups, {@code statx} of a file (by path or open descriptor),
 * opening a file without following a final symbolic link, a signal's default action, dropping privileges, and the
 * descriptor calls that take over a socket systemd passed ({@link #socketInfo}, {@link #replaceDescriptor}).
 *
 * <p><b>Environment.</b> {@link #setenv} changes the C environment that MIT krb5 reads ({@code System.getenv} is a
 * copy taken at JVM start and does not see it; use {@link #getenv}). MIT reads {@code KRB5_CONFIG},
 * {@code KRB5CCNAME}, {@code KRB5_KTNAME}, {@code KRB5_CLIENT_KTNAME} and {@code KRB5RCACHEDIR} when it creates a
 * krb5 context, which the GSS mechanism does on most calls (and each {@link dev.gssproxy4j.mech.SecContext} keeps
 * the one it was created with), so setting them before a test's first GSS call points MIT at that test's realm.
 * {@code setenv} is not thread-safe against a concurrent {@code getenv} in another thread (it may reallocate
 * {@code environ}): call it only while no GSS call is in flight.
 *
 * <p>Linux x86-64 layouts: {@code struct ucred} is {pid, uid, gid} (12 bytes); {@code struct passwd} has
 * pw_uid at 16, pw_gid at 20, pw_dir at 32, pw_shell at 40 (checked with gcc offsetof).
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; needs --enable-native-access
public final class Posix {

    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_PEERCRED = 17;
    private static final int SO_ACCEPTCONN = 30;
    private static final int SO_DOMAIN = 39;
    private static final int SO_PEERSEC = 31;
    private static final int ERANGE = 34;
    private static final int ENOPROTOOPT = 92;
    private static final int MAX_BUFFER = 1 << 20;
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int AT_FDCWD = -100;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 04000;
    private static final int O_NOCTTY = 0400;
    private static final int O_NOFOLLOW = 0400000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    /** {@code STATX_TYPE|MODE|NLINK|UID|GID|ATIME|MTIME|CTIME|INO|SIZE|BLOCKS}. */
    private static final int STATX_BASIC_STATS = 0x7ff;
    /**
     * {@code struct statx} is the same on every Linux architecture (256 bytes): stx_ino at 32, stx_size at 40,
     * stx_ctime at 96 and stx_mtime at 112 (each {s64 tv_sec, u32 tv_nsec, s32}), stx_dev_major/minor at 136/140.
     */
    private static final int STATX_SIZE = 256;
    /** {@code struct sockaddr_un}: sa_family_t (2 bytes), then {@code sun_path[108]}. */
    private static final int SUN_PATH_MAX = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SETENV = handle("setenv", true, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle UNSETENV = handle("unsetenv", true, JAVA_INT, ADDRESS);
    private static final MethodHandle GETENV = handle("getenv", false, ADDRESS, ADDRESS);
    private static final MethodHandle GETSOCKOPT = handle("getsockopt", true, JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle GETPWNAM_R = handle("getpwnam_r", false, JAVA_INT, ADDRESS, ADDRESS,
            ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle GETPWUID_R = handle("getpwuid_r", false, JAVA_INT, JAVA_INT, ADDRESS,
            ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle GETGROUPLIST = handle("getgrouplist", false, JAVA_INT, ADDRESS, JAVA_INT,
            ADDRESS, ADDRESS);
    private static final MethodHandle SOCKET = handle("socket", true, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SENDTO = handle("sendto", true, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG,
            JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CLOSE = handle("close", true, JAVA_INT, JAVA_INT);
    private static final MethodHandle GETSOCKNAME = handle("getsockname", true, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle DUP3 = handle("dup3", true, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle FCNTL_INT = LINKER.downcallHandle(
            LIBC.find("fcntl").orElseThrow(() -> new UnsatisfiedLinkError("libc lacks fcntl")),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = handle("open", true, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle STATX = handle("statx", false, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT,
            JAVA_INT, ADDRESS);
    private static final MethodHandle SIGNAL = handle("signal", false, ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle PRCTL = handle("prctl", true, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG);
    private static final MethodHandle INITGROUPS = handle("initgroups", true, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle SETGID = handle("setgid", true, JAVA_INT, JAVA_INT);
    private static final MethodHandle SETUID = handle("setuid", true, JAVA_INT, JAVA_INT);
    private static final MethodHandle GETUID = handle("getuid", false, JAVA_INT);
    private static final MethodHandle CAPSET = handle("capset", true, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle STRERROR_R = handle("strerror_r", false, ADDRESS, JAVA_INT, ADDRESS,
            JAVA_LONG);

    private Posix() {
    }

    /** setenv(3) with overwrite: see the class comment for when this is safe. */
    public static void setenv(String name, String value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int rc = (int) SETENV.invokeExact(state, a.allocateFrom(name), a.allocateFrom(value), 1);
            check(rc, state, "setenv(" + name + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * getuid(2): the process's real uid, which never fails. Here rather than through the JDK's
     * {@code com.sun.security.auth.module.UnixSystem}, whose module needs the JDK's own Kerberos and JNDI modules:
     * the package's runtime (scripts/package) holds only the modules the daemon's class path refers to.
     */
    public static int getuid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** unsetenv(3). */
    public static void unsetenv(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int rc = (int) UNSETENV.invokeExact(state, a.allocateFrom(name));
            check(rc, state, "unsetenv(" + name + ")");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getenv(3): the live C environment, including changes made by {@link #setenv}. */
    public static Optional<String> getenv(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = (MemorySegment) GETENV.invokeExact(a.allocateFrom(name));
            return p.address() == 0 ? Optional.empty() : Optional.of(p.reinterpret(Long.MAX_VALUE).getString(0));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code statx(2)} of {@code path}, following symbolic links: one system call, no allocation beyond a 256-byte
     * buffer. Empty if the file cannot be examined (missing, no permission); the reason does not matter to callers,
     * which then read the file the ordinary way and get the ordinary error.
     */
    public static Optional<FileStamp> stat(String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(STATX_SIZE, 8);
            int rc = (int) STATX.invokeExact(AT_FDCWD, a.allocateFrom(path), 0, STATX_BASIC_STATS, buf);
            if (rc != 0) {
                return Optional.empty();
            }
            return Optional.of(new FileStamp(Integer.toUnsignedLong(buf.get(JAVA_INT, 136)),
                    Integer.toUnsignedLong(buf.get(JAVA_INT, 140)), buf.get(JAVA_LONG, 32), buf.get(JAVA_LONG, 40),
                    nanos(buf, 112), nanos(buf, 96)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code open(path, O_RDWR|O_NOCTTY|O_NOFOLLOW|O_CLOEXEC)}: an existing file opened for writing, never created,
     * never through a symbolic link as its last component. The caller closes the descriptor with {@link #close}.
     *
     * @throws PosixException with {@code errno} (ENOENT, ELOOP for a symbolic link, EACCES, ...)
     */
    public static int openExistingForWriting(String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(path), O_RDWR | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
            check(fd < 0 ? -1 : 0, state, "open(" + path + ")");
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code open(path, O_RDONLY|O_NONBLOCK|O_NOCTTY|O_NOFOLLOW|O_CLOEXEC)}: an existing file opened for reading,
     * never through a symbolic link as its last component, and without waiting for a writer if it is a FIFO
     * (O_NONBLOCK changes nothing for a regular file). The caller closes the descriptor with {@link #close}.
     *
     * @throws PosixException with {@code errno} (ENOENT, ELOOP for a symbolic link, EACCES, ...)
     */
    public static int openExistingForReading(String path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(path),
                    O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
            check(fd < 0 ? -1 : 0, state, "open(" + path + ")");
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Owner and type of an open file ({@code statx(fd, "", AT_EMPTY_PATH)}): what the descriptor refers to, however
     * the path it was opened by has changed since (no time-of-check to time-of-use gap).
     */
    public static FileOwner owner(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(STATX_SIZE, 8);
            int rc = (int) STATX.invokeExact(fd, a.allocateFrom(""), AT_EMPTY_PATH, STATX_BASIC_STATS, buf);
            if (rc != 0) {
                throw new PosixException("statx(fd " + fd + ")", 0, "failed");
            }
            // struct statx: stx_nlink at 16, stx_uid at 20, stx_mode (u16) at 28, stx_size (u64) at 40
            int mode = Short.toUnsignedInt(buf.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 28));
            return new FileOwner(buf.get(JAVA_INT, 20), (mode & S_IFMT) == S_IFREG, buf.get(JAVA_INT, 16),
                    buf.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 40));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code close(2)}; errors are ignored (the descriptor is gone either way on Linux). */
    public static void close(int fd) {
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(a.allocate(Linker.Option.captureStateLayout()), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code signal(signo, SIG_DFL)}: gives back a signal its default action, e.g. SIGHUP that {@code nohup} or a
     * shell's {@code trap '' HUP} made the process ignore. The JVM installs no handler for a signal that was ignored
     * when it started ({@code sun.misc.Signal.handle} then returns {@code SIG_IGN} and does nothing), so a daemon
     * that must react to the signal resets it first. Call before the handler is installed, never after.
     */
    public static void restoreDefaultAction(int signo) {
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeExact(signo, MemorySegment.NULL);
            if (previous.address() == -1L) { // SIG_ERR
                throw new IllegalArgumentException("signal(" + signo + ", SIG_DFL) failed: no such signal");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static long nanos(MemorySegment statx, long offset) {
        return statx.get(JAVA_LONG, offset) * 1_000_000_000L + Integer.toUnsignedLong(statx.get(JAVA_INT, offset + 8));
    }

    /**
     * Sends one datagram to the AF_UNIX datagram socket at {@code path} ({@code socket}, {@code sendto},
     * {@code close}); a path starting with {@code @} names an abstract socket. The JDK has no AF_UNIX datagram
     * channels; systemd's {@code NOTIFY_SOCKET} protocol ({@code sd_notify}) needs one.
     */
    public static void sendDatagram(String path, byte[] message) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("AF_UNIX socket path of " + name.length + " bytes");
        }
        if (name[0] == '@') {
            name[0] = 0; // abstract namespace
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            check(fd < 0 ? -1 : 0, state, "socket(AF_UNIX, SOCK_DGRAM)");
            try {
                MemorySegment address = a.allocate(2 + SUN_PATH_MAX, 2);
                address.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
                MemorySegment data = a.allocateFrom(JAVA_BYTE, message);
                long sent = (long) SENDTO.invokeExact(state, fd, data, (long) message.length, MSG_NOSIGNAL, address,
                        2 + name.length + (name[0] == 0 ? 0 : 1));
                check(sent < 0 ? -1 : 0, state, "sendto(" + path + ")");
            } finally {
                int ignored = (int) CLOSE.invokeExact(a.allocate(Linker.Option.captureStateLayout()), fd);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code getsockopt(fd, SOL_SOCKET, SO_PEERCRED)}: pid, uid and gid of the peer of a connected socket. */
    public static PeerCredentials peerCredentials(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ucred = a.allocate(12, 4);
            MemorySegment len = a.allocateFrom(JAVA_INT, 12);
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERCRED, ucred, len);
            check(rc, state, "getsockopt(SO_PEERCRED)");
            return new PeerCredentials(ucred.get(JAVA_INT, 0), ucred.get(JAVA_INT, 4), ucred.get(JAVA_INT, 8));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code getsockopt(fd, SOL_SOCKET, SO_PEERSEC)}: the peer's security label (e.g. an SELinux context), or
     * empty when no LSM labels the socket ({@code ENOPROTOOPT}).
     */
    public static Optional<String> peerSecurityContext(int fd) {
        int size = 256;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            while (true) {
                MemorySegment buf = a.allocate(size);
                MemorySegment len = a.allocateFrom(JAVA_INT, size);
                int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_PEERSEC, buf, len);
                int errno = rc == 0 ? 0 : (int) ERRNO_VALUE.get(state, 0L);
                if (rc == 0) {
                    byte[] label = buf.asSlice(0, len.get(JAVA_INT, 0)).toArray(JAVA_BYTE);
                    int n = label.length;
                    while (n > 0 && label[n - 1] == 0) {
                        n--;
                    }
                    return n == 0 ? Optional.empty() : Optional.of(new String(label, 0, n, StandardCharsets.UTF_8));
                } else if (errno == ENOPROTOOPT) {
                    return Optional.empty();
                } else if (errno == ERANGE && size < MAX_BUFFER) {
                    size = Math.max(size * 2, len.get(JAVA_INT, 0));
                } else {
                    throw new PosixException("getsockopt(SO_PEERSEC)", errno, strerror(errno));
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * What the socket {@code fd} is: its family, type, whether it listens, and the path it is bound to.
     *
     * @throws PosixException if {@code fd} is not an open socket ({@code EBADF}, {@code ENOTSOCK})
     */
    public static SocketInfo socketInfo(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int domain = intOption(a, state, fd, SO_DOMAIN, "SO_DOMAIN");
            int type = intOption(a, state, fd, SO_TYPE, "SO_TYPE");
            boolean listening = intOption(a, state, fd, SO_ACCEPTCONN, "SO_ACCEPTCONN") != 0;
            Optional<String> path = Optional.empty();
            if (domain == SocketInfo.AF_UNIX) {
                MemorySegment address = a.allocate(2 + SUN_PATH_MAX, 2);
                MemorySegment len = a.allocateFrom(JAVA_INT, 2 + SUN_PATH_MAX);
                int rc = (int) GETSOCKNAME.invokeExact(state, fd, address, len);
                check(rc, state, "getsockname(" + fd + ")");
                int n = Math.min(len.get(JAVA_INT, 0), 2 + SUN_PATH_MAX) - 2;
                byte[] name = n > 0 ? address.asSlice(2, n).toArray(JAVA_BYTE) : new byte[0];
                int end = 0;
                while (end < name.length && name[end] != 0) {
                    end++;
                }
                // an abstract name starts with NUL and an unnamed socket has none: neither is a file path
                path = end == 0 ? Optional.empty() : Optional.of(new String(name, 0, end, StandardCharsets.UTF_8));
            }
            return new SocketInfo(domain, type, listening, path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int intOption(Arena a, MemorySegment state, int fd, int option, String name) throws Throwable {
        MemorySegment value = a.allocate(JAVA_INT);
        MemorySegment len = a.allocateFrom(JAVA_INT, 4);
        int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, option, value, len);
        check(rc, state, "getsockopt(" + fd + ", " + name + ")");
        return value.get(JAVA_INT, 0);
    }

    /**
     * {@code dup3(from, onto, O_CLOEXEC)} then {@code close(from)}: descriptor {@code onto} now refers to what
     * {@code from} referred to (whatever {@code onto} referred to before is closed by the kernel in the same step),
     * and {@code from} is gone. The caller must own both numbers: no other thread may use or close either meanwhile.
     */
    public static void replaceDescriptor(int from, int onto) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int rc = (int) DUP3.invokeExact(state, from, onto, O_CLOEXEC);
            check(rc < 0 ? -1 : 0, state, "dup3(" + from + ", " + onto + ")");
            close(from);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fcntl(fd, F_DUPFD_CLOEXEC, 3)}: a new descriptor (3 or above) for what {@code fd} refers to. */
    public static int duplicate(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int copy = (int) FCNTL_INT.invokeExact(state, fd, F_DUPFD_CLOEXEC, 3);
            check(copy < 0 ? -1 : 0, state, "fcntl(" + fd + ", F_DUPFD_CLOEXEC)");
            return copy;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** getpwnam_r(3): the passwd entry of {@code user}, or empty if there is none. */
    public static Optional<PasswdEntry> getpwnam(String user) {
        return passwd("getpwnam_r(" + user + ")", (a, pwd, buf, size, result) ->
                (int) GETPWNAM_R.invokeExact(a.allocateFrom(user), pwd, buf, size, result));
    }

    /** getpwuid_r(3): the passwd entry of {@code uid}, or empty if there is none. */
    public static Optional<PasswdEntry> getpwuid(int uid) {
        return passwd("getpwuid_r(" + Integer.toUnsignedString(uid) + ")", (a, pwd, buf, size, result) ->
                (int) GETPWUID_R.invokeExact(uid, pwd, buf, size, result));
    }

    /** getgrouplist(3): every group of {@code user}, including {@code gid} (normally the user's primary group). */
    public static int[] getgrouplist(String user, int gid) {
        int capacity = 64;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocateFrom(user);
            while (true) {
                MemorySegment groups = a.allocate(JAVA_INT, capacity);
                MemorySegment count = a.allocateFrom(JAVA_INT, capacity);
                int rc = (int) GETGROUPLIST.invokeExact(name, gid, groups, count);
                int n = count.get(JAVA_INT, 0);
                if (rc >= 0) {
                    return Arrays.copyOf(groups.toArray(JAVA_INT), n);
                }
                if (n <= capacity || capacity >= 65536) {
                    throw new PosixException("getgrouplist(" + user + ")", ERANGE, "group list too long");
                }
                capacity = n;
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private interface PasswdCall {
        int call(Arena a, MemorySegment pwd, MemorySegment buf, long size, MemorySegment result) throws Throwable;
    }

    private static Optional<PasswdEntry> passwd(String what, PasswdCall fn) {
        int size = 1024;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pwd = a.allocate(48, 8);
            MemorySegment result = a.allocate(ADDRESS);
            while (true) {
                MemorySegment buf = a.allocate(size);
                int rc = fn.call(a, pwd, buf, size, result);
                if (rc == ERANGE && size < MAX_BUFFER) {
                    size *= 2;
                    continue;
                }
                if (rc != 0) {
                    throw new PosixException(what, rc, strerror(rc));
                }
                if (result.get(ADDRESS, 0).address() == 0) {
                    return Optional.empty();
                }
                return Optional.of(new PasswdEntry(string(pwd, 0), pwd.get(JAVA_INT, 16), pwd.get(JAVA_INT, 20),
                        string(pwd, 32), string(pwd, 40)));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code prctl(2)} options and {@code capset(2)}'s version 3 header (linux/prctl.h, linux/capability.h). */
    private static final int PR_SET_KEEPCAPS = 8;
    private static final int PR_CAPBSET_DROP = 24;
    private static final int EINVAL = 22;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** {@code CAP_SYS_PTRACE}: reading another user's {@code /proc/PID/exe}. */
    public static final int CAP_SYS_PTRACE = 19;

    /**
     * Becomes {@code user} for good, as upstream's {@code drop_privs}: supplementary groups from the group database
     * ({@code initgroups}), then its gid, then its uid (real, effective and saved: no way back to root), with the
     * calling thread's bounding set emptied first, while root may still do it (the bounding set is per thread:
     * threads started earlier keep theirs, which only limits what an {@code execve} could gain; they hold no
     * capability). The calling thread alone keeps {@code keep} (e.g.
     * {@link #CAP_SYS_PTRACE}) in its permitted and effective sets, as upstream keeps it for the program lookup;
     * capabilities are per thread, so only that thread may do what needs it.
     *
     * <p>glibc applies {@code setgid}, {@code setuid} and {@code initgroups}' {@code setgroups} to every thread of
     * the process (its {@code SIGSETXID} broadcast), so JVM threads started before the call are dropped as well; threads
     * other than this one lose every capability when the uid changes from 0 (they do not keep capabilities).
     *
     * @throws PosixException naming the step that failed; the process may then be half-dropped and must exit
     */
    public static void dropPrivileges(PasswdEntry user, int... keep) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            check((int) PRCTL.invokeExact(state, PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L), state, "prctl(PR_SET_KEEPCAPS)");
            // the bounding set first, while root's effective set still holds CAP_SETPCAP, which dropping needs
            for (int cap = 0; cap <= 63; cap++) {
                int rc = (int) PRCTL.invokeExact(state, PR_CAPBSET_DROP, (long) cap, 0L, 0L, 0L);
                if (rc != 0 && (int) ERRNO_VALUE.get(state, 0L) == EINVAL && cap > 0) {
                    break; // past the kernel's last capability
                }
                check(rc, state, "prctl(PR_CAPBSET_DROP, " + cap + ")");
            }
            check((int) INITGROUPS.invokeExact(state, a.allocateFrom(user.name()), user.gid()), state,
                    "initgroups(" + user.name() + ")");
            check((int) SETGID.invokeExact(state, user.gid()), state, "setgid(" + user.gid() + ")");
            check((int) SETUID.invokeExact(state, user.uid()), state, "setuid(" + user.uid() + ")");
            // struct __user_cap_header_struct {u32 version; int pid} and two __user_cap_data_struct
            // {u32 effective, permitted, inheritable} (capabilities 0-31, then 32-63); pid 0 = this thread
            MemorySegment header = a.allocate(8, 4);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            MemorySegment data = a.allocate(24, 4);
            for (int cap : keep) {
                int word = cap / 32 * 12;
                int bit = 1 << (cap % 32);
                data.set(JAVA_INT, word, data.get(JAVA_INT, word) | bit);
                data.set(JAVA_INT, word + 4, data.get(JAVA_INT, word + 4) | bit);
            }
            check((int) CAPSET.invokeExact(state, header, data), state, "capset");
            check((int) PRCTL.invokeExact(state, PR_SET_KEEPCAPS, 0L, 0L, 0L, 0L), state, "prctl(PR_SET_KEEPCAPS, 0)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static String string(MemorySegment struct, long offset) {
        MemorySegment p = struct.get(ADDRESS, offset);
        return p.address() == 0 ? "" : p.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static void check(int rc, MemorySegment state, String what) {
        if (rc != 0) {
            int errno = (int) ERRNO_VALUE.get(state, 0L);
            throw new PosixException(what, errno, strerror(errno));
        }
    }

    /** GNU strerror_r(3): thread-safe, returns the message (possibly a static string rather than buf). */
    static String strerror(int errno) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            MemorySegment p = (MemorySegment) STRERROR_R.invokeExact(errno, buf, 256L);
            return p.address() == 0 ? "errno " + errno : p.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static MethodHandle handle(String name, boolean errno, MemoryLayout result,
                                       MemoryLayout... args) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc lacks " + name));
        FunctionDescriptor fd = FunctionDescriptor.of(result, args);
        return errno ? LINKER.downcallHandle(symbol, fd, ERRNO) : LINKER.downcallHandle(symbol, fd);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected checked exception from a libc downcall", t);
    }
}
