package dev.gssproxy4j.server.transport;

/**
 * Who may read one connection, and how many of its calls run: the state of a connection that several threads
 * change. Every change happens here, under this object's lock, and returns what the caller must do next; the caller
 * acts (offers the connection to the ready queue, hands it to the park, closes it) after the lock is released, so
 * no other lock is ever taken while this one is held.
 *
 * <h2>The read role</h2>
 * Exactly one party holds the right to read the socket and to touch the connection's record assembler and leftover
 * bytes (the read side); {@link Reader} names where the role is. A worker holds it from {@link #take} (or from an
 * {@link #endCall} that returns {@link AfterCall#READ}) until it gives it away with {@link #beginCall},
 * {@link #park}, {@link #requeue} or {@link #endOfStream}; each of these hands the read side over through this lock,
 * so what one reader wrote is visible to the next. While the role is {@link Reader#NOBODY}, {@link Reader#FULL},
 * {@link Reader#PARKED} or {@link Reader#DRAINING}, no thread touches the read side, and {@link #close} hands it to
 * the closing thread to give back; while a worker holds it or it waits in the ready queue, that worker (or the one
 * that takes it) gives it back when its next step here reports the connection closed. So the read side is given
 * back exactly once, by a thread that owns it.
 *
 * <h2>Calls in flight</h2>
 * A reader that completes a record starts a call ({@link #beginCall}) and runs it itself, without the role: the
 * role goes to the ready queue if the next record's bytes are already here (another worker reads on at once), to
 * nobody otherwise (the park starts watching the socket should the call last, {@link #watch}), and to nobody at all
 * once {@code maxCalls} calls run ({@link Reader#FULL}: the next record stays unread, in the socket or in the
 * leftover bytes, until a call ends). The worker whose call ends takes the role back if nobody holds it, so a
 * client that sends one call at a time keeps being served by one worker, exactly as without pipelining. Replies
 * go out as calls end, in any order (RFC 5531 section 9: the xid pairs them); {@link ReplyWriter} keeps each reply
 * whole.
 *
 * <h2>The ready queue holds a connection at most once</h2>
 * The connection is offered to the ready queue only on a change to {@link Reader#QUEUED} (from a reader, or from
 * {@link Reader#PARKED} by the park), and leaves that state only when a worker takes it from the queue.
 */
final class Pipeline {

    /** Where the read role is. */
    enum Reader {
        /** A worker reads. */
        WORKER,
        /** In the ready queue: the worker that takes the connection reads next. */
        QUEUED,
        /** The idle park watches the socket; when bytes come it changes this to {@link #QUEUED}. */
        PARKED,
        /** Calls run below the bound and nobody reads yet; the park may start watching ({@link #watch}). */
        NOBODY,
        /** {@code maxCalls} calls run: nobody reads until one ends. */
        FULL,
        /** The peer ended its stream while calls ran: they are answered, then the connection closes. */
        DRAINING,
        /** Closed, and the read side given back. */
        RELEASED
    }

    /** What a reader does once it has started a call ({@link #beginCall}). */
    enum Handoff {
        /** Offer the connection to the ready queue: the next record's bytes are here, another worker reads on. */
        QUEUE,
        /** Ask the park to watch the connection (it is not on the park's watch list yet). */
        WATCH,
        /** Nothing: the park watches already, or the bound is reached. */
        NONE,
        /** The connection was closed meanwhile: do not run the call; the reader still owns the read side. */
        CLOSED
    }

    /** What a worker does once its call is answered ({@link #endCall}). */
    enum AfterCall {
        /** Read on: the worker holds the read role again. */
        READ,
        /** Nothing more: the role is elsewhere, or the connection is closed. */
        LEAVE,
        /** The peer's stream has ended and this was the last call: the worker holds the role and closes. */
        CLOSE
    }

    /** What the park does with a connection on its watch list ({@link #watch}). */
    enum Watch {
        /** Watch the socket for the next record: the role is now {@link Reader#PARKED}. */
        ARM,
        /** Look again at the next tick: the call has not run long enough yet. */
        LATER,
        /** Take it off the list: someone reads, or it is full or closed. */
        DROP
    }

    private final int maxCalls;
    private Reader reader = Reader.QUEUED;
    private int calls;
    private boolean closed;
    /** On the park's watch list ({@link Handoff#WATCH} was returned and {@link Watch#DROP} not yet). */
    private boolean watchListed;
    private long unreadSince;

