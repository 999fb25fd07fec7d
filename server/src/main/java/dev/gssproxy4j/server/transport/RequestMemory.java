package dev.gssproxy4j.server.transport;

import dev.gssproxy4j.rpc.RecordAssembler;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap that request records may hold, from their first byte until they are answered: at most {@code total} bytes
 * for all connections and {@code perUid} for one uid other than root. A record that would go over is refused and
 * its connection closed, so many connections each sending (not merely announcing) a 1 MiB record cannot exhaust the
 * daemon's heap, and one uid cannot take the budget from the others. Thread-safe.
 */
final class RequestMemory {

    private final long total;
    private final long perUid;
    private final Map<Integer, Long> byUid = new HashMap<>();
    private long used;

    RequestMemory(long total, long perUid) {
        this.total = total;
        this.perUid = perUid;
    }

    /** The budget of one connection of {@code uid}. */
    RecordAssembler.Budget forUid(int uid) {
        return new RecordAssembler.Budget() {
            @Override
            public boolean reserve(int bytes) {
                return RequestMemory.this.reserve(uid, bytes);
            }

            @Override
            public void release(int bytes) {
                RequestMemory.this.release(uid, bytes);
            }
        };
    }

    synchronized boolean reserve(int uid, int bytes) {
        long mine = byUid.getOrDefault(uid, 0L);
        if (used + bytes > total || (uid != 0 && mine + bytes > perUid)) {
            return false;
        }
        byUid.put(uid, mine + bytes);
        used += bytes;
        return true;
    }

    synchronized void release(int uid, int bytes) {
        if (bytes == 0) {
            return;
        }
        long mine = byUid.getOrDefault(uid, 0L) - bytes;
        if (mine <= 0) {
            byUid.remove(uid);
        } else {
            byUid.put(uid, mine);
        }
        used -= bytes;
    }

    synchronized long used() {
        return used;
    }
}
