package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleCacheKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptor credential cache with real MIT credentials: leases, LRU eviction, release only when unused. */
class CredCacheTest {

    static final Binding BINDING = Binding.of("http", KdcFixture.SERVICE_UID);
    static KdcFixture kdc;

    @BeforeAll
    static void realm() {
        kdc = new KdcFixture();
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
        return new CredCache.Key(HandleCacheKey.of(new byte[] {(byte) n}), BINDING);
    }

    @Test
    void aCachedCredentialIsLeasedAgainUnderItsKeyOnly() {
        try (CredCache cache = new CredCache(4)) {
            GssCred cred = acceptor();
            cache.put(key(1), cred).close();
            try (CredCache.Lease again = cache.lease(key(1)).orElseThrow()) {
                assertSame(cred, again.cred());
            }
            assertTrue(cache.lease(key(2)).isEmpty());
            assertTrue(cache.lease(new CredCache.Key(HandleCacheKey.of(new byte[] {1}),
                    Binding.of("http", KdcFixture.OTHER_UID))).isEmpty(), "another caller's binding never hits");
            assertFalse(cred.isClosed());
            assertEquals(1, cache.size());
        }
    }

    @Test
    void evictionReleasesACredentialOnlyOnceItsLastLeaseEnds() {
        try (CredCache cache = new CredCache(1)) {
            GssCred first = acceptor();
            CredCache.Lease inUse = cache.put(key(1), first);
            GssCred second = acceptor();
            cache.put(key(2), second).close();
            assertTrue(cache.lease(key(1)).isEmpty(), "evicted");
            assertFalse(first.isClosed(), "still leased by a call");
            inUse.close();
            assertTrue(first.isClosed());
            inUse.close(); // idempotent: must not end another lease's use
            cache.put(key(3), acceptor()).close();
            assertTrue(second.isClosed(), "evicted while unused: released at once");
        }
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        try (CredCache cache = new CredCache(2)) {
            GssCred one = acceptor();
            GssCred two = acceptor();
            cache.put(key(1), one).close();
            cache.put(key(2), two).close();
            cache.lease(key(1)).orElseThrow().close();
            cache.put(key(3), acceptor()).close();
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
            cache.put(key(1), first).close();
            try (CredCache.Lease lease = cache.put(key(1), late)) {
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
        cache.put(key(1), idle).close();
        CredCache.Lease lease = cache.put(key(2), leased);
        cache.close();
        assertTrue(idle.isClosed());
        assertFalse(leased.isClosed());
        lease.close();
        assertTrue(leased.isClosed());

        GssCred afterClose = acceptor();
        CredCache.Lease uncached = cache.put(key(3), afterClose);
        assertEquals(0, cache.size());
        uncached.close();
        assertTrue(afterClose.isClosed(), "a closed cache caches nothing; the lease owns the credential");
    }

    @Test
    void capacityZeroCachesNothing() {
        try (CredCache cache = new CredCache(0)) {
            GssCred cred = acceptor();
            try (CredCache.Lease lease = cache.put(key(1), cred)) {
                assertSame(cred, lease.cred());
                assertTrue(cache.lease(key(1)).isEmpty());
            }
            assertTrue(cred.isClosed());
        }
    }
}
