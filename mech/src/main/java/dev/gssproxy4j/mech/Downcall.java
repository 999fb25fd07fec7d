package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Optional;

/**
 * A downcall handle into a native library, linked on first use. Linking all of libgssapi's handles when the
 * binding class initialises took 120-180 ms of the daemon's start-up (of about 550 ms before the socket accepts,
 * measured with a class-initialisation timer on this 2-core VM), while start-up itself calls only a few functions.
 * Whether a function exists is still decided up front (a symbol lookup is cheap), so a library lacking a required
 * function fails at load time with its name, as before. Thread-safe: racing first callers may both link; either
 * handle is equivalent.
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; needs --enable-native-access
final class Downcall {

    private static final Linker LINKER = Linker.nativeLinker();

    private final String library;
    private final String name;
    private final Optional<MemorySegment> symbol;
    private final FunctionDescriptor descriptor;
    private volatile MethodHandle handle;

    /** @param symbol the function's address, empty if the library lacks it (calls then fail as unavailable) */
    Downcall(String library, String name, Optional<MemorySegment> symbol, FunctionDescriptor descriptor) {
        this.library = library;
        this.name = name;
        this.symbol = symbol;
        this.descriptor = descriptor;
    }

    /**
     * A function of {@code lookup} returning an int (a status or error code); if the library lacks it, calls fail as
     * unavailable (see {@link #get()}).
     */
    static Downcall optional(String library, SymbolLookup lookup, String name, MemoryLayout... args) {
        return new Downcall(library, name, lookup.find(name), FunctionDescriptor.of(JAVA_INT, args));
    }

    /** {@code n} pointer arguments, the shape of most GSS-API and krb5 functions. */
    static MemoryLayout[] pointers(int n) {
        MemoryLayout[] layouts = new MemoryLayout[n];
        Arrays.fill(layouts, ADDRESS);
        return layouts;
    }

    /**
     * The linked handle.
     *
     * @throws GssException GSS_S_UNAVAILABLE naming the function, if the library does not export it
     */
    MethodHandle get() {
        MethodHandle linked = handle;
        if (linked == null) {
            MemorySegment address = symbol.orElseThrow(() -> new GssException(name, new GssStatus(
                    MajorStatus.GSS_S_UNAVAILABLE.value(), 0, null, "The operation or option is unavailable ("
                    + library + " does not export " + name + ")", "")));
            linked = LINKER.downcallHandle(address, descriptor);
            handle = linked;
        }
        return linked;
    }
}
