package dev.gssproxy4j.server.cache;

import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import dev.gssproxy4j.xdr.Opaque;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, least-recently-used cache of complete security contexts imported from their sealed copies, so that
 * the per-message procedures (WRAP, UNWRAP, GET_MIC, VERIFY, WRAP_SIZE_LIMIT) do not import, export and seal the
 * context again on every call: the original design's handle ({object ref, verifier, exported token, key id}) with
 * the sealed copy as the verifier and the exported token that recreates the object when the cache has dropped it.
 *
 * <p>Safety and state:
 * <ul>
 *   <li>Keys are the tag of the sealed copy ({@link HandleCacheKey}) plus the {@link Binding} it opened
 *       for, and a hit needs the whole copy byte for byte as it was opened or sealed here, before its expiry: so an
 *       entry is reached only by a caller the copy opens for, without opening it again (no AES, no import). A
 *       copy that misses is opened (which checks it) before anything is cached for it.</li>
 *   <li>A context's sequence numbers and replay window move with each message, so a context is used by one call
 *       at a time: a {@link Lease} holds it exclusively (MIT's contexts are not safe for concurrent use).</li>
 *   <li>The copy the client holds may lag behind the live context; whoever refreshes it ({@link Lease#refreshed})
 *       moves the entry to the new copy's key. A context dropped from the cache (eviction, restart) continues
 *       from the client's copy: its state as of that copy.</li>
 *   <li>Eviction or {@link #close()} deletes a context only when no lease holds it. One caller uid holds at most
 *       an eighth of the entries, so a user who makes many contexts live evicts its own first: another user's
 *       context falling back to its older copy (see above) is not something a local user can force alone.</li>
 * </ul>
 * Thread-safe.
 */
public final class LiveContexts implements AutoCloseable {

    /**
     * Contexts at most. An imported krb5 context is a few kB of native memory (keys, names, sequence state and its
     * own krb5 context), so the bound keeps the whole cache in the low MiB.
     */
    public static final int DEFAULT_CAPACITY = 1024;

    /** What a cached context is reachable by. */
    public record Key(HandleCacheKey handle, Binding binding) {}

    /** Entries one caller uid may hold: an eighth of the capacity, so one uid cannot push out everyone else's. */
    private final int perUid;
    private final BoundedLru<Key, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private boolean closed;

    public LiveContexts(int capacity) {
        this.entries = new BoundedLru<>("LiveContexts", capacity);
        this.perUid = Math.max(1, capacity / 8);
    }

    /**
     * An exclusive lease on the context cached for {@code key}, if there is one for exactly the {@code sealed}
     * copy and that copy has not expired at {@code now}; waits while another call uses it. Close the lease after
     * use. An expired entry is dropped.
     */
    public Optional<Lease> lease(Key key, Opaque sealed, Instant now) {
        Entry entry;
        List<SecContext> delete = new ArrayList<>();
        synchronized (entries) {
            entry = entries.get(key);
            if (entry != null && !now.isBefore(entry.expiry)) {
                entries.remove(key);
                retire(entry, delete);
                entry = null;
            }
            // Not constant-time, and need not be: reaching this compare takes the caller's binding and the copy's
            // 16-byte tag, which nothing but the copy itself reveals, so the caller had the copy and learns nothing
            // from the compare's time. A constant-time compare of the whole copy (1-2 kB) cost 1.1 us of every
            // per-message call; this one costs 25 ns.
            if (entry == null || !sealed.contentEquals(entry.sealed)) {
                misses.increment();
                entry = null;
            } else {
                entry.users++;
            }
        }
        delete.forEach(SecContext::close);
        if (entry == null) {
            return Optional.empty();
        }
        Lease lease = new Lease(entry);
        if (entry.context == null) { // the call that held it lost it (see Lease#lost)
            lease.close();
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(lease);
    }

    /**
     * Caches {@code context}, which the cache then owns, under {@code key} for the {@code sealed} copy it was
     * opened from, until that copy's {@code expiry}, and leases it. With capacity 0 (or after close) the lease owns
     * it alone and deletes it when it ends. If another call cached the same key meanwhile, both contexts stay
     * usable: the newer one replaces the older in the cache.
     */
    public Lease put(Key key, byte[] sealed, Instant expiry, SecContext context) {
        Entry entry = new Entry(context, sealed, expiry);
        List<SecContext> delete = new ArrayList<>();
        synchronized (entries) {
            entry.users++;
            insert(key, entry, delete);
        }
        delete.forEach(SecContext::close);
        return new Lease(entry);
    }

    /** Deletes the context cached for {@code key}, if any, once no call uses it (e.g. on RELEASE_HANDLE). */
    public void remove(Key key) {
        SecContext delete = null;
        synchronized (entries) {
            Entry entry = entries.remove(key);
            if (entry != null) {
                delete = retire(entry);
            }
        }
        if (delete != null) {
            delete.close();
        }
    }

    /** Leases found, since start (for {@code gssproxy4j stats}). */
    public long hits() {
        return hits.sum();
    }

    /** Leases asked for and not found, since start. */
    public long misses() {
        return misses.sum();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Deletes every context no call is using, the others when their lease ends; caches nothing more. */
    @Override
    public void close() {
        List<SecContext> delete = new ArrayList<>();
        synchronized (entries) {
            closed = true;
            entries.clear().forEach(entry -> retire(entry, delete));
        }
        delete.forEach(SecContext::close);
    }

    /**
     * Puts {@code entry} under {@code key} (unless closed), first evicting the key's uid's own least recently used
     * entries down to its share, then others beyond the capacity. Holds the lock.
     */
    private void insert(Key key, Entry entry, List<SecContext> delete) {
        if (closed || entries.capacity() == 0) {
            entry.evicted = true;
            return;
        }
        if (!entries.containsKey(key)) {
            int uid = key.binding().callerUid();
            entries.evictBeyond(k -> k.binding().callerUid() == uid, perUid - 1)
                    .forEach(own -> retire(own, delete));
        }
        entries.put(key, entry).forEach(left -> retire(left, delete));
    }

    private static void retire(Entry entry, List<SecContext> delete) {
        SecContext unused = retire(entry);
        if (unused != null) {
            delete.add(unused);
        }
    }

    /** Marks {@code entry} evicted; its context if no call holds it (the caller deletes it), else null. */
    private static SecContext retire(Entry entry) {
        entry.evicted = true;
        return entry.users == 0 ? entry.context : null;
    }

    /**
     * One cached context; the copy it is reached by, {@code users} and {@code evicted} are guarded by the cache's
     * lock.
     */
    private static final class Entry {
        private final ReentrantLock inUse = new ReentrantLock();
        private SecContext context; // guarded by inUse
        private int callsSinceCopy; // guarded by inUse
        private GssxCtx description; // guarded by inUse
        private byte[] sealed;
        private Instant expiry;
        private int users;
        private boolean evicted;

        private Entry(SecContext context, byte[] sealed, Instant expiry) {
            this.context = context;
            this.sealed = sealed.clone();
            this.expiry = expiry;
        }
    }

    /** The exclusive use of a cached context by one call; {@link #close()} ends it (idempotent). */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean ended;

        private Lease(Entry entry) {
            this.entry = entry;
            entry.inUse.lock();
        }

        /** The live context; valid until the lease ends. */
        public SecContext context() {
            return entry.context;
        }

        /**
         * What the context's last fresh copy said of it besides its tokens (names, mechanism, flags, which stay for
         * its life), kept so that the next copy need not ask MIT again; empty until the first fresh copy since the
         * context was cached.
         */
        public Optional<GssxCtx> description() {
            return Optional.ofNullable(entry.description);
        }

        /**
         * When the copy the entry is reached by expires: the context's end. Written only by {@link #refreshed},
         * which a lease holder calls, so the lease holder reads it safely.
         */
        public Instant expiry() {
            return entry.expiry;
        }

        /** Counts a call on the context and returns how many there were since the client's copy was made. */
        public int countCall() {
            return ++entry.callsSinceCopy;
        }

        /**
         * After the context was exported for a fresh copy (which deletes it) and imported again as {@code context}:
         * the entry holds {@code context} and its {@code description} and is reached by {@code key} and the fresh
         * {@code sealed} copy, valid until {@code expiry}, from now on.
         */
        public void refreshed(SecContext context, GssxCtx description, Key oldKey, Key key, byte[] sealed,
                              Instant expiry) {
            entry.context = context;
            entry.description = description;
            entry.callsSinceCopy = 0;
            List<SecContext> delete = new ArrayList<>();
            synchronized (entries) {
                entry.sealed = sealed.clone();
                entry.expiry = expiry;
                if (entries.get(oldKey) == entry) {
                    entries.remove(oldKey);
                }
                if (!entry.evicted) {
                    insert(key, entry, delete);
                }
            }
            delete.forEach(SecContext::close);
        }

        /**
         * The context is gone (an export deleted it and the import failed): drop the entry without deleting it
         * again. The lease still has to be closed.
         */
        public void lost(Key key) {
            entry.context = null;
            synchronized (entries) {
                if (entries.get(key) == entry) {
                    entries.remove(key);
                }
                entry.evicted = true;
            }
        }

        @Override
        public void close() {
            if (ended) {
                return;
            }
            ended = true;
            boolean delete;
            synchronized (entries) {
                delete = --entry.users == 0 && entry.evicted && entry.context != null;
            }
            SecContext context = entry.context;
            entry.inUse.unlock();
            if (delete) {
                context.close();
            }
        }
    }
}
