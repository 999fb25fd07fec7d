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
 * only closes its ccache), keeping krb5.conf parsed ({@link #keepProfileLoaded()}) and copying a keytab into a
 * {@code MEMORY:} keytab ({@link #copyKeytab}), and copying a ccache ({@link #copyCcache}).
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
    // keytab copies are rare (a keytab file changed): linked on first use, as GssNative's handles
    private static final Downcall KT_RESOLVE = lazyFn("krb5_kt_resolve", 3);
    private static final Downcall KT_START_SEQ_GET = lazyFn("krb5_kt_start_seq_get", 3);
    private static final Downcall KT_NEXT_ENTRY = lazyFn("krb5_kt_next_entry", 4);
    private static final Downcall KT_END_SEQ_GET = lazyFn("krb5_kt_end_seq_get", 3);
    private static final Downcall KT_ADD_ENTRY = lazyFn("krb5_kt_add_entry", 3);
    private static final Downcall KT_CLOSE = lazyFn("krb5_kt_close", 2);
    private static final Downcall FREE_KEYTAB_ENTRY_CONTENTS = lazyFn("krb5_free_keytab_entry_contents", 2);

    // ccache copies: one per call that names the caller's own ccache (docs/PROTOCOL.md, client environment)
    private static final Downcall CC_GET_PRINCIPAL = lazyFn("krb5_cc_get_principal", 3);
    private static final Downcall CC_INITIALIZE = lazyFn("krb5_cc_initialize", 3);
    private static final Downcall CC_COPY_CREDS = lazyFn("krb5_cc_copy_creds", 3);
    private static final Downcall CC_CLOSE = lazyFn("krb5_cc_close", 2);
    private static final MethodHandle FREE_PRINCIPAL = LINKER.downcallHandle(
            LIB.find("krb5_free_principal").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));

    /** {@code KRB5_KT_END} (com_err table krb5, code 142): the keytab has no more entries. */
    private static final int KRB5_KT_END = -1765328202;
    /** {@code sizeof(krb5_keytab_entry)} on LP64: magic, principal, timestamp, vno, keyblock (4+4 pad, 8, 4, 4, 24). */
    private static final long KEYTAB_ENTRY_SIZE = 48;

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

    /**
     * A {@code MEMORY:} keytab made by {@link #copyKeytab}: the krb5 context it was made in and the handle that keeps
     * it alive (MIT frees a MEMORY keytab, and zeroes its keys, when its last handle is closed).
     */
    record KeytabCopy(long context, long keytab, int entries) {}

    /**
     * Copies every entry of the keytab {@code source} (e.g. {@code FILE:/etc/krb5.keytab}) into the keytab
     * {@code target} (a {@code MEMORY:} name no one else uses) and keeps {@code target} open. Keys pass from the
     * library to the library only; Java sees their addresses, never their bytes.
     *
     * @return the copy, to be closed with {@link #closeKeytab}
     * @throws Krb5Failure with the krb5 error code and the call that failed
     */
    static KeytabCopy copyKeytab(String source, String target) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) INIT_CONTEXT.invokeExact(out), "krb5_init_context");
            MemorySegment context = out.get(ADDRESS, 0);
            MemorySegment copy = MemorySegment.NULL;
            try {
                check((int) KT_RESOLVE.get().invokeExact(context, arena.allocateFrom(target), out), "krb5_kt_resolve");
                copy = out.get(ADDRESS, 0);
                int entries = copyEntries(arena, context, source, copy);
                KeytabCopy result = new KeytabCopy(context.address(), copy.address(), entries);
                copy = MemorySegment.NULL;
                context = MemorySegment.NULL;
                return result;
            } finally {
                if (!copy.equals(MemorySegment.NULL)) {
                    int ignored = (int) KT_CLOSE.get().invokeExact(context, copy);
                }
                if (!context.equals(MemorySegment.NULL)) {
                    FREE_CONTEXT.invokeExact(context);
                }
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException("krb5 keytab copy failed", t);
        }
    }

    /** Closes the handle of a {@link KeytabCopy} and frees its context. */
    static void closeKeytab(KeytabCopy copy) {
        try {
            MemorySegment context = MemorySegment.ofAddress(copy.context());
            int ignored = (int) KT_CLOSE.get().invokeExact(context, MemorySegment.ofAddress(copy.keytab()));
            FREE_CONTEXT.invokeExact(context);
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException("krb5_kt_close failed", t);
        }
    }

    /**
     * Copies the credential cache {@code source} into {@code target} ({@code krb5_cc_initialize} with the source's
     * principal, then {@code krb5_cc_copy_creds}), on a fresh krb5 context. The source is only read.
     *
     * @throws Krb5Failure with the krb5 error code and the call that failed
     */
    static void copyCcache(String source, String target) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            check((int) INIT_CONTEXT.invokeExact(out), "krb5_init_context");
            MemorySegment context = out.get(ADDRESS, 0);
            try {
                check((int) CC_RESOLVE.invokeExact(context, arena.allocateFrom(source), out), "krb5_cc_resolve");
                MemorySegment from = out.get(ADDRESS, 0);
                try {
                    check((int) CC_GET_PRINCIPAL.get().invokeExact(context, from, out), "krb5_cc_get_principal");
                    MemorySegment principal = out.get(ADDRESS, 0);
                    try {
                        check((int) CC_RESOLVE.invokeExact(context, arena.allocateFrom(target), out),
                                "krb5_cc_resolve");
                        MemorySegment to = out.get(ADDRESS, 0);
                        try {
                            check((int) CC_INITIALIZE.get().invokeExact(context, to, principal),
                                    "krb5_cc_initialize");
                            check((int) CC_COPY_CREDS.get().invokeExact(context, from, to), "krb5_cc_copy_creds");
                        } finally {
                            int ignored = (int) CC_CLOSE.get().invokeExact(context, to);
                        }
                    } finally {
                        FREE_PRINCIPAL.invokeExact(context, principal);
                    }
                } finally {
                    int ignored = (int) CC_CLOSE.get().invokeExact(context, from);
                }
            } finally {
                FREE_CONTEXT.invokeExact(context);
            }
        } catch (Throwable t) {
            throw t instanceof RuntimeException r ? r : new IllegalStateException("krb5 ccache copy failed", t);
        }
    }

    /** A krb5 call that returned an error code. */
    static final class Krb5Failure extends RuntimeException {
        final int code;
        final String call;

        Krb5Failure(int code, String call) {
            super(call + " failed with krb5 error " + code);
            this.code = code;
            this.call = call;
        }
    }

    private static int copyEntries(Arena arena, MemorySegment context, String source, MemorySegment copy)
            throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        check((int) KT_RESOLVE.get().invokeExact(context, arena.allocateFrom(source), out), "krb5_kt_resolve");
        MemorySegment keytab = out.get(ADDRESS, 0);
        try {
            MemorySegment cursor = arena.allocate(ADDRESS);
            check((int) KT_START_SEQ_GET.get().invokeExact(context, keytab, cursor), "krb5_kt_start_seq_get");
            MemorySegment entry = arena.allocate(KEYTAB_ENTRY_SIZE, 8);
            int entries = 0;
            try {
                for (;;) {
                    int code = (int) KT_NEXT_ENTRY.get().invokeExact(context, keytab, entry, cursor);
                    if (code == KRB5_KT_END) {
                        return entries;
                    }
                    check(code, "krb5_kt_next_entry");
                    try {
                        check((int) KT_ADD_ENTRY.get().invokeExact(context, copy, entry), "krb5_kt_add_entry");
                        entries++;
                    } finally {
                        int ignored = (int) FREE_KEYTAB_ENTRY_CONTENTS.get().invokeExact(context, entry);
                    }
                }
            } finally {
                int ignored = (int) KT_END_SEQ_GET.get().invokeExact(context, keytab, cursor);
                entry.fill((byte) 0);
            }
        } finally {
            int ignored = (int) KT_CLOSE.get().invokeExact(context, keytab);
        }
    }

    private static void check(int code, String call) {
        if (code != 0) {
            throw new Krb5Failure(code, call);
        }
    }

    private static Downcall lazyFn(String name, int pointerArgs) {
        return Downcall.optional(LIBRARY, LIB, name, Downcall.pointers(pointerArgs));
    }

    private static MethodHandle fn(String name, java.lang.foreign.MemoryLayout... args) {
        MemorySegment symbol = LIB.find(name).orElseThrow(() -> new UnsatisfiedLinkError(LIBRARY + " lacks " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, args));
    }
}
