package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.testkit.Realms;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs 200,000 full cycles (init, accept, init, wrap/unwrap both ways, export both ends, import both, wrap/unwrap
 * on the copies, MIC, close) and checks that native memory stays flat: process RSS from {@code /proc/self/status}
 * and glibc's in-use heap ({@code mallinfo2}) after a warm-up against the end. A forgotten
 * {@code gss_release_buffer} of one token per cycle would add ~100 MiB; the bounds are far below that.
 * Takes about a minute; run alone with {@code mvn -pl mech test -Dtest=NativeMemoryLeakTest}.
 */
class NativeMemoryLeakTest {

    private static final int WARMUP = 20_000;
    /** 200,000 by default; {@code -Dgssproxy4j.leakTest.cycles=N} scales a local run down or up. */
    private static final int CYCLES = Integer.getInteger("gssproxy4j.leakTest.cycles", 200_000);
    private static final long MIB = 1024 * 1024;

    @Test
    void nativeMemoryStaysFlatOverManyCycles() throws Throwable {
        try (RealmSession s = new RealmSession(Realms.kerby());
             // A MEMORY ccache (filled with gss_store_cred_into) keeps file I/O out of the loop.
             GssCred ic = memoryCcacheCred(s);
             // No replay cache: the test is about memory, not about the rcache file's I/O.
             GssCred ac = s.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                     Map.of("keytab", s.serviceKeytab.toString(), "rcache", "none:"));
             GssName target = s.target()) {
            long handles = s.gss.openHandles();
            run(s.gss, ic, ac, target, WARMUP);
            Sample before = Sample.take();
            run(s.gss, ic, ac, target, CYCLES);
            Sample after = Sample.take();

            long rssGrowth = after.rss - before.rss;
            long mallocGrowth = after.malloced - before.malloced;
            System.out.printf("after %d warm-up cycles: %s; after %d more: %s; RSS %+d KiB, malloc %+d KiB%n",
                    WARMUP, before, CYCLES, after, rssGrowth / 1024, mallocGrowth / 1024);
            assertEquals(handles, s.gss.openHandles(), "no handle left open");
            assertTrue(rssGrowth < 32 * MIB, "RSS grew by " + rssGrowth / 1024 + " KiB");
            assertTrue(mallocGrowth < 16 * MIB, "malloc in-use grew by " + mallocGrowth / 1024 + " KiB");
        }
    }

    private static GssCred memoryCcacheCred(RealmSession s) {
        String ccache = "MEMORY:leak-test";
        try (GssCred fromFile = s.initiatorCred(); GssName target = s.target()) {
            // Fetch the service ticket once, so that it is in the ccache that gets copied.
            s.gss.initSecContext(fromFile, null, target, Oid.KRB5, 0, 0, null, null).context().close();
            s.gss.storeCredInto(fromFile, CredUsage.INITIATE, Oid.KRB5, true, false, Map.of("ccache", ccache));
        }
        try (GssName user = s.user()) {
            return s.gss.acquireCred(user, 0, List.of(Oid.KRB5), CredUsage.INITIATE, Map.of("ccache", ccache));
        }
    }

    private static void run(Gss gss, GssCred ic, GssCred ac, GssName target, int cycles) {
        byte[] message = new byte[512];
        for (int n = 0; n < cycles; n++) {
            message[n % message.length]++;
            InitResult first = gss.initSecContext(ic, null, target, Oid.KRB5, RealmSession.FLAGS, 0, null, null);
            AcceptResult accepted = gss.acceptSecContext(null, ac, first.outputToken(), null);
            accepted.srcName().close();
            gss.initSecContext(ic, first.context(), target, Oid.KRB5, RealmSession.FLAGS, 0, null,
                    accepted.outputToken());
            roundTrip(first.context(), accepted.context(), message);
            byte[] initiatorToken = gss.exportContext(first.context());
            byte[] acceptorToken = gss.exportContext(accepted.context());
            try (SecContext i = gss.importContext(initiatorToken); SecContext a = gss.importContext(acceptorToken)) {
                roundTrip(i, a, message);
                roundTrip(a, i, message);
                a.verifyMic(message, i.getMic(0, message));
            }
        }
    }

    private static void roundTrip(SecContext from, SecContext to, byte[] message) {
        assertArrayEquals(message, to.unwrap(from.wrap(true, 0, message).token()).message());
    }

    /** Resident set size and glibc's in-use heap bytes, after a GC so that the Java heap settles. */
    @SuppressWarnings("restricted")
    private record Sample(long rss, long malloced) {

        private static final MethodHandle MALLINFO2 = Linker.nativeLinker().downcallHandle(
                Linker.nativeLinker().defaultLookup().find("mallinfo2").orElseThrow(),
                FunctionDescriptor.of(MemoryLayout.structLayout(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG)));

        static Sample take() throws Throwable {
            System.gc();
            return new Sample(readRss(), readMalloced());
        }

        private static long readRss() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS in /proc/self/status");
        }

        /** {@code struct mallinfo2}: uordblks (index 7, bytes in use) + hblkhd (index 4, bytes in mmapped chunks). */
        private static long readMalloced() throws Throwable {
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                MemorySegment info = (MemorySegment) MALLINFO2.invokeExact((java.lang.foreign.SegmentAllocator) arena);
                return info.getAtIndex(JAVA_LONG, 7) + info.getAtIndex(JAVA_LONG, 4);
            }
        }

        @Override
        public String toString() {
            return "RSS " + rss / 1024 + " KiB, malloc in use " + malloced / 1024 + " KiB";
        }
    }
}
