package dev.gssproxy4j.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.server.transport.Pipeline.AfterCall;
import dev.gssproxy4j.server.transport.Pipeline.Handoff;
import dev.gssproxy4j.server.transport.Pipeline.Reader;
import dev.gssproxy4j.server.transport.Pipeline.Watch;
import org.junit.jupiter.api.Test;

/** The read role and the calls in flight of one connection, step by step, without sockets or threads. */
class PipelineTest {

    private static final long DELAY = 5_000_000;

    /** A pipeline whose read role a worker has taken from the ready queue. */
    private static Pipeline read(int maxCalls) {
        Pipeline pipeline = new Pipeline(maxCalls);
        assertEquals(Reader.QUEUED, pipeline.reader(), "a new connection is offered to the ready queue");
        assertTrue(pipeline.take());
        return pipeline;
    }

    @Test
    void aClientCallingOneAtATimeKeepsItsWorker() {
        Pipeline pipeline = read(5);

        assertEquals(Handoff.WATCH, pipeline.beginCall(false, 0), "the park is asked to watch should the call last");
        assertEquals(Reader.NOBODY, pipeline.reader());
        assertEquals(AfterCall.READ, pipeline.endCall(), "the worker whose call ended reads on");
        assertEquals(Reader.WORKER, pipeline.reader());
        assertEquals(Handoff.NONE, pipeline.beginCall(false, 1), "still on the park's list: not added twice");
        assertEquals(AfterCall.READ, pipeline.endCall());
        assertEquals(Watch.DROP, pipeline.watch(2, DELAY), "the park drops it: a worker reads");
        assertEquals(Handoff.WATCH, pipeline.beginCall(false, 3), "off the list: asked again");
    }

    @Test
    void bytesOfTheNextCallHandTheReadRoleToTheReadyQueue() {
        Pipeline pipeline = read(5);

        assertEquals(Handoff.QUEUE, pipeline.beginCall(true, 0));
        assertEquals(Reader.QUEUED, pipeline.reader());
        assertTrue(pipeline.take(), "another worker reads the next call");
        assertEquals(Handoff.WATCH, pipeline.beginCall(false, 0));
        assertEquals(2, pipeline.calls());
        assertEquals(AfterCall.READ, pipeline.endCall(), "the first call to end takes the unheld role");
        assertEquals(AfterCall.LEAVE, pipeline.endCall(), "the second finds it held");
        assertEquals(0, pipeline.calls());
    }

    @Test
    void atTheBoundNobodyReadsUntilACallEnds() {
        Pipeline pipeline = read(2);

        assertEquals(Handoff.QUEUE, pipeline.beginCall(true, 0));
        assertTrue(pipeline.take());
        assertEquals(Handoff.NONE, pipeline.beginCall(true, 0), "the second call reaches the bound");
        assertEquals(Reader.FULL, pipeline.reader(), "the third call's bytes stay unread");
        assertEquals(Watch.DROP, pipeline.watch(DELAY * 10, DELAY), "the park does not read past the bound");
        assertFalse(pipeline.wakeFromPark());

        assertEquals(AfterCall.READ, pipeline.endCall(), "a call ended: its worker reads the waiting call");
        assertEquals(Reader.WORKER, pipeline.reader());
    }

    @Test
    void aBoundOfOneServesCallsOneAfterAnother() {
        Pipeline pipeline = read(1);

        assertEquals(Handoff.NONE, pipeline.beginCall(true, 0));
        assertEquals(Reader.FULL, pipeline.reader());
        assertEquals(AfterCall.READ, pipeline.endCall());
    }

    @Test
    void theParkStartsReadingOnlyAfterTheCallHasRunForTheDelay() {
        Pipeline pipeline = read(5);
        assertEquals(Handoff.WATCH, pipeline.beginCall(false, 100));

        assertEquals(Watch.LATER, pipeline.watch(100 + DELAY - 1, DELAY));
        assertEquals(Watch.ARM, pipeline.watch(100 + DELAY, DELAY));
        assertEquals(Reader.PARKED, pipeline.reader());
        assertTrue(pipeline.wakeFromPark(), "bytes came: the park queues the connection");
        assertEquals(Reader.QUEUED, pipeline.reader());
        assertEquals(AfterCall.LEAVE, pipeline.endCall(), "the role is queued: the ended call's worker leaves");
    }

    @Test
    void aWorkerWhoseCallEndsTakesTheRoleBackFromThePark() {
        Pipeline pipeline = read(5);
        pipeline.beginCall(false, 0);
        assertEquals(Watch.ARM, pipeline.watch(DELAY, DELAY));

        assertEquals(AfterCall.READ, pipeline.endCall());
        assertFalse(pipeline.wakeFromPark(), "the park's late wake-up finds the role taken and does nothing");
        assertEquals(Reader.WORKER, pipeline.reader());
    }