    /** A new connection, about to be offered to the ready queue. */
    Pipeline(int maxCalls) {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("a connection must be allowed at least one call, got " + maxCalls);
        }
        this.maxCalls = maxCalls;
    }

    /** A worker took the connection from the ready queue and reads; false if it is closed (give back the side). */
    synchronized boolean take() {
        expect(Reader.QUEUED);
        reader = Reader.WORKER;
        return !closed;
    }

    /**
     * The reader completed a record and runs its call without the role.
     *
     * @param bytesWaiting whether bytes of the next record are already read (kept as leftover)
     * @param now          {@link System#nanoTime()}, from when the park may start watching
     */
    synchronized Handoff beginCall(boolean bytesWaiting, long now) {
        expect(Reader.WORKER);
        if (closed) {
            return Handoff.CLOSED;
        }
        calls++;
        if (calls >= maxCalls) {
            reader = Reader.FULL;
            return Handoff.NONE;
        }
        if (bytesWaiting) {
            reader = Reader.QUEUED;
            return Handoff.QUEUE;
        }
        reader = Reader.NOBODY;
        unreadSince = now;
        if (watchListed) {
            return Handoff.NONE;
        }
        watchListed = true;
        return Handoff.WATCH;
    }

    /** A call has been answered (or given up on). */
    synchronized AfterCall endCall() {
        if (calls <= 0) {
            throw new IllegalStateException("a call ended that never began");
        }
        calls--;
        if (closed) {
            return AfterCall.LEAVE;
        }
        return switch (reader) {
            case NOBODY, FULL, PARKED -> {
                reader = Reader.WORKER; // a park key left watching is harmless: its wake-up finds the role taken
                yield AfterCall.READ;
            }
            case DRAINING -> {
                if (calls > 0) {
                    yield AfterCall.LEAVE;
                }
                reader = Reader.WORKER;
                yield AfterCall.CLOSE;
            }
            case WORKER, QUEUED, RELEASED -> AfterCall.LEAVE;
        };
    }

    /** The reader found nothing to read and hands the role to the park; false if closed. */
    synchronized boolean park() {
        expect(Reader.WORKER);
        if (closed) {
            return false;
        }
        reader = Reader.PARKED;
        return true;
    }

    /** The reader yields its turn with bytes still to read, back to the ready queue; false if closed. */
    synchronized boolean requeue() {
        expect(Reader.WORKER);
        if (closed) {
            return false;
        }
        reader = Reader.QUEUED;
        return true;
    }

    /**
     * The reader read end-of-file. True: no call runs, close now (the reader keeps the role to do it). False: the
     * calls in flight are answered first, and the last one's worker closes ({@link AfterCall#CLOSE}).
     */
    synchronized boolean endOfStream() {
        expect(Reader.WORKER);
        if (closed || calls == 0) {
            return true;
        }
        reader = Reader.DRAINING;
        return false;
    }

    /** Bytes came while parked: true if the park should offer the connection to the ready queue. */
    synchronized boolean wakeFromPark() {
        if (closed || reader != Reader.PARKED) {
            return false;
        }
        reader = Reader.QUEUED;
        return true;
    }

    /**
     * The park's look at a connection on its watch list: a call that has run for {@code delayNanos} without anybody
     * reading gets the park to watch the socket for the next record.
     */
    synchronized Watch watch(long now, long delayNanos) {
        if (closed || reader != Reader.NOBODY) {
            watchListed = false;
            return Watch.DROP;
        }
        if (now - unreadSince < delayNanos) {
            return Watch.LATER;
        }
        watchListed = false;
        reader = Reader.PARKED;
        return Watch.ARM;
    }

    /**
     * Marks the connection closed (once). True if the caller now owns the read side and must give it back: nobody
     * held the role. False if it was closed before, or a worker holds the role (or will take it from the queue)
     * and gives the side back itself when its next step here reports the connection closed.
     */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return switch (reader) {
            case NOBODY, FULL, PARKED, DRAINING -> {
                reader = Reader.RELEASED;
                yield true;
            }
            case WORKER, QUEUED, RELEASED -> false;
        };
    }

    /** The reader gave the read side back after it found the connection closed. */
    synchronized void released() {
        expect(Reader.WORKER);
        closed = true;
        reader = Reader.RELEASED;
    }

    /** Whether the park holds the role and no call runs: what the idle timeout may close. */
    synchronized boolean parkedIdle() {
        return reader == Reader.PARKED && calls == 0 && !closed;
    }

    /** Whether the park holds the role: what the read deadline applies to. */
    synchronized boolean parked() {
        return reader == Reader.PARKED && !closed;
    }

    synchronized Reader reader() {
        return reader;
    }

    synchronized int calls() {
        return calls;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void expect(Reader expected) {
        if (reader != expected) {
            throw new IllegalStateException("read role is " + reader + ", expected " + expected);
        }
    }
}
