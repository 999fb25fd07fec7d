package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GssExecutorTest {

    @Test
    void aVirtualThreadHandsTheCallToAPlatformThread() throws Exception {
        try (GssExecutor executor = new GssExecutor("gss-test", 2, 4)) {
            String[] seen = new String[1];
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    seen[0] = executor.call(() -> Thread.currentThread().isVirtual() + ":"
                            + Thread.currentThread().getName());
                } catch (InterruptedException e) {
                    seen[0] = "interrupted";
                }
            });
            caller.join();
            assertTrue(seen[0].startsWith("false:gss-test-"), seen[0]);
        }
    }

    @Test
    void uncheckedExceptionsPropagateUnchangedCheckedOnesWrapped() throws Exception {
        try (GssExecutor executor = new GssExecutor("gss-test", 1, 1)) {
            GssException gss = new GssException("gss_test", GssStatus.complete());
            assertSame(gss, assertThrows(GssException.class, () -> executor.call(() -> {
                throw gss;
            })));
            CompletionException wrapped = assertThrows(CompletionException.class, () -> executor.call(() -> {
                throw new IOException("disk");
            }));
            assertEquals("disk", wrapped.getCause().getMessage());
        }
    }

    @Test
    void rejectsWhenThreadsAndQueueAreFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (GssExecutor executor = new GssExecutor("gss-test", 1, 1)) {
            CompletableFuture<Object> running = executor.submit(() -> {
                started.countDown();
                release.await();
                return "a";
            });
            started.await();
            CompletableFuture<Object> queued = executor.submit(() -> "b");
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                    () -> executor.call(() -> "c"));
            assertTrue(e.getMessage().contains("saturated: all 1 threads busy and 1 calls queued"), e.getMessage());
            release.countDown();
            assertEquals("a", running.get());
            assertEquals("b", queued.get());
        }
    }

    @Test
    void rejectsAfterClose() {
        GssExecutor executor = new GssExecutor("gss-test", 1, 0);
        executor.close();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> executor.call(() -> 1));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void anInterruptedCallerDoesNotLeakACloseableResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        CountDownLatch closedLatch = new CountDownLatch(1);
        AutoCloseable resource = () -> {
            closed.set(true);
            closedLatch.countDown();
        };
        List<Throwable> outcome = new ArrayList<>();
        try (GssExecutor executor = new GssExecutor("gss-test", 1, 0)) {
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    executor.call(() -> {
                        started.countDown();
                        release.await();
                        return resource;
                    });
                } catch (InterruptedException e) {
                    outcome.add(e);
                }
            });
            started.await();
            caller.interrupt();
            caller.join();
            release.countDown();
            closedLatch.await();
        }
        assertEquals(1, outcome.size());
        assertTrue(closed.get());
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThrows(IllegalArgumentException.class, () -> new GssExecutor("x", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GssExecutor("x", 1, -1));
    }
}
