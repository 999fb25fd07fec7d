package dev.gssproxy4j.mech;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.Optional;

/**
 * The only class that holds downcall handles into MIT {@code libgssapi_krb5.so.2} (RFC 2744 C bindings plus MIT's
 * {@code gssapi_ext.h} and {@code gssapi_krb5.h} extensions). Each method is a one-to-one call of the C function of
 * the same name with the same parameters, returning the major status as an {@code int} (read it unsigned).
 * Nothing here allocates, interprets results or checks status: see {@link NativeCall}, which builds the inputs and
 * copies the outputs.
 *
 * <p>The library path can be overridden with the system property {@code gssproxy4j.libgssapi}. Functions a library
 * might lack (older MIT, Heimdal) are optional and fail with {@code GSS_S_UNAVAILABLE} when absent.
 */
@SuppressWarnings("restricted") // binding native code is this class's purpose; needs --enable-native-access
final class GssNative {

    private static final String LIBRARY = System.getProperty("gssproxy4j.libgssapi", "libgssapi_krb5.so.2");
    private static final SymbolLookup LIB = load();

    private static final Downcall IMPORT_NAME = fn("gss_import_name", 4);
    private static final Downcall DISPLAY_NAME = fn("gss_display_name", 4);
    private static final Downcall RELEASE_NAME = fn("gss_release_name", 2);
    private static final Downcall DUPLICATE_NAME = fn("gss_duplicate_name", 3);
    private static final Downcall CANONICALIZE_NAME = fn("gss_canonicalize_name", 4);
    private static final Downcall EXPORT_NAME = fn("gss_export_name", 3);
    private static final Downcall EXPORT_NAME_COMPOSITE = optionalFn("gss_export_name_composite", 3);
    private static final Downcall COMPARE_NAME = fn("gss_compare_name", 4);
    private static final Downcall LOCALNAME = optionalFn("gss_localname", 4);
    private static final Downcall INQUIRE_NAME = optionalFn("gss_inquire_name", 5);
    private static final Downcall GET_NAME_ATTRIBUTE = optionalFn("gss_get_name_attribute", 8);
    private static final Downcall RELEASE_BUFFER = fn("gss_release_buffer", 2);
    private static final Downcall RELEASE_BUFFER_SET = fn("gss_release_buffer_set", 2);
    private static final Downcall RELEASE_OID_SET = fn("gss_release_oid_set", 2);
    private static final Downcall DISPLAY_STATUS =
            fn("gss_display_status", ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall INDICATE_MECHS = fn("gss_indicate_mechs", 2);
    private static final Downcall INQUIRE_NAMES_FOR_MECH = fn("gss_inquire_names_for_mech", 3);
    private static final Downcall INQUIRE_ATTRS_FOR_MECH = optionalFn("gss_inquire_attrs_for_mech", 4);
    private static final Downcall DISPLAY_MECH_ATTR = optionalFn("gss_display_mech_attr", 5);
    private static final Downcall INQUIRE_SASLNAME_FOR_MECH = optionalFn("gss_inquire_saslname_for_mech", 5);
    private static final Downcall ACQUIRE_CRED_FROM = fn("gss_acquire_cred_from",
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall ACQUIRE_CRED_WITH_PASSWORD = optionalFn("gss_acquire_cred_with_password",
            ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall ADD_CRED_FROM = fn("gss_add_cred_from", ADDRESS, ADDRESS, ADDRESS, ADDRESS,
            JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall RELEASE_CRED = fn("gss_release_cred", 2);
    private static final Downcall INQUIRE_CRED = fn("gss_inquire_cred", 6);
    private static final Downcall INQUIRE_CRED_BY_MECH = fn("gss_inquire_cred_by_mech", 7);
    private static final Downcall EXPORT_CRED = optionalFn("gss_export_cred", 3);
    private static final Downcall IMPORT_CRED = optionalFn("gss_import_cred", 3);
    private static final Downcall STORE_CRED_INTO = optionalFn("gss_store_cred_into",
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall ACQUIRE_CRED_IMPERSONATE_NAME = optionalFn(
            "gss_acquire_cred_impersonate_name",
            ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall KRB5_SET_ALLOWABLE_ENCTYPES = optionalFn("gss_krb5_set_allowable_enctypes",
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
    private static final Downcall SET_CRED_OPTION = optionalFn("gss_set_cred_option", 4);
    private static final Downcall INQUIRE_CRED_BY_OID = optionalFn("gss_inquire_cred_by_oid", 4);
    private static final Downcall INIT_SEC_CONTEXT = fn("gss_init_sec_context", ADDRESS, ADDRESS, ADDRESS,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final Downcall ACCEPT_SEC_CONTEXT = fn("gss_accept_sec_context", 11);
    private static final Downcall DELETE_SEC_CONTEXT = fn("gss_delete_sec_context", 3);
    private static final Downcall INQUIRE_CONTEXT = fn("gss_inquire_context", 9);
    private static final Downcall CONTEXT_TIME = fn("gss_context_time", 3);
    private static final Downcall EXPORT_SEC_CONTEXT = fn("gss_export_sec_context", 3);
    private static final Downcall IMPORT_SEC_CONTEXT = fn("gss_import_sec_context", 3);
    private static final Downcall KRB5_EXPORT_LUCID = optionalFn("gss_krb5_export_lucid_sec_context",
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
    private static final Downcall KRB5_FREE_LUCID = optionalFn("gss_krb5_free_lucid_sec_context", 2);
    private static final Downcall WRAP = fn("gss_wrap", ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
            ADDRESS);
    private static final Downcall UNWRAP = fn("gss_unwrap", 6);
    private static final Downcall GET_MIC = fn("gss_get_mic", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
    private static final Downcall VERIFY_MIC = fn("gss_verify_mic", 5);
    private static final Downcall WRAP_SIZE_LIMIT = fn("gss_wrap_size_limit", ADDRESS, ADDRESS, JAVA_INT,
            JAVA_INT, JAVA_INT, ADDRESS);

    private GssNative() {
    }

    // ---- names -------------------------------------------------------------------------------------------------

    static int importName(MemorySegment minor, MemorySegment buffer, MemorySegment type, MemorySegment out) {
        try {
            return (int) IMPORT_NAME.get().invokeExact(minor, buffer, type, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int displayName(MemorySegment minor, MemorySegment name, MemorySegment buffer, MemorySegment typeOut) {
        try {
            return (int) DISPLAY_NAME.get().invokeExact(minor, name, buffer, typeOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int releaseName(MemorySegment minor, MemorySegment namePtr) {
        try {
            return (int) RELEASE_NAME.get().invokeExact(minor, namePtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int duplicateName(MemorySegment minor, MemorySegment name, MemorySegment out) {
        try {
            return (int) DUPLICATE_NAME.get().invokeExact(minor, name, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int canonicalizeName(MemorySegment minor, MemorySegment name, MemorySegment mech, MemorySegment out) {
        try {
            return (int) CANONICALIZE_NAME.get().invokeExact(minor, name, mech, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int exportName(MemorySegment minor, MemorySegment name, MemorySegment buffer) {
        try {
            return (int) EXPORT_NAME.get().invokeExact(minor, name, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int exportNameComposite(MemorySegment minor, MemorySegment name, MemorySegment buffer) {
        try {
            return (int) EXPORT_NAME_COMPOSITE.get().invokeExact(minor, name, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int compareName(MemorySegment minor, MemorySegment a, MemorySegment b, MemorySegment equal) {
        try {
            return (int) COMPARE_NAME.get().invokeExact(minor, a, b, equal);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int localname(MemorySegment minor, MemorySegment name, MemorySegment mech, MemorySegment buffer) {
        try {
            return (int) LOCALNAME.get().invokeExact(minor, name, mech, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireName(MemorySegment minor, MemorySegment name, MemorySegment isMn, MemorySegment mechOut,
                           MemorySegment attrsOut) {
        try {
            return (int) INQUIRE_NAME.get().invokeExact(minor, name, isMn, mechOut, attrsOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getNameAttribute(MemorySegment minor, MemorySegment name, MemorySegment attr,
                                MemorySegment authenticated, MemorySegment complete, MemorySegment value,
                                MemorySegment displayValue, MemorySegment more) {
        try {
            return (int) GET_NAME_ATTRIBUTE.get().invokeExact(minor, name, attr,
                    authenticated, complete, value, displayValue, more);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- buffers, sets, status ---------------------------------------------------------------------------------

    static int releaseBuffer(MemorySegment minor, MemorySegment buffer) {
        try {
            return (int) RELEASE_BUFFER.get().invokeExact(minor, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int releaseBufferSet(MemorySegment minor, MemorySegment setPtr) {
        try {
            return (int) RELEASE_BUFFER_SET.get().invokeExact(minor, setPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int releaseOidSet(MemorySegment minor, MemorySegment setPtr) {
        try {
            return (int) RELEASE_OID_SET.get().invokeExact(minor, setPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int displayStatus(MemorySegment minor, int status, int type, MemorySegment mech,
                             MemorySegment messageContext, MemorySegment buffer) {
        try {
            return (int) DISPLAY_STATUS.get().invokeExact(minor, status, type, mech, messageContext, buffer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- mechanisms --------------------------------------------------------------------------------------------

    static int indicateMechs(MemorySegment minor, MemorySegment setOut) {
        try {
            return (int) INDICATE_MECHS.get().invokeExact(minor, setOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireNamesForMech(MemorySegment minor, MemorySegment mech, MemorySegment setOut) {
        try {
            return (int) INQUIRE_NAMES_FOR_MECH.get().invokeExact(minor, mech, setOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireAttrsForMech(MemorySegment minor, MemorySegment mech, MemorySegment attrs,
                                   MemorySegment known) {
        try {
            return (int) INQUIRE_ATTRS_FOR_MECH.get().invokeExact(minor, mech, attrs,
                    known);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int displayMechAttr(MemorySegment minor, MemorySegment attr, MemorySegment name,
                               MemorySegment shortDesc, MemorySegment longDesc) {
        try {
            return (int) DISPLAY_MECH_ATTR.get().invokeExact(minor, attr, name, shortDesc,
                    longDesc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireSaslnameForMech(MemorySegment minor, MemorySegment mech, MemorySegment saslName,
                                      MemorySegment mechName, MemorySegment mechDesc) {
        try {
            return (int) INQUIRE_SASLNAME_FOR_MECH.get().invokeExact(minor, mech,
                    saslName, mechName, mechDesc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- credentials -------------------------------------------------------------------------------------------

    static int acquireCredFrom(MemorySegment minor, MemorySegment name, int time, MemorySegment mechs, int usage,
                               MemorySegment store, MemorySegment credOut, MemorySegment actualMechs,
                               MemorySegment timeRec) {
        try {
            return (int) ACQUIRE_CRED_FROM.get().invokeExact(minor, name, time, mechs, usage, store, credOut,
                    actualMechs, timeRec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int acquireCredWithPassword(MemorySegment minor, MemorySegment name, MemorySegment password, int time,
                                       MemorySegment mechs, int usage, MemorySegment credOut,
                                       MemorySegment actualMechs, MemorySegment timeRec) {
        try {
            return (int) ACQUIRE_CRED_WITH_PASSWORD.get().invokeExact(minor, name, password, time, mechs, usage,
                    credOut, actualMechs, timeRec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int addCredFrom(MemorySegment minor, MemorySegment inCred, MemorySegment name, MemorySegment mech,
                           int usage, int initTime, int acceptTime, MemorySegment store, MemorySegment credOut,
                           MemorySegment actualMechs, MemorySegment initRec, MemorySegment acceptRec) {
        try {
            return (int) ADD_CRED_FROM.get().invokeExact(minor, inCred, name, mech, usage, initTime, acceptTime, store,
                    credOut, actualMechs, initRec, acceptRec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int releaseCred(MemorySegment minor, MemorySegment credPtr) {
        try {
            return (int) RELEASE_CRED.get().invokeExact(minor, credPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireCred(MemorySegment minor, MemorySegment cred, MemorySegment name, MemorySegment lifetime,
                           MemorySegment usage, MemorySegment mechs) {
        try {
            return (int) INQUIRE_CRED.get().invokeExact(minor, cred, name, lifetime, usage, mechs);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireCredByMech(MemorySegment minor, MemorySegment cred, MemorySegment mech, MemorySegment name,
                                 MemorySegment initLifetime, MemorySegment acceptLifetime, MemorySegment usage) {
        try {
            return (int) INQUIRE_CRED_BY_MECH.get().invokeExact(minor, cred, mech, name, initLifetime, acceptLifetime, usage);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int exportCred(MemorySegment minor, MemorySegment cred, MemorySegment token) {
        try {
            return (int) EXPORT_CRED.get().invokeExact(minor, cred, token);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int importCred(MemorySegment minor, MemorySegment token, MemorySegment credOut) {
        try {
            return (int) IMPORT_CRED.get().invokeExact(minor, token, credOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int storeCredInto(MemorySegment minor, MemorySegment cred, int usage, MemorySegment mech, int overwrite,
                             int defaultCred, MemorySegment store, MemorySegment stored, MemorySegment usageStored) {
        try {
            return (int) STORE_CRED_INTO.get().invokeExact(minor, cred, usage, mech,
                    overwrite, defaultCred, store, stored, usageStored);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int acquireCredImpersonateName(MemorySegment minor, MemorySegment impersonator, MemorySegment name,
                                          int time, MemorySegment mechs, int usage, MemorySegment credOut,
                                          MemorySegment actualMechs, MemorySegment timeRec) {
        try {
            return (int) ACQUIRE_CRED_IMPERSONATE_NAME.get()
                    .invokeExact(minor, impersonator, name, time, mechs, usage, credOut, actualMechs, timeRec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int krb5SetAllowableEnctypes(MemorySegment minor, MemorySegment cred, int count, MemorySegment types) {
        try {
            return (int) KRB5_SET_ALLOWABLE_ENCTYPES.get()
                    .invokeExact(minor, cred, count, types);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setCredOption(MemorySegment minor, MemorySegment credPtr, MemorySegment oid, MemorySegment value) {
        try {
            return (int) SET_CRED_OPTION.get().invokeExact(minor, credPtr, oid, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireCredByOid(MemorySegment minor, MemorySegment cred, MemorySegment oid, MemorySegment setOut) {
        try {
            return (int) INQUIRE_CRED_BY_OID.get().invokeExact(minor, cred, oid,
                    setOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- contexts ----------------------------------------------------------------------------------------------

    static int initSecContext(MemorySegment minor, MemorySegment cred, MemorySegment ctxPtr, MemorySegment target,
                              MemorySegment mech, int flags, int time, MemorySegment bindings, MemorySegment input,
                              MemorySegment actualMech, MemorySegment output, MemorySegment retFlags,
                              MemorySegment timeRec) {
        try {
            return (int) INIT_SEC_CONTEXT.get().invokeExact(minor, cred, ctxPtr, target, mech, flags, time, bindings,
                    input, actualMech, output, retFlags, timeRec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int acceptSecContext(MemorySegment minor, MemorySegment ctxPtr, MemorySegment cred, MemorySegment input,
                                MemorySegment bindings, MemorySegment srcName, MemorySegment mech,
                                MemorySegment output, MemorySegment retFlags, MemorySegment timeRec,
                                MemorySegment delegated) {
        try {
            return (int) ACCEPT_SEC_CONTEXT.get().invokeExact(minor, ctxPtr, cred, input, bindings, srcName, mech, output,
                    retFlags, timeRec, delegated);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int deleteSecContext(MemorySegment minor, MemorySegment ctxPtr, MemorySegment output) {
        try {
            return (int) DELETE_SEC_CONTEXT.get().invokeExact(minor, ctxPtr, output);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int inquireContext(MemorySegment minor, MemorySegment ctx, MemorySegment src, MemorySegment targ,
                              MemorySegment lifetime, MemorySegment mech, MemorySegment flags,
                              MemorySegment locallyInitiated, MemorySegment open) {
        try {
            return (int) INQUIRE_CONTEXT.get().invokeExact(minor, ctx, src, targ, lifetime, mech, flags, locallyInitiated,
                    open);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int contextTime(MemorySegment minor, MemorySegment ctx, MemorySegment time) {
        try {
            return (int) CONTEXT_TIME.get().invokeExact(minor, ctx, time);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int exportSecContext(MemorySegment minor, MemorySegment ctxPtr, MemorySegment token) {
        try {
            return (int) EXPORT_SEC_CONTEXT.get().invokeExact(minor, ctxPtr, token);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int importSecContext(MemorySegment minor, MemorySegment token, MemorySegment ctxPtr) {
        try {
            return (int) IMPORT_SEC_CONTEXT.get().invokeExact(minor, token, ctxPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int krb5ExportLucidSecContext(MemorySegment minor, MemorySegment ctxPtr, int version,
                                         MemorySegment lucidOut) {
        try {
            return (int) KRB5_EXPORT_LUCID.get()
                    .invokeExact(minor, ctxPtr, version, lucidOut);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int krb5FreeLucidSecContext(MemorySegment minor, MemorySegment lucid) {
        try {
            return (int) KRB5_FREE_LUCID.get().invokeExact(minor, lucid);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- per-message -------------------------------------------------------------------------------------------

    static int wrap(MemorySegment minor, MemorySegment ctx, int conf, int qop, MemorySegment input,
                    MemorySegment confState, MemorySegment output) {
        try {
            return (int) WRAP.get().invokeExact(minor, ctx, conf, qop, input, confState, output);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int unwrap(MemorySegment minor, MemorySegment ctx, MemorySegment input, MemorySegment output,
                      MemorySegment confState, MemorySegment qop) {
        try {
            return (int) UNWRAP.get().invokeExact(minor, ctx, input, output, confState, qop);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getMic(MemorySegment minor, MemorySegment ctx, int qop, MemorySegment message, MemorySegment token) {
        try {
            return (int) GET_MIC.get().invokeExact(minor, ctx, qop, message, token);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int verifyMic(MemorySegment minor, MemorySegment ctx, MemorySegment message, MemorySegment token,
                         MemorySegment qop) {
        try {
            return (int) VERIFY_MIC.get().invokeExact(minor, ctx, message, token, qop);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int wrapSizeLimit(MemorySegment minor, MemorySegment ctx, int conf, int qop, int requested,
                             MemorySegment max) {
        try {
            return (int) WRAP_SIZE_LIMIT.get().invokeExact(minor, ctx, conf, qop, requested, max);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---- exported data symbols ---------------------------------------------------------------------------------

    /**
     * The address of an exported data symbol such as {@code gss_mech_krb5} (a {@code gss_OID} variable), sized to
     * hold one pointer.
     */
    static Optional<MemorySegment> dataSymbol(String name) {
        return LIB.find(name).map(s -> s.reinterpret(ADDRESS.byteSize()));
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private static SymbolLookup load() {
        try {
            return SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new UnsatisfiedLinkError("cannot load " + LIBRARY + " (" + e.getMessage() + "): install the MIT"
                    + " krb5 GSS-API library (Debian/Ubuntu: libgssapi-krb5-2, Fedora: krb5-libs) or point the"
                    + " system property gssproxy4j.libgssapi at it");
        }
    }

    private static Downcall fn(String name, int pointerArgs) {
        return fn(name, Downcall.pointers(pointerArgs));
    }

    private static Downcall fn(String name, MemoryLayout... args) {
        MemorySegment symbol = LIB.find(name).orElseThrow(() -> new UnsatisfiedLinkError(
                LIBRARY + " lacks " + name + ": gssproxy4j needs MIT krb5 1.12 or newer"));
        return new Downcall(LIBRARY, name, Optional.of(symbol), FunctionDescriptor.of(JAVA_INT, args));
    }

    private static Downcall optionalFn(String name, int pointerArgs) {
        return optionalFn(name, Downcall.pointers(pointerArgs));
    }

    private static Downcall optionalFn(String name, MemoryLayout... args) {
        return Downcall.optional(LIBRARY, LIB, name, args);
    }

    /** True when the library exports the optional function {@code name}. */
    static boolean has(String name) {
        return LIB.find(name).isPresent();
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }
}
