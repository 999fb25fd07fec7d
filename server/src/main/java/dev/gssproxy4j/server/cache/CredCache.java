package dev.gssproxy4j.server.cache;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * A bounded, least-recently-used cache of acceptor credentials imported from sealed handles, so that a web
 * server's interposer, which acquires its acceptor credential once per connection and then sends the same handle
 * with every ACCEPT_SEC_CONTEXT, does not pay {@code gss_import_cred} (a krb5 context, JSON parsing, keytab and
 * replay cache resolution) and {@code gss_release_cred} on every login. Upstream imports on every call.
 *
 * <p>Safety:
 * <ul>
 *   <li>Keys are {@link HandleCacheKey} plus the {@link Binding} the handle opened for. Callers look up only after
 *       {@code HandleSealer.open} succeeded for this caller, so an entry is reached only by a caller the handle
 *       opens for, and an expired handle or a retired key still fails before the cache is consulted.</li>
 *   <li>Only acceptor use is cached, and only for handles without element options (which are client-supplied,
 *       outside the sealed bytes, and change the credential). Accepting does not change the credential (the
 *       replay cache and keytab are files it names), so a cached credential behaves as a freshly imported one.
 *       Each entry carries a check of whether it is still current (see {@link KeytabMirrors}: a copy of a keytab
 *       file that has changed since); one that is not is dropped when next looked up, and imported again.
 *       Initiator credentials gain service tickets in their private ccache as they are used, which would change
 *       what later calls see (KDC traffic, {@code sync_creds}), so they are imported per call as upstream does.</li>
 *   <li>MIT locks a credential for the length of {@code gss_accept_sec_context}, so sharing one between threads
 *       is safe. An entry is leased while in use: eviction or {@link #close()} releases the credential only once
 *       the last lease ends.</li>
 * </ul>
 * Thread-safe.
 */
public final class CredCache implements AutoCloseable {

    /** Entries at most: about one per interposer process with an open connection; each is a few kB of native memory. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** What a cached credential is reachable by. */
    public record Key(HandleCacheKey handle, Binding binding) {}

    private final BoundedLru<Key, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private boolean closed;

    public CredCache(int capacity) {
        this.entries = new BoundedLru<>("CredCache", capacity);
    }

    /**
     * A lease on the credential cached for {@code key}, if there is one and it is still current; close the lease
     * after use. An entry that is no longer current is dropped (its credential released once unused).
     */
    public Optional<Lease> lease(Key key) {
        Lease lease;
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry == null) {
                misses.increment();
                return Optional.empty();
            }
            lease = entry.lease();
        }
        if (lease.entry.current.getAsBoolean()) { // outside the lock: it may look at a file
            hits.increment();
            return Optional.of(lease);
        }
        misses.increment();
        synchronized (entries) {
            if (entries.get(key) == lease.entry) {
                entries.remove(key);
                lease.entry.evicted = true;
            }
        }
        lease.close();
        return Optional.empty();
    }

    /**
     * Caches {@code cred}, which the cache then owns, and leases it; {@code current} tells later lookups whether
     * it may still be used. If another thread cached the same key meanwhile, {@code cred} is released and that
     * entry is leased instead; with capacity 0 (or after close) the lease owns {@code cred} alone and releases it
     * when it ends.
     */
    public Lease put(Key key, GssCred cred, BooleanSupplier current) {
        List<GssCred> release = new ArrayList<>();
        Lease lease;
        synchronized (entries) {
            Entry existing = entries.get(key);
            if (existing != null) {
                release.add(cred);
                lease = existing.lease();
            } else {
                Entry entry = new Entry(cred, current);
                lease = entry.lease();
                if (closed || entries.capacity() == 0) {
                    entry.evicted = true;
                } else {
                    evicted(entries.put(key, entry), release);
                }
            }
        }
        release.forEach(GssCred::close);
        return lease;
    }

    /** Credentials cached right now. */
    /** Leases found current, since start (for {@code gssproxy4j stats}). */
    public long hits() {
        return hits.sum();
    }

    /** Leases asked for and not found, or found stale, since start. */
    public long misses() {
        return misses.sum();
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Releases every credential no call is using, the others when their last lease ends; caches nothing more. */
    @Override
    public void close() {
        List<GssCred> release = new ArrayList<>();
        synchronized (entries) {
            closed = true;
            evicted(entries.clear(), release);
        }
        release.forEach(GssCred::close);
    }

    /** Marks entries that left the map evicted; collects the credentials no lease holds. */
    private static void evicted(List<Entry> left, List<GssCred> release) {
        for (Entry entry : left) {
            entry.evicted = true;
            if (entry.users == 0) {
                release.add(entry.cred);
            }
        }
    }

    /** One cached credential; guarded by the cache's lock. */
    private final class Entry {
        private final GssCred cred;
        private final BooleanSupplier current;
        private int users;
        private boolean evicted;

        private Entry(GssCred cred, BooleanSupplier current) {
            this.cred = cred;
            this.current = current;
        }

        private Lease lease() {
            users++;
            return new Lease(this);
        }
    }

    /** The use of a cached credential by one call; {@link #close()} ends it (idempotent). */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean ended;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public GssCred cred() {
            return entry.cred;
        }

        @Override
        public void close() {
            boolean release;
            synchronized (entries) {
                if (ended) {
                    return;
                }
                ended = true;
                release = --entry.users == 0 && entry.evicted;
            }
            if (release) {
                entry.cred.close();
            }
        }
    }
}