    @Test
    void endOfStreamAnswersTheCallsInFlightThenCloses() {
        Pipeline pipeline = read(5);
        pipeline.beginCall(true, 0);
        assertTrue(pipeline.take());
        pipeline.beginCall(false, 0);
        assertEquals(AfterCall.READ, pipeline.endCall());

        assertFalse(pipeline.endOfStream(), "one call still runs");
        assertEquals(Reader.DRAINING, pipeline.reader());
        assertEquals(AfterCall.CLOSE, pipeline.endCall(), "the last call's worker closes");
        assertEquals(Reader.WORKER, pipeline.reader());
    }

    @Test
    void endOfStreamWithoutCallsClosesAtOnce() {
        assertTrue(read(5).endOfStream());
    }

    @Test
    void closingWhileNobodyHoldsTheRoleHandsTheReadSideToTheCloser() {
        for (Reader where : new Reader[] {Reader.NOBODY, Reader.FULL, Reader.PARKED, Reader.DRAINING}) {
            Pipeline pipeline = inRole(where);

            assertTrue(pipeline.close(), where + ": the closer gives the read side back");
            assertEquals(Reader.RELEASED, pipeline.reader());
            assertFalse(pipeline.close(), "closing twice gives nothing back twice");
            assertEquals(AfterCall.LEAVE, pipeline.endCall(), where + ": the call ends without taking the role");
            assertFalse(pipeline.wakeFromPark());
            assertEquals(Watch.DROP, pipeline.watch(Long.MAX_VALUE, DELAY));
        }
    }

    @Test
    void closingWhileAWorkerReadsLeavesTheReadSideToThatWorker() {
        Pipeline reading = read(5);
        assertFalse(reading.close());
        assertEquals(Handoff.CLOSED, reading.beginCall(false, 0), "the reader learns at its next step");
        reading.released();
        assertEquals(Reader.RELEASED, reading.reader());

        Pipeline parking = read(5);
        parking.close();
        assertFalse(parking.park());
        Pipeline yielding = read(5);
        yielding.close();
        assertFalse(yielding.requeue());
        Pipeline ending = read(5);
        ending.close();
        assertTrue(ending.endOfStream());
    }

    @Test
    void closingWhileQueuedLeavesTheReadSideToTheWorkerThatTakesIt() {
        Pipeline pipeline = new Pipeline(5);
        assertFalse(pipeline.close());
        assertFalse(pipeline.take(), "the taker finds it closed and gives the side back");
    }

    @Test
    void idleAndOverdueApplyOnlyWhileParked() {
        Pipeline pipeline = read(5);
        assertFalse(pipeline.parked());
        pipeline.beginCall(false, 0);
        pipeline.watch(DELAY, DELAY);
        assertTrue(pipeline.parked(), "a record begun while a call runs must still arrive in time");
        assertFalse(pipeline.parkedIdle(), "a connection with a call in flight is not idle");
        pipeline.wakeFromPark();
        assertTrue(pipeline.take());
        assertTrue(pipeline.park());
        pipeline.endCall();
        assertFalse(pipeline.parkedIdle(), "the ended call's worker took the role");
        assertTrue(pipeline.park());
        assertTrue(pipeline.parkedIdle(), "parked with no call in flight: idle");
    }

    @Test
    void stepsOutOfTurnAreDefects() {
        Pipeline pipeline = new Pipeline(5);
        assertThrows(IllegalStateException.class, () -> pipeline.beginCall(false, 0), "only the reader begins calls");
        assertThrows(IllegalStateException.class, pipeline::endCall, "no call began");
        assertThrows(IllegalArgumentException.class, () -> new Pipeline(0));
    }

    /** A pipeline with one call in flight (two for FULL) and its read role {@code where}. */
    private static Pipeline inRole(Reader where) {
        Pipeline pipeline = read(where == Reader.FULL ? 1 : 5);
        pipeline.beginCall(false, 0);
        switch (where) {
            case PARKED -> assertEquals(Watch.ARM, pipeline.watch(DELAY, DELAY));
            case DRAINING -> {
                pipeline.watch(DELAY, DELAY);
                pipeline.wakeFromPark();
                pipeline.take();
                assertFalse(pipeline.endOfStream());
            }
            default -> {
                // NOBODY, FULL: as beginCall left it
            }
        }
        assertEquals(where, pipeline.reader());
        return pipeline;
    }
}
