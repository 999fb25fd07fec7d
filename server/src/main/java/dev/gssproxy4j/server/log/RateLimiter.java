package dev.gssproxy4j.server.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Token buckets for error lines that callers can trigger: one bucket per (message key, caller uid), so that one
 * local user who repeats a refused request cannot fill the disk or bury other users' messages, while every user's
 * first failures are still printed. Upstream logs none of these (it drops such callers silently), so a limited log
 * is still more than an admin got before.
 * <p>
 * Memory is bounded: at most {@link Settings#tableSize()} (key, uid) buckets, least recently used first out, but
 * only a bucket that is full again (it carries no state a fresh one would not) is ever evicted. When every bucket
 * is still in use, a uid without one shares a bucket per key with all other such uids ({@link #SHARED_UID}), of
 * which there are at most {@link #SHARED_KEYS}; past that, lines are dropped and counted. So a caller with many uids
 * (a user namespace maps 65536) gets no fresh burst per uid, and the limiter itself cannot be used to grow memory.
 * <p>
 * Suppressed lines are counted and reported as a {@link Summary}: before the next line of the same bucket that gets
 * through, or by {@link #due} once the bucket has refilled, i.e. when its sender has been quiet. Not thread-safe on its
 * own: {@link DaemonLog} calls it under its lock.
 */
public final class RateLimiter {

    /** The uid of a line whose sender is not known (e.g. a connection refused before its credentials are read). */
    public static final int UNKNOWN_UID = -1;
    /** The bucket shared, per key, by uids that found the table full. */
    public static final int SHARED_UID = -2;
    /** Keys with a shared bucket at most; keys are constants in the code, so this is never reached in practice. */
    static final int SHARED_KEYS = 64;

    /**
     * How much gets through.
     *
     * @param burst     lines per (key, uid) printed at once before limiting starts
     * @param refill    time for one more line to be allowed
     * @param tableSize (key, uid) buckets kept
     */
    public record Settings(int burst, Duration refill, int tableSize) {

        /**
         * Ten lines at once, then one per ten seconds per key and uid: enough to see what a misconfigured client
         * does, at most about 200 bytes every ten seconds per key from each user who repeats it. 1024 buckets cover
         * every uid that legitimately talks to a daemon; only a caller with more uids reaches the shared buckets.
         */
        public static final Settings DEFAULTS = new Settings(10, Duration.ofSeconds(10), 1024);

        public Settings {
            Objects.requireNonNull(refill, "refill");
            if (burst < 1 || refill.isNegative() || refill.isZero() || tableSize < 1) {
                throw new IllegalArgumentException("burst, refill and table size must be positive");
            }
        }
    }

    /** Lines of one key and uid that were not printed. */
    public record Summary(String key, int uid, long suppressed) {

        /** {@code suppressed 37 similar messages from uid 1000 (No matching service found)}. */
        public String text() {
            return "suppressed " + suppressed + " similar message" + (suppressed == 1 ? "" : "s") + " from "
                    + sender(uid) + " (" + key + ")";
        }

        private static String sender(int uid) {
            return switch (uid) {
                case UNKNOWN_UID -> "an unidentified peer";
                case SHARED_UID -> "uids beyond the limiter's table";
                default -> "uid " + Integer.toUnsignedString(uid);
            };
        }
    }

    /**
     * What to do with one line.
     *
     * @param print  whether to print it
     * @param before summaries to print first (the bucket's own suppressed lines, or those of a bucket evicted for it)
     */
    public record Verdict(boolean print, List<Summary> before) {}

    private record Id(String key, int uid) {}

    private static final class Bucket {
        final String key;
        final int uid;
        long tokens;
        long refilledAt;
        long suppressed;

        Bucket(String key, int uid, long tokens, long now) {
            this.key = key;
            this.uid = uid;
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** Reports and resets the suppressed count. */
        void report(List<Summary> out) {
            if (suppressed > 0) {
                out.add(new Summary(key, uid, suppressed));
                suppressed = 0;
            }
        }
    }

    private final Settings settings;
    private final long refillNanos;
    private final LinkedHashMap<Id, Bucket> table = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Bucket> shared = new LinkedHashMap<>();
    private long dropped;
    private long lastSweep;

    public RateLimiter(Settings settings, long nowNanos) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.refillNanos = settings.refill().toNanos();
        this.lastSweep = nowNanos;
    }

    /** Takes a token for one line of {@code key} from {@code uid} at {@code now} (monotonic nanoseconds). */
    public Verdict admit(String key, int uid, long now) {
        List<Summary> before = new ArrayList<>(1);
        Bucket bucket = bucket(new Id(key, uid), now, before);
        if (bucket == null) {
            dropped++;
            return new Verdict(false, before);
        }
        refill(bucket, now);
        if (bucket.tokens == 0) {
            bucket.suppressed++;
            return new Verdict(false, before);
        }
        bucket.tokens--;
        bucket.report(before);
        return new Verdict(true, before);
    }

    /**
     * Summaries of buckets whose senders have gone quiet (the bucket could print again), at most once per refill
     * interval so that callers may ask on every line; each is reported once.
     */
    public List<Summary> due(long now) {
        if (now - lastSweep < refillNanos) {
            return List.of();
        }
        lastSweep = now;
        List<Summary> out = new ArrayList<>();
        for (Bucket b : table.values()) {
            if (available(b, now) > 0) {
                b.report(out);
            }
        }
        for (Bucket b : shared.values()) {
            if (available(b, now) > 0) {
                b.report(out);
            }
        }
        if (dropped > 0) {
            out.add(new Summary("any message", SHARED_UID, dropped));
            dropped = 0;
        }
        return out;
    }

    /** Buckets held (for tests: the table must stay bounded). */
    public int size() {
        return table.size() + shared.size();
    }

    /** The bucket for {@code id}, created if there is room; null if the line must be dropped uncounted by a bucket. */
    private Bucket bucket(Id id, long now, List<Summary> evictedSummaries) {
        Bucket own = table.get(id);
        if (own != null) {
            return own;
        }
        if (table.size() >= settings.tableSize()) {
            Iterator<Map.Entry<Id, Bucket>> eldest = table.entrySet().iterator();
            Map.Entry<Id, Bucket> e = eldest.next();
            if (available(e.getValue(), now) < settings.burst()) {
                return sharedBucket(id.key(), now);
            }
            e.getValue().report(evictedSummaries);
            eldest.remove();
        }
        Bucket fresh = new Bucket(id.key(), id.uid(), settings.burst(), now);
        table.put(id, fresh);
        return fresh;
    }

    private Bucket sharedBucket(String key, long now) {
        Bucket b = shared.get(key);
        if (b == null && shared.size() < SHARED_KEYS) {
            b = new Bucket(key, SHARED_UID, settings.burst(), now);
            shared.put(key, b);
        }
        return b;
    }

    /** Tokens {@code b} would hold at {@code now}. */
    private long available(Bucket b, long now) {
        long elapsed = Math.max(0, now - b.refilledAt);
        return Math.min(settings.burst(), b.tokens + elapsed / refillNanos);
    }

    private void refill(Bucket b, long now) {
        long earned = Math.max(0, now - b.refilledAt) / refillNanos;
        if (earned == 0) {
            return;
        }
        if (b.tokens + earned >= settings.burst()) {
            b.tokens = settings.burst();
            b.refilledAt = now;
        } else {
            b.tokens += earned;
            b.refilledAt += earned * refillNanos;
        }
    }
}
