package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentSealingTest {

    static final int THREADS = 8;
    static final int SEALS_PER_THREAD = 1000;

    @Test
    void eightThreadsGetDistinctNoncesAndEveryHandleOpens() throws Exception {
        HandleSealer sealer = new HandleSealer(Keyring.ephemeral());
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Instant expiry = now.plusSeconds(60);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<byte[]>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<byte[]> sealed = new ArrayList<>(SEALS_PER_THREAD);
                    for (int i = 0; i < SEALS_PER_THREAD; i++) {
                        sealed.add(sealer.seal(HandleKind.CREDENTIAL, Binding.of("svc", thread), expiry,
                                payload(thread, i)));
                    }
                    return sealed;
                }));
            }
            start.countDown();
        }
        Set<ByteBuffer> nonces = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            List<byte[]> sealed = results.get(t).get();
            for (int i = 0; i < SEALS_PER_THREAD; i++) {
                byte[] handle = sealed.get(i);
                nonces.add(ByteBuffer.wrap(handle, SealedLayout.NONCE_OFFSET, SealedLayout.NONCE_BYTES).slice());
                assertArrayEquals(payload(t, i),
                        sealer.open(HandleKind.CREDENTIAL, Binding.of("svc", t), handle, now).payload());
            }
        }
        assertEquals(THREADS * SEALS_PER_THREAD, nonces.size());
    }

    private static byte[] payload(int thread, int i) {
        return ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
    }
}
