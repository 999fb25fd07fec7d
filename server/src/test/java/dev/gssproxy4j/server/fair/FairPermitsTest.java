package dev.gssproxy4j.server.fair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Permits shared between uids in turn, a reserve for privileged callers, and a per-uid queue limit. */
@Timeout(30)
class FairPermitsTest {

    private static final int A = 1000;
    private static final int B = 2000;

    @Test
    void aUidWithAQueueDelaysAnotherUidByOneTurnOnly() throws Exception {
        FairPermits permits = new FairPermits(1, 0, 16);
        assertFalse(permits.acquire(A, false));
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        for (String name : List.of("a1", "a2", "a3")) {
            threads.add(waiter(permits, A, name, order));
            awaitWaiting(permits, threads.size());
        }
        threads.add(waiter(permits, B, "b1", order));
        awaitWaiting(permits, 4);
        permits.release(false);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of("a1", "b1", "a2", "a3"), order, "b1 came after a3 but waited for one of A's turns");
    }

    @Test
    void privilegedCallersUseTheReserveWhenTheSharedPermitsAreTaken() throws Exception {
        FairPermits permits = new FairPermits(1, 1, 16);
        assertFalse(permits.acquire(A, false));
        assertTrue(permits.acquire(0, true), "root gets the reserved permit at once");
        permits.release(true);
        permits.release(false);
        assertEquals(0, permits.waiting());
    }

    @Test
    void oneUidsQueueIsBoundedAndOthersStillQueue() throws Exception {
        FairPermits permits = new FairPermits(1, 0, 1);
        assertFalse(permits.acquire(A, false));
        List<String> order = new CopyOnWriteArrayList<>();
        Thread a1 = waiter(permits, A, "a1", order);
        awaitWaiting(permits, 1);
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> permits.acquire(A, false));
        assertTrue(e.getMessage().contains("uid 1000"), e.getMessage());
        Thread b1 = waiter(permits, B, "b1", order);
        awaitWaiting(permits, 2);
        permits.release(false);
        a1.join();
        b1.join();
        assertEquals(List.of("a1", "b1"), order);
    }

    /** A thread that takes a permit for {@code uid}, notes {@code name}, and gives it back. */
    private static Thread waiter(FairPermits permits, int uid, String name, List<String> order) {
        return Thread.ofPlatform().start(() -> {
            try {
                boolean reserve = permits.acquire(uid, false);
                order.add(name);
                permits.release(reserve);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void awaitWaiting(FairPermits permits, int count) {
        while (permits.waiting() < count) {
            Thread.onSpinWait();
        }
    }
}
