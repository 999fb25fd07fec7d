package dev.gssproxy4j.server.fair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A request runs on the thread that read it, under one fair permit. */
class GssCallsTest {

    private static final GssCalls.Share USER = new GssCalls.Share(1000, false);

    @Test
    void theRequestRunsOnTheCallersOwnThread() throws InterruptedException {
        GssCalls calls = new GssCalls(2, 4);
        assertSame(Thread.currentThread(), calls.runRequest(USER, Thread::currentThread));
    }

    @Test
    void requestsBeyondThePermitsAndTheQueueAreRefused() throws Exception {
        GssCalls calls = new GssCalls(1, 0);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                holder.complete(calls.runRequest(USER, () -> {
                    running.countDown();
                    release.await();
                    return "done";
                }));
            } catch (Exception e) {
                holder.completeExceptionally(e);
            }
        });
        running.await();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> calls.runRequest(USER, () -> "x"));
        assertTrue(e.getMessage().contains("worker threads"), e.getMessage());
        release.countDown();
        assertEquals("done", holder.get());
        assertEquals("after", calls.runRequest(USER, () -> "after"), "the permit came back");
    }

    @Test
    void aWaitingRequestGetsThePermitBeforeTheConnectionThatJustGaveItBack() throws Exception {
        GssCalls calls = new GssCalls(1, 4);
        // many rounds: once the code is compiled, a caller that barged in would win the race for the permit
        for (int round = 0; round < 300; round++) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofPlatform().start(() -> {
                try {
                    calls.runRequest(USER, () -> {
                        holding.countDown();
                        release.await();
                        return null;
                    });
                    calls.runRequest(USER, () -> order.add("first again")); // as a connection's next request would
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holding.await();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    calls.runRequest(USER, () -> order.add("waiter"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (calls.waiting() == 0) {
                Thread.onSpinWait(); // until the waiter is queued for the permit
            }
            release.countDown();
            first.join();
            waiter.join();
            assertEquals(List.of("waiter", "first again"), order, "round " + round);
        }
    }

    @Test
    void aFailingRequestsExceptionPassesAndItsPermitComesBack() throws InterruptedException {
        GssCalls calls = new GssCalls(1, 0);
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> calls.runRequest(USER, () -> {
            throw unchecked;
        })));
        assertEquals("after", calls.runRequest(USER, () -> "after"), "a failed request gives its permit back");
    }
}
