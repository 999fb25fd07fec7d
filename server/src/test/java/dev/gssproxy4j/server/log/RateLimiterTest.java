package dev.gssproxy4j.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token buckets per (key, uid) on an injected monotonic clock: no sleeps. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final RateLimiter.Settings SMALL = new RateLimiter.Settings(3, Duration.ofSeconds(10), 4);

    @Test
    void aBurstGetsThroughThenOneLinePerRefillWithTheSuppressedCountFirst() {
        RateLimiter limiter = new RateLimiter(SMALL, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(new RateLimiter.Verdict(true, List.of()), limiter.admit("k", 1000, i));
        }
        for (int i = 0; i < 100; i++) {
            assertFalse(limiter.admit("k", 1000, 5 * SECOND).print());
        }
        assertFalse(limiter.admit("k", 1000, 10 * SECOND - 1).print(), "not yet refilled");
        RateLimiter.Verdict next = limiter.admit("k", 1000, 10 * SECOND);
        assertTrue(next.print());
        assertEquals(List.of(new RateLimiter.Summary("k", 1000, 101)), next.before());
        assertEquals("suppressed 101 similar messages from uid 1000 (k)", next.before().getFirst().text());
        assertFalse(limiter.admit("k", 1000, 11 * SECOND).print(), "one token per refill interval");
    }

    @Test
    void bucketsAreSeparatePerKeyAndPerUid() {
        RateLimiter limiter = new RateLimiter(SMALL, 0);
        for (int i = 0; i < 10; i++) {
            limiter.admit("flood", 1000, 0);
        }
        assertTrue(limiter.admit("flood", 1001, 0).print(), "another uid is not silenced by uid 1000");
        assertTrue(limiter.admit("other", 1000, 0).print(), "another kind of message from the same uid");
        assertEquals("suppressed 1 similar message from an unidentified peer (x)",
                new RateLimiter.Summary("x", RateLimiter.UNKNOWN_UID, 1).text());
    }

    @Test
    void quietSendersGetTheirSummaryFromASweepOncePerInterval() {
        RateLimiter limiter = new RateLimiter(SMALL, 0);
        for (int i = 0; i < 8; i++) {
            limiter.admit("k", 7, 0);
        }
        assertEquals(List.of(), limiter.due(9 * SECOND), "sweeps at most once per refill interval");
        assertEquals(List.of(new RateLimiter.Summary("k", 7, 5)), limiter.due(10 * SECOND));
        assertEquals(List.of(), limiter.due(20 * SECOND), "reported once");
    }

    @Test
    void theTableStaysBoundedAndManyUidsShareABucketInsteadOfEachGettingABurst() {
        RateLimiter limiter = new RateLimiter(SMALL, 0);
        int printed = 0;
        for (int uid = 0; uid < 100_000; uid++) {
            printed += limiter.admit("No matching service found", uid, 0).print() ? 1 : 0;
        }
        assertEquals(4 + 1, limiter.size(), "the table plus one shared bucket for the key");
        assertEquals(4 + 3, printed, "one line per tracked uid, then one burst for all the others");
        // every tracked bucket is in use, so no uid got a fresh one by evicting another
        List<RateLimiter.Summary> later = limiter.due(10 * SECOND);
        assertEquals(List.of(new RateLimiter.Summary("No matching service found", RateLimiter.SHARED_UID,
                100_000 - 7)), later);
    }

    @Test
    void onlyARefilledBucketIsEvictedAndItsCountIsReportedThen() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Settings(1, Duration.ofSeconds(1), 1), 0);
        assertTrue(limiter.admit("k", 1, 0).print());
        assertFalse(limiter.admit("k", 1, 0).print());
        assertTrue(limiter.admit("k", 2, 0).print(), "uid 1's bucket is in use: uid 2 gets the shared one");
        RateLimiter.Verdict afterRefill = limiter.admit("k", 3, SECOND);
        assertTrue(afterRefill.print(), "uid 1's bucket refilled and was evicted for uid 3");
        assertEquals(List.of(new RateLimiter.Summary("k", 1, 1)), afterRefill.before());
    }

    @Test
    void sharedBucketsAreBoundedToo() {
        RateLimiter limiter = new RateLimiter(new RateLimiter.Settings(1, Duration.ofSeconds(1), 1), 0);
        limiter.admit("first", 1, 0);
        for (int k = 0; k < 1000; k++) {
            limiter.admit("key " + k, 2, 0);
        }
        assertEquals(1 + RateLimiter.SHARED_KEYS, limiter.size());
        assertTrue(limiter.due(SECOND).contains(new RateLimiter.Summary("any message", RateLimiter.SHARED_UID,
                1000 - RateLimiter.SHARED_KEYS)));
    }
}
