package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    @Test
    void aShortDeadlineArmedAfterALongOneExpiresWithoutWaitingForIt() throws InterruptedException {
        CountDownLatch longFired = new CountDownLatch(1);
        CountDownLatch shortFired = new CountDownLatch(1);
        Watchdog.Deadline longOne = Watchdog.arm(Duration.ofHours(1), longFired::countDown);
        Watchdog.Deadline shortOne = Watchdog.arm(Duration.ofMillis(20), shortFired::countDown);

        assertTrue(shortFired.await(30, TimeUnit.SECONDS), "the timer slept on towards the hour-long deadline");
        assertTrue(shortOne.expired());
        assertFalse(shortOne.disarm(), "an expired deadline cannot be disarmed");
        assertTrue(longOne.disarm());
        assertFalse(longOne.expired());
        assertEquals(1, longFired.getCount());
    }

    @Test
    void aDisarmedDeadlineDoesNotRunWhileLaterOnesDo() throws InterruptedException {
        CountDownLatch disarmedFired = new CountDownLatch(1);
        Watchdog.Deadline disarmed = Watchdog.arm(Duration.ofMillis(10), disarmedFired::countDown);
        assertTrue(disarmed.disarm());
        CountDownLatch laterFired = new CountDownLatch(1);
        Watchdog.arm(Duration.ofMillis(40), laterFired::countDown);

        assertTrue(laterFired.await(30, TimeUnit.SECONDS));
        assertFalse(disarmed.expired());
        assertEquals(1, disarmedFired.getCount(), "the disarmed deadline's action ran");
    }

    @Test
    void theTimerWakesFromIdleForTheFirstDeadlineAfterAQuietSpell() throws InterruptedException {
        for (int round = 0; round < 3; round++) { // each round finds the timer idle: nothing else is armed
            CountDownLatch fired = new CountDownLatch(1);
            Watchdog.arm(Duration.ofMillis(5), fired::countDown);
            assertTrue(fired.await(30, TimeUnit.SECONDS), "round " + round);
        }
    }

    @Test
    void aFailingActionDoesNotStopTheTimer() throws InterruptedException {
        Watchdog.arm(Duration.ofMillis(1), () -> {
            throw new IllegalStateException("expected by the test");
        });
        CountDownLatch fired = new CountDownLatch(1);
        Watchdog.arm(Duration.ofMillis(20), fired::countDown);
        assertTrue(fired.await(30, TimeUnit.SECONDS));
    }

    @Test
    void anEnormousTimeoutNeverWrapsIntoAnExpiredOne() throws InterruptedException {
        CountDownLatch neverFired = new CountDownLatch(1);
        Watchdog.Deadline forever = Watchdog.arm(Duration.ofDays(365L * 1000), neverFired::countDown);
        CountDownLatch laterFired = new CountDownLatch(1);
        Watchdog.arm(Duration.ofMillis(20), laterFired::countDown); // the timer has looked at both by then

        assertTrue(laterFired.await(30, TimeUnit.SECONDS));
        assertFalse(forever.expired(), "a thousand-year deadline expired at once");
        assertTrue(forever.disarm());
        assertEquals(Long.MAX_VALUE / 4, Watchdog.boundedNanos(ChronoUnit.FOREVER.getDuration()));
    }
}
