package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The only class that holds downcall handles into MIT {@code libkrb5.so.3}: the few krb5 calls that GSS-API has no
 * equivalent for. Destroying a named credential cache, which the daemon needs for the per-call {@code MEMORY:}
 * ccaches it creates (upstream gssproxy does the same in {@code safe_free_mem_ccache}; releasing a GSS credential
 * only closes its ccache), and keeping krb5.conf parsed ({@link #keepProfileLoaded()}).
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; needs --enable-native-access
final class Krb5Native {

    private static final String LIBRARY = System.getProperty("gssproxy4j.libkrb5", "libkrb5.so.3");
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = SymbolLookup.libraryLookup(LIBRARY, Arena.global());

    private static final MethodHandle INIT_CONTEXT = fn("krb5_init_context", ADDRESS);
    private static final MethodHandle CC_RESOLVE = fn("krb5_cc_resolve", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle CC_DESTROY = fn("krb5_cc_destroy", ADDRESS, ADDRESS);
    private static final MethodHandle FREE_CONTEXT = LINKER.downcallHandle(
            LIB.find("krb5_free_context").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));

    private static volatile MemorySegment profileAnchor;

    private Krb5Native() {
    }

    /**
     * Opens one krb5 context that lives as long as the process, so that MIT keeps krb5.conf parsed. The GSS krb5
     * mechanism creates a krb5 context for nearly every call (accept, each name display, export and release) and
     * MIT shares the parsed profile only between contexts alive at the same time: without a context held open, a
     * process that makes one call at a time re-reads and re-parses krb5.conf for each of them (seen with strace:
     * open, read, parse per accept). MIT still checks the file's modification time when a context is created, so
     * an edited krb5.conf is picked up as before. Idempotent.
     *
     * @return 0, or the krb5 error code (the library then works as without the anchor)
     */
    static int keepProfileLoaded() {
        return profileAnchor != null ? 0 : openProfileAnchor(); // Gss.get() calls this on every use: no lock then
    }

    private static synchronized int openProfileAnchor() {
        if (profileAnchor != null) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment contextOut = arena.allocate(ADDRESS);
            int code = (int) INIT_CONTEXT.invokeExact(contextOut);
            if (code == 0) {
                profileAnchor = contextOut.get(ADDRESS, 0); // never freed: it lives as long as the library
            }
            return code;
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException("krb5_init_context failed", t);
        }
    }

    /**
     * {@code krb5_cc_resolve} + {@code krb5_cc_destroy} on a fresh krb5 context.
     *
     * @return 0, or the krb5 error code
     */
    static int destroyCcache(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment contextOut = arena.allocate(ADDRESS);
            int code = (int) INIT_CONTEXT.invokeExact(contextOut);
            if (code != 0) {
                return code;
            }
            MemorySegment context = contextOut.get(ADDRESS, 0);
            try {
                MemorySegment ccacheOut = arena.allocate(ADDRESS);
                code = (int) CC_RESOLVE.invokeExact(context, arena.allocateFrom(name), ccacheOut);
                if (code != 0) {
                    return code;
                }
                return (int) CC_DESTROY.invokeExact(context, ccacheOut.get(ADDRESS, 0));
            } finally {
                FREE_CONTEXT.invokeExact(context);
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException("krb5 call failed", t);
        }
    }

    private static MethodHandle fn(String name, java.lang.foreign.MemoryLayout... args) {
        MemorySegment symbol = LIB.find(name).orElseThrow(() -> new UnsatisfiedLinkError(LIBRARY + " lacks " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, args));
    }
}
