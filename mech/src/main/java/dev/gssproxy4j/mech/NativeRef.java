package dev.gssproxy4j.mech;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Ownership of one native GSS handle ({@code gss_name_t}, {@code gss_cred_id_t}, {@code gss_ctx_id_t}) by one Java
 * object. Calls {@link #acquire()} the address for the duration of a native call and {@link #release()} it after;
 * {@link #close()} frees the handle once no call is using it, so a close racing a call (or the Cleaner racing a
 * call whose owner became unreachable mid-call) never frees memory the library is still reading.
 *
 * <p>State: bit 0 = closed, the remaining bits count the calls in flight (in steps of 2). The handle is freed by
 * whoever takes the state to exactly "closed, no users", which happens once.
 */
final class NativeRef {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LIVE = new AtomicLong();

    private final String kind;
    private final LongConsumer free;
    private final AtomicInteger state = new AtomicInteger();
    private final Cleaner.Cleanable cleanable;
    private volatile long address;

    /**
     * @param owner   the Java object whose unreachability frees the handle (safety net only)
     * @param kind    what the handle is, for error messages ("name", "credential", "context")
     * @param address the non-zero native address
     * @param free    releases an address (e.g. {@code gss_release_name}); never throws
     */
    NativeRef(Object owner, String kind, long address, LongConsumer free) {
        if (address == 0) {
            throw new IllegalArgumentException("null " + kind + " handle");
        }
        this.kind = kind;
        this.free = free;
        this.address = address;
        LIVE.incrementAndGet();
        this.cleanable = CLEANER.register(owner, this::markClosed);
    }

    /** Native handles owned by live (unclosed, uncollected) Java objects; for leak tests and metrics. */
    static long live() {
        return LIVE.get();
    }

    /** Pins the handle for one native call and returns its address; pair with {@link #release()}. */
    long acquire() {
        for (;;) {
            int s = state.get();
            if ((s & 1) != 0) {
                throw new IllegalStateException("this GSS " + kind + " is closed (released, exported or deleted)");
            }
            if (state.compareAndSet(s, s + 2)) {
                return address;
            }
        }
    }

    /** Ends a call started with {@link #acquire()}. */
    void release() {
        if (state.addAndGet(-2) == 1) {
            freeNow();
        }
    }

    /**
     * Records a new address written back by the library during a call (init/accept may create or delete a
     * context, export deletes it). Zero means the library deleted the handle: the reference becomes closed.
     * Only valid between acquire and release.
     */
    void update(long newAddress) {
        address = newAddress;
        if (newAddress == 0) {
            markClosed();
        }
    }

    boolean isClosed() {
        return (state.get() & 1) != 0;
    }

    /** Frees the handle now, or when the last call in flight ends. Idempotent. */
    void close() {
        cleanable.clean();
    }

    private void markClosed() {
        for (;;) {
            int s = state.get();
            if ((s & 1) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | 1)) {
                if (s == 0) {
                    freeNow();
                }
                return;
            }
        }
    }

    private void freeNow() {
        long a = address;
        address = 0;
        LIVE.decrementAndGet();
        if (a != 0) {
            free.accept(a);
        }
    }
}
