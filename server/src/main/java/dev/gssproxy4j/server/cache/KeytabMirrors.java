package dev.gssproxy4j.server.cache;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MemoryKeytab;
import dev.gssproxy4j.mech.mit.ExportedCredKeytab;
import dev.gssproxy4j.mech.posix.FileStamp;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.log.DaemonLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * In-memory copies of the keytab files that cached acceptor credentials accept with. MIT's FILE keytab opens,
 * locks, reads and closes the file on every {@code gss_accept_sec_context} (upstream gssproxy pays that too); a
 * credential imported with its keytab renamed to a {@code MEMORY:} copy reads no file, and the daemon instead
 * checks with one {@code statx} per accept that the file is unchanged.
 *
 * <p>What keeps this as correct as reading the file:
 * <ul>
 *   <li>Handles are untouched: the sealed token still names the FILE keytab, so a restarted daemon (or upstream's
 *       import path) sees what it always saw. Only the credential in the daemon's {@link CredCache} names a
 *       copy.</li>
 *   <li>A copy is tied to the file's {@link FileStamp} (inode, size, modification and status-change times). When
 *       the file changes (a key rotated in or removed), the cached credentials of the old copy stop being current
 *       and are imported again, from a new copy with a new name; copies are never modified, so accepts in flight
 *       keep the keys they started with, and MIT frees (and zeroes) an old copy with its last credential.</li>
 *   <li>A file touched in the last {@link #SETTLE} is not copied: timestamps are coarse (a kernel tick), so a
 *       second write in the same tick as the copy could leave the stamp unchanged. Until it settles, accepts read
 *       the file itself, as MIT does.</li>
 *   <li>A keytab that is not {@code FILE:}, or a file that cannot be examined or read, is used as named.</li>
 * </ul>
 * At most {@code capacity} files are copied (least recently imported first out). Thread-safe.
 */
public final class KeytabMirrors implements AutoCloseable {

    /** Keytab files copied at most; a daemon usually has one per service. */
    public static final int DEFAULT_CAPACITY = 64;
    /**
     * The system property that sets how many keytab files the daemon copies; 0 turns copying off, and accepts then
     * read the file as MIT does by itself (e.g. {@code GSSPROXY4J_JAVA_OPTS=-Dgssproxy4j.keytab-copies=0}).
     */
    public static final String CAPACITY_PROPERTY = "gssproxy4j.keytab-copies";
    /** How long a file must be left alone before it is copied. */
    public static final Duration SETTLE = Duration.ofSeconds(2);

    private static final String FILE_PREFIX = "FILE:";
    private static final BooleanSupplier ALWAYS = () -> true;
    private static final BooleanSupplier NEVER = () -> false;

    /** A credential imported for accepting, and whether a cache may go on using it. */
    public record Imported(GssCred cred, BooleanSupplier current) {}

    private final Gss gss;
    private final Clock clock;
    private final BoundedLru<String, Mirror> mirrors;
    private final AtomicLong names = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private boolean closed;

    public KeytabMirrors(Gss gss, Clock clock, int capacity) {
        this.gss = gss;
        this.clock = clock;
        this.mirrors = new BoundedLru<>("KeytabMirrors", capacity);
    }

    /** {@link #CAPACITY_PROPERTY} if set to a whole number >= 0, else {@link #DEFAULT_CAPACITY}. */
    public static int capacityFromSystemProperty() {
        return capacity(System.getProperty(CAPACITY_PROPERTY));
    }

    /** The capacity {@code value} of {@link #CAPACITY_PROPERTY} asks for (null: the default). */
    public static int capacity(String value) {
        if (value == null) {
            return DEFAULT_CAPACITY;
        }
        try {
            int capacity = Integer.parseInt(value.strip());
            if (capacity >= 0) {
                return capacity;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + CAPACITY_PROPERTY + " must be a whole number >= 0 (0 turns keytab"
                + " copies off), got '" + value + "'");
    }

    /**
     * {@code gss_import_cred} of {@code token} for accepting: with its FILE keytab replaced by a current copy
     * when there can be one. May block (reads the keytab when it changed).
     */
    public Imported importForAccept(byte[] token) {
        Optional<ExportedCredKeytab> named = ExportedCredKeytab.find(token)
                .filter(k -> k.keytab().startsWith(FILE_PREFIX));
        if (named.isEmpty() || mirrors.capacity() == 0) {
            return new Imported(gss.importCred(token), ALWAYS); // no keytab file (or no copies): as MIT reads it
        }
        Optional<Mirror> mirror = retainCurrent(named.get().keytab().substring(FILE_PREFIX.length()));
        if (mirror.isEmpty()) {
            return new Imported(gss.importCred(token), NEVER); // reads the file; try to copy it next time
        }
        Mirror m = mirror.get();
        try {
            byte[] renamed = named.get().withKeytab(m.keytab.name());
            try {
                return new Imported(gss.importCred(renamed), () -> isCurrent(m));
            } finally {
                Arrays.fill(renamed, (byte) 0);
            }
        } finally {
            m.release();
        }
    }

    /** Keytab files copied so far (a new copy each time a file changed); for tests and metrics. */
    public long copiesMade() {
        return copies.get();
    }

    /** Stops copying and drops this object's hold on every copy; credentials still using one keep it. */
    @Override
    public void close() {
        List<Mirror> retired;
        synchronized (mirrors) {
            closed = true;
            retired = mirrors.clear();
        }
        retired.forEach(Mirror::retire);
    }

    /** Whether {@code mirror} is still the copy of its file as it is now. */
    private boolean isCurrent(Mirror mirror) {
        return !mirror.retired && Posix.stat(mirror.path).filter(mirror.stamp::equals).isPresent();
    }

    /** The copy of {@code path} as it is now, made if needed and retained for the caller; empty if there can be none. */
    private Optional<Mirror> retainCurrent(String path) {
        Optional<FileStamp> stamp = Posix.stat(path).filter(this::settled);
        if (stamp.isEmpty()) {
            return Optional.empty();
        }
        List<Mirror> retired = new ArrayList<>();
        try {
            synchronized (mirrors) {
                if (closed) {
                    return Optional.empty();
                }
                Mirror current = mirrors.get(path);
                if (current != null && current.stamp.equals(stamp.get())) {
                    current.retain();
                    return Optional.of(current);
                }
                if (current != null) {
                    mirrors.remove(path);
                    retired.add(current);
                }
                Optional<Mirror> copied = copy(path, stamp.get());
                copied.ifPresent(m -> {
                    m.retain();
                    retired.addAll(mirrors.put(path, m));
                });
                return copied;
            }
        } finally {
            retired.forEach(Mirror::retire);
        }
    }

    private boolean settled(FileStamp stamp) {
        long now = clock.millis() * 1_000_000L;
        return stamp.lastTouchedNanos() <= now - SETTLE.toNanos();
    }

    private Optional<Mirror> copy(String path, FileStamp stamp) {
        // a name is never used twice: MIT would hand out the old copy, or an empty keytab once it is gone
        String name = "gssproxy4j-keytab-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet();
        try {
            MemoryKeytab keytab = gss.copyKeytab(FILE_PREFIX + path, name);
            if (keytab.entries() == 0) {
                keytab.close();
                return Optional.empty();
            }
            copies.incrementAndGet();
            DaemonLog.debug(2, "Keytab " + path + ": " + keytab.entries() + " entries now served from memory ("
                    + keytab.name() + ")");
            return Optional.of(new Mirror(path, stamp, keytab));
        } catch (GssException e) {
            DaemonLog.debug(1, "Keytab " + path + " could not be copied into memory, reading the file: " + e.status());
            return Optional.empty();
        }
    }

    /**
     * One copy of one file. The map holds one reference, each import in progress another; the copy's handle is
     * closed with the last, and never before an import that renamed a token to it has resolved it.
     */
    private static final class Mirror {
        private final String path;
        private final FileStamp stamp;
        private final MemoryKeytab keytab;
        private int references = 1;
        private volatile boolean retired;

        Mirror(String path, FileStamp stamp, MemoryKeytab keytab) {
            this.path = path;
            this.stamp = stamp;
            this.keytab = keytab;
        }

        /** Another reference; only under the map's lock while the map still holds this copy. */
        synchronized void retain() {
            references++;
        }

        /** The map lets go of this copy: it is no longer current, and ends with its last import. */
        void retire() {
            retired = true;
            release();
        }

        void release() {
            boolean last;
            synchronized (this) {
                last = --references == 0;
            }
            if (last) {
                keytab.close();
            }
        }
    }
}
