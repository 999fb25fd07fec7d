package dev.gssproxy4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssExecutor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where GSS calls run: inline on platform threads within the permits, on the executor for virtual threads. */
class GssCallsTest {

    final GssExecutor executor = new GssExecutor("gss-calls-test", 1, 4);

    @AfterEach
    void stop() {
        executor.close();
    }

    @Test
    void aPlatformThreadRunsTheCallItself() throws InterruptedException {
        GssCalls calls = new GssCalls(executor, 2, 4);
        assertSame(Thread.currentThread(), calls.call(Thread::currentThread));
    }

    @Test
    void aVirtualThreadHandsTheCallToTheExecutor() throws Exception {
        GssCalls calls = new GssCalls(executor, 2, 4);
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Thread> runner = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            caller.set(Thread.currentThread());
            try {
                runner.set(calls.call(Thread::currentThread));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).join();
        assertNotSame(caller.get(), runner.get());
        assertFalse(runner.get().isVirtual(), "native code must not pin a carrier");
        assertTrue(runner.get().getName().startsWith("gss-calls-test"), runner.get().getName());
    }

    @Test
    void aCallInsideACallNeedsNoSecondPermit() throws InterruptedException {
        GssCalls calls = new GssCalls(executor, 1, 0);
        assertEquals("inner", calls.call(() -> calls.call(() -> "inner")));
        AtomicReference<String> fromVirtual = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                fromVirtual.set(calls.call(() -> calls.call(() -> "inner on the executor")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).join();
        assertEquals("inner on the executor", fromVirtual.get(), "the executor's single thread must not wait for"
                + " itself");
    }

    @Test
    void callsBeyondThePermitsAndTheQueueAreRefused() throws Exception {
        GssCalls calls = new GssCalls(executor, 1, 0);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                holder.complete(calls.call(() -> {
                    running.countDown();
                    release.await();
                    return "done";
                }));
            } catch (Exception e) {
                holder.completeExceptionally(e);
            }
        });
        running.await();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> calls.call(() -> "x"));
        assertTrue(e.getMessage().contains("worker threads"), e.getMessage());
        release.countDown();
        assertEquals("done", holder.get());
        assertEquals("after", calls.call(() -> "after"), "the permit came back");
    }

    @Test
    void aWaitingCallerGetsThePermitBeforeTheCallerThatJustGaveItBack() throws Exception {
        GssCalls calls = new GssCalls(executor, 1, 4);
        // many rounds: once the code is compiled, a caller that barged in would win the race for the permit
        for (int round = 0; round < 300; round++) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofPlatform().start(() -> {
                try {
                    calls.call(() -> {
                        holding.countDown();
                        release.await();
                        return null;
                    });
                    calls.call(() -> order.add("first again")); // as a connection's next request would
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holding.await();
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    calls.call(() -> order.add("waiter"));
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
    void uncheckedExceptionsPassAndCheckedOnesAreWrapped() throws InterruptedException {
        GssCalls calls = new GssCalls(executor, 1, 0);
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> calls.call(() -> {
            throw unchecked;
        })));
        CompletionException wrapped = assertThrows(CompletionException.class, () -> calls.call(() -> {
            throw new IOException("checked");
        }));
        assertInstanceOf(IOException.class, wrapped.getCause());
        assertEquals("after", calls.call(() -> "after"), "a failed call gives its permit back");
    }
}
