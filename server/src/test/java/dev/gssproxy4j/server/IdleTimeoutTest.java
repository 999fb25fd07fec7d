package dev.gssproxy4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.server.transport.Transport;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IdleTimeoutTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aRequestRestartsTheClockAndARunningOneHoldsItAtAnyTime() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (IdleTimeout idle = new IdleTimeout(Duration.ofSeconds(10))) {
            Transport.RecordHandler slow = idle.watching((request, origin) -> {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Transport.Drop("done");
            });
            Thread call = Thread.ofVirtual().start(() -> slow.handle(new byte[0], null));
            assertTrue(inCall.await(10, TimeUnit.SECONDS));
            assertEquals(Duration.ofSeconds(10).toNanos(), idle.remainingNanos(System.nanoTime() + HOUR),
                    "an hour later the call still runs: a full timeout is left");
            release.countDown();
            call.join();
            long ended = System.nanoTime();
            assertTrue(idle.remainingNanos(ended) > 0, "the clock restarted when the call ended");
            assertTrue(idle.remainingNanos(ended + HOUR) <= 0, "idle long enough an hour later");
        }
    }

    @Test
    void runsTheActionOnceIdle() throws Exception {
        CountDownLatch idled = new CountDownLatch(1);
        try (IdleTimeout idle = new IdleTimeout(Duration.ofMillis(1))) {
            idle.start(idled::countDown);
            assertTrue(idled.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdleTimeout(Duration.ZERO));
    }
}
