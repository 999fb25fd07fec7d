package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.bench.ProcFs;
import java.util.function.LongSupplier;

/**
 * Samples the daemon's resident memory ({@code VmRSS} of {@code /proc/PID/status}) once a second, keeps the
 * maximum and reports the first sample of each daemon process above the limit: a leak per call shows up as RSS
 * that grows with the call count, long before the process is killed for it.
 */
final class RssSampler implements AutoCloseable {

    /** Told about each sample, with the daemon's pid and its RSS in kB. */
    interface Listener {
        void sampled(long pid, long rssKb, boolean overLimit);
    }

    private final Thread thread;
    private volatile long maxKb;
    private volatile boolean closed;

    RssSampler(LongSupplier pid, long limitKb, Listener listener) {
        this.thread = Thread.ofPlatform().daemon(true).name("fuzz-rss-sampler").start(() -> {
            long reportedPid = -1;
            while (!closed) {
                long current = pid.getAsLong();
                long rss;
                try {
                    rss = ProcFs.memory(current).rssKb();
                } catch (RuntimeException e) {
                    rss = -1; // the daemon is between processes (crashed or restarting): no sample this second
                }
                if (rss >= 0) {
                    maxKb = Math.max(maxKb, rss);
                    boolean over = rss > limitKb && reportedPid != current;
                    if (over) {
                        reportedPid = current;
                    }
                    listener.sampled(current, rss, over);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    long maxKb() {
        return maxKb;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
