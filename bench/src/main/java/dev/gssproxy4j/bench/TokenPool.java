package dev.gssproxy4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AP-REQs made before a run, so that the measured window spends no CPU on the initiator: generation would
 * otherwise compete with the daemon for the same cores. Each token is handed out once ({@link #take()}); when the
 * pool is empty the run ends early and says so. Generation runs on {@code threads} platform threads, each with its
 * own initiator session.
 */
public final class TokenPool {

    private final Token[] tokens;
    private final AtomicInteger next = new AtomicInteger();
    private final long generationNanos;

    private TokenPool(Token[] tokens, long generationNanos) {
        this.tokens = tokens;
        this.generationNanos = generationNanos;
    }

    /**
     * Makes {@code size} tokens with {@code threads} threads.
     *
     * @throws IllegalStateException naming the first failure if any token could not be made
     */
    public static TokenPool generate(Initiator initiator, int size, int threads) throws InterruptedException {
        Token[] tokens = new Token[size];
        AtomicInteger claimed = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.max(1, threads); t++) {
            workers.add(Thread.ofPlatform().name("token-gen-" + t).start(() -> {
                try (Initiator.Session session = initiator.open()) {
                    for (int i = claimed.getAndIncrement(); i < size && failures.isEmpty();
                         i = claimed.getAndIncrement()) {
                        tokens[i] = session.next(i);
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot make AP-REQs for " + initiator.service() + " from "
                    + initiator.ccache() + ": " + failures.getFirst().getMessage(), failures.getFirst());
        }
        return new TokenPool(tokens, System.nanoTime() - start);
    }

    /** The next unused token, or null once all are used. Thread-safe. */
    public Token take() {
        int i = next.getAndIncrement();
        return i < tokens.length ? tokens[i] : null;
    }

    public int size() {
        return tokens.length;
    }

    /** How many tokens were handed out (capped at the size). */
    public int used() {
        return Math.min(next.get(), tokens.length);
    }

    /** Wall time generation took. */
    public long generationNanos() {
        return generationNanos;
    }
}
