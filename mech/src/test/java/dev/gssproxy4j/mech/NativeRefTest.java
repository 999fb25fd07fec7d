package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The ownership rules of native handles, with a recording free function instead of the library. */
class NativeRefTest {

    private final List<Long> freed = new CopyOnWriteArrayList<>();

    @Test
    void closeFreesOnceAndRejectsLaterUse() {
        NativeRef ref = new NativeRef(new Object(), "name", 42, freed::add);
        ref.close();
        ref.close();
        assertEquals(List.of(42L), freed);
        IllegalStateException e = assertThrows(IllegalStateException.class, ref::acquire);
        assertEquals("this GSS name is closed (released, exported or deleted)", e.getMessage());
    }

    @Test
    void closeDuringACallFreesWhenTheCallEnds() {
        NativeRef ref = new NativeRef(new Object(), "context", 7, freed::add);
        assertEquals(7, ref.acquire());
        assertEquals(7, ref.acquire());
        ref.close();
        assertTrue(freed.isEmpty(), "still in use by two calls");
        ref.release();
        assertTrue(freed.isEmpty(), "still in use by one call");
        ref.release();
        assertEquals(List.of(7L), freed);
    }

    @Test
    void libraryDeletingTheHandleClosesWithoutFreeing() {
        NativeRef ref = new NativeRef(new Object(), "context", 9, freed::add);
        ref.acquire();
        ref.update(0); // e.g. gss_export_sec_context zeroed the handle
        ref.release();
        assertTrue(ref.isClosed());
        assertTrue(freed.isEmpty(), "the library already deleted it");
    }

    @Test
    void libraryReplacingTheHandleFreesTheNewOne() {
        NativeRef ref = new NativeRef(new Object(), "context", 9, freed::add);
        ref.acquire();
        ref.update(10);
        ref.release();
        ref.close();
        assertEquals(List.of(10L), freed);
    }

    @Test
    void liveCountFollowsOpenAndClose() {
        long before = NativeRef.live();
        List<NativeRef> refs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            refs.add(new NativeRef(new Object(), "name", i, freed::add));
        }
        assertEquals(before + 3, NativeRef.live());
        refs.forEach(NativeRef::close);
        assertEquals(before, NativeRef.live());
    }

    @Test
    void concurrentCallsAndCloseFreeExactlyOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            NativeRef ref = new NativeRef(new Object(), "name", 1000 + round, freed::add);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        try {
                            ref.acquire();
                            ref.release();
                        } catch (IllegalStateException closed) {
                            return;
                        }
                    }
                }));
            }
            ref.close();
            for (Thread t : threads) {
                t.join();
            }
        }
        assertEquals(200, freed.size());
        assertEquals(200, freed.stream().distinct().count());
    }
}
