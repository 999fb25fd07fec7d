package dev.gssproxy4j.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptor credential cache with real MIT credentials: leases, LRU eviction, release only when unused. */
class CredCacheTest {

    static final Binding BINDING = Binding.of("http", ServerRealm.SERVICE_UID);
    /** A credential that stays current (no keytab copy to go stale). */
    static final BooleanSupplier CURRENT = () -> true;
    static ServerRealm kdc;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    static GssCred acceptor() {
        return kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", kdc.serviceKeytab.toString()));
    }

    static CredCache.Key key(int n) {
        return new CredCache.Key(key16((byte) n), BINDING);
    }

    @Test
    void anEntryNoLongerCurrentIsDroppedAndReleasedWhenUnused() {
        try (CredCache cache = new CredCache(4)) {
            AtomicBoolean current = new AtomicBoolean(true);
            GssCred cred = acceptor();
            CredCache.Lease inUse = cache.put(key(1), cred, current::get);
            current.set(false);
            assertTrue(cache.lease(key(1)).isEmpty(), "a stale entry is not handed out");
            assertEquals(0, cache.size());
            assertFalse(cred.isClosed(), "still in use by the first lease");
            inUse.close();
            assertTrue(cred.isClosed(), "released with its last lease");
        }
    }

    @Test
    void aCachedCredentialIsLeasedAgainUnderItsKeyOnly() {
        try (CredCache cache = new CredCache(4)) {
            GssCred cred = acceptor();
            cache.put(key(1), cred, CURRENT).close();
            try (CredCache.Lease again = cache.lease(key(1)).orElseThrow()) {
                assertSame(cred, again.cred());
            }
            assertTrue(cache.lease(key(2)).isEmpty());
            assertTrue(cache.lease(new CredCache.Key(key16((byte) 1),
                    Binding.of("http", ServerRealm.OTHER_UID))).isEmpty(), "another caller's binding never hits");
            assertFalse(cred.isClosed());
            assertEquals(1, cache.size());
        }
    }

    @Test
    void evictionReleasesACredentialOnlyOnceItsLastLeaseEnds() {
        try (CredCache cache = new CredCache(1)) {
            GssCred first = acceptor();
            CredCache.Lease inUse = cache.put(key(1), first, CURRENT);
            GssCred second = acceptor();
            cache.put(key(2), second, CURRENT).close();
            assertTrue(cache.lease(key(1)).isEmpty(), "evicted");
            assertFalse(first.isClosed(), "still leased by a call");
            inUse.close();
            assertTrue(first.isClosed());
            inUse.close(); // idempotent: must not end another lease's use
            cache.put(key(3), acceptor(), CURRENT).close();
            assertTrue(second.isClosed(), "evicted while unused: released at once");
        }
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        try (CredCache cache = new CredCache(2)) {
            GssCred one = acceptor();
            GssCred two = acceptor();
            cache.put(key(1), one, CURRENT).close();
            cache.put(key(2), two, CURRENT).close();
            cache.lease(key(1)).orElseThrow().close();
            cache.put(key(3), acceptor(), CURRENT).close();
            assertTrue(two.isClosed());
            assertFalse(one.isClosed());
            assertTrue(cache.lease(key(1)).isPresent());
        }
    }

    @Test
    void aCredentialCachedTwiceForOneKeyKeepsTheFirst() {
        try (CredCache cache = new CredCache(4)) {
            GssCred first = acceptor();
            GssCred late = acceptor();
            cache.put(key(1), first, CURRENT).close();
            try (CredCache.Lease lease = cache.put(key(1), late, CURRENT)) {
                assertSame(first, lease.cred());
            }
            assertTrue(late.isClosed());
            assertEquals(1, cache.size());
        }
    }

    @Test
    void closeReleasesIdleCredentialsAndLeasedOnesWhenTheirCallsEnd() {
        CredCache cache = new CredCache(4);
        GssCred idle = acceptor();
        GssCred leased = acceptor();
        cache.put(key(1), idle, CURRENT).close();
        CredCache.Lease lease = cache.put(key(2), leased, CURRENT);
        cache.close();
        assertTrue(idle.isClosed());
        assertFalse(leased.isClosed());
        lease.close();
        assertTrue(leased.isClosed());

        GssCred afterClose = acceptor();
        CredCache.Lease uncached = cache.put(key(3), afterClose, CURRENT);
        assertEquals(0, cache.size());
        uncached.close();
        assertTrue(afterClose.isClosed(), "a closed cache caches nothing; the lease owns the credential");
    }

    @Test
    void capacityZeroCachesNothing() {
        try (CredCache cache = new CredCache(0)) {
            GssCred cred = acceptor();
            try (CredCache.Lease lease = cache.put(key(1), cred, CURRENT)) {
                assertSame(cred, lease.cred());
                assertTrue(cache.lease(key(1)).isEmpty());
            }
            assertTrue(cred.isClosed());
        }
    }

    /** A cache key whose 16 bytes are all {@code b}. */
    private static HandleCacheKey key16(byte b) {
        byte[] bytes = new byte[HandleCacheKey.BYTES];
        java.util.Arrays.fill(bytes, b);
        return new HandleCacheKey(bytes);
    }
}
