package dev.gssproxy4j.mech;

import java.lang.foreign.MemorySegment;

/** Keeps an optional {@link GssName} pinned (not freed) for the duration of one native call. */
final class Pin implements AutoCloseable {

    private final GssName name;
    private final long address;

    /** Pins {@code name}; null stands for {@code GSS_C_NO_NAME}. */
    Pin(GssName name) {
        this.address = name == null ? 0 : name.ref().acquire();
        this.name = name;
    }

    MemorySegment segment() {
        return NativeCall.handle(address);
    }

    @Override
    public void close() {
        if (name != null) {
            name.ref().release();
        }
    }
}
