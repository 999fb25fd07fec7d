package dev.gssproxy4j.mech;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point to MIT krb5's GSS-API (RFC 2743/2744 and MIT extensions) through {@code java.lang.foreign}. Thread-safe;
 * one instance per JVM ({@link #get()}).
 *
 * <p>Handles ({@link GssName}, {@link GssCred}, {@link SecContext}) own native objects: close them explicitly (a
 * Cleaner frees forgotten ones eventually). Values are records; byte arrays are copied in and out. Every failure
 * is a {@link GssException} carrying the status with its {@code gss_display_status} text.
 *
 * <p><b>Blocking.</b> Methods marked "may block" can talk to a KDC or lock files: call them on a platform thread
 * (native code pins a virtual thread's carrier for the whole call). Per-message calls and name calls do not block.
 *
 * <p><b>Environment.</b> MIT reads {@code KRB5_CONFIG}, {@code KRB5CCNAME}, {@code KRB5_KTNAME} etc. whenever it
 * creates a krb5 context, i.e. on most calls; see {@link dev.gssproxy4j.mech.posix.Posix#setenv}.
 */
public final class Gss {

    /** {@code GSS_C_INDEFINITE} as a lifetime result (unsigned 32-bit all ones). */
    public static final long INDEFINITE = 0xffffffffL;
    /** Lifetime request meaning "the mechanism's default". */
    public static final int LIFETIME_DEFAULT = 0;
    /** Lifetime request meaning {@code GSS_C_INDEFINITE}. */
    public static final int LIFETIME_INDEFINITE = -1;

    private static final Gss INSTANCE = new Gss();

    private Gss() {
    }

    /**
     * The facade; loads {@code libgssapi_krb5.so.2} on first use.
     *
     * @throws UnsatisfiedLinkError naming the library and the package to install when it is missing
     */
    public static Gss get() {
        Mechs.librarySymbol("gss_mech_krb5"); // forces the library to load now, with a clear error
        Krb5Native.keepProfileLoaded();
        return INSTANCE;
    }

    // ---- names (do not block) ----------------------------------------------------------------------------------

    /** {@code gss_import_name} (RFC 2743 section 2.4.5); {@code nameType} null = mechanism default syntax. */
    public GssName importName(byte[] value, Oid nameType) {
        return GssName.importName(value, nameType);
    }

    /** {@code gss_import_name} of UTF-8 text. */
    public GssName importName(String value, Oid nameType) {
        return importName(value.getBytes(StandardCharsets.UTF_8), nameType);
    }

    /** {@code gss_compare_name}. */
    public boolean compare(GssName a, GssName b) {
        return a.compare(b);
    }

    /** {@code gss_localname}: the local account for {@code name}. */
    public String localname(GssName name, Oid mech) {
        return name.localname(mech);
    }

    // ---- credentials (may block) -------------------------------------------------------------------------------

    /**
     * {@code gss_acquire_cred_from}: a credential for {@code nameOrNull} (null = default principal) from the
     * cred store ({@code ccache}, {@code client_keytab}, {@code keytab}, {@code rcache}, ...; an empty map means
     * MIT's defaults). {@code mechs} empty = all mechanisms. May block.
     */
    public GssCred acquireCred(GssName nameOrNull, int lifetimeSec, List<Oid> mechs, CredUsage usage,
                               Map<String, String> credStore) {
        return Creds.acquire(nameOrNull, lifetimeSec, mechs, usage, credStore);
    }

    /**
     * {@code gss_acquire_cred_with_password} (MIT extension): gets an initial ticket for {@code name} from the KDC
     * with {@code password}, as {@code kinit} does, into a credential held in memory ({@link #storeCredInto} writes
     * it to a ccache). May block.
     */
    public GssCred acquireCredWithPassword(GssName name, byte[] password, int lifetimeSec, List<Oid> mechs,
                                           CredUsage usage) {
        return Creds.acquireWithPassword(name, password, lifetimeSec, mechs, usage);
    }

    /** {@code gss_add_cred_from}: a new credential with the elements of {@code input} plus one for {@code mech}. */
    public GssCred addCred(GssCred input, GssName nameOrNull, Oid mech, CredUsage usage, int initiatorLifetime,
                           int acceptorLifetime, Map<String, String> credStore) {
        return Creds.add(input, nameOrNull, mech, usage, initiatorLifetime, acceptorLifetime, credStore);
    }

    /** {@code gss_inquire_cred}; null inquires the default credential. May block. */
    public CredInfo inquireCred(GssCred credOrNull) {
        return GssCred.inquire(credOrNull);
    }

    /** {@code gss_inquire_cred_by_mech}. */
    public CredMechInfo inquireCredByMech(GssCred cred, Oid mech) {
        return cred.inquireByMech(mech);
    }

    /** {@code gss_export_cred}. */
    public byte[] exportCred(GssCred cred) {
        return cred.export();
    }

    /** {@code gss_import_cred}. May block. */
    public GssCred importCred(byte[] token) {
        return Creds.importCred(token);
    }

    /** {@code gss_store_cred_into}. May block. */
    public StoreResult storeCredInto(GssCred cred, CredUsage usage, Oid mech, boolean overwrite,
                                     boolean makeDefault, Map<String, String> credStore) {
        return cred.storeInto(usage, mech, overwrite, makeDefault, credStore);
    }

    /** {@code gss_acquire_cred_impersonate_name}: S4U2Self for {@code user} with the impersonator's TGT. May block. */
    public GssCred acquireCredImpersonateName(GssCred impersonator, GssName user, int lifetimeSec, List<Oid> mechs,
                                              CredUsage usage) {
        return Creds.impersonate(impersonator, user, lifetimeSec, mechs, usage);
    }

    /** {@code gss_krb5_set_allowable_enctypes}. */
    public void setAllowableEnctypes(GssCred cred, int[] enctypes) {
        cred.setAllowableEnctypes(enctypes);
    }

    /** {@code gss_set_cred_option(GSS_KRB5_CRED_NO_CI_FLAGS_X)}. */
    public void setNoCiFlags(GssCred cred) {
        cred.setNoCiFlags();
    }

    // ---- contexts ----------------------------------------------------------------------------------------------

    /**
     * {@code gss_init_sec_context}: pass {@code ctx} null on the first call, then the returned context with the
     * acceptor's token. {@code cred} null = default credential. May block (fetches service tickets).
     */
    public InitResult initSecContext(GssCred cred, SecContext ctx, GssName target, Oid mech, int reqFlags,
                                     int timeReq, ChannelBindings bindings, byte[] inputToken) {
        return Establish.init(cred, ctx, target, mech, reqFlags, timeReq, bindings, inputToken);
    }

    /**
     * {@code gss_accept_sec_context}: pass {@code ctx} null on the first call. {@code cred} null = default
     * acceptor credential. May block (keytab, replay cache).
     */
    public AcceptResult acceptSecContext(SecContext ctx, GssCred cred, byte[] inputToken, ChannelBindings bindings) {
        return Establish.accept(ctx, cred, inputToken, bindings, true);
    }

    /**
     * As {@link #acceptSecContext}, without asking for {@code src_name} ({@link AcceptResult#srcName()} is null):
     * for callers that inquire the context's names anyway. A name the library hands out costs MIT two krb5
     * contexts (one to describe it for the mechanism glue, one to release it).
     */
    public AcceptResult acceptSecContextNoName(SecContext ctx, GssCred cred, byte[] inputToken,
                                               ChannelBindings bindings) {
        return Establish.accept(ctx, cred, inputToken, bindings, false);
    }

    /** {@code gss_inquire_context}. */
    public ContextInfo inquireContext(SecContext ctx) {
        return ctx.inquire();
    }

    /** {@code gss_export_sec_context}; closes {@code ctx}. */
    public byte[] exportContext(SecContext ctx) {
        return ctx.export();
    }

    /**
     * {@code gss_import_sec_context}. MIT's context internalizer is not built for hostile input: pass only tokens
     * this process exported itself (the daemon opens its sealed copies first, see {@link InputChecks}).
     */
    public SecContext importContext(byte[] token) {
        return Establish.importContext(token);
    }

    /** How many times this process has called {@code gss_import_sec_context}: tests prove a refusal made none. */
    public long contextImports() {
        return Establish.IMPORTS.sum();
    }

    /** {@code gss_krb5_export_lucid_sec_context}; closes {@code ctx}. */
    public LucidContext exportLucid(SecContext ctx, int version) {
        return ctx.exportLucid(version);
    }

    /** {@code gss_context_time}. */
    public long contextTime(SecContext ctx) {
        return ctx.contextTime();
    }

    // ---- mechanisms (do not block) -----------------------------------------------------------------------------

    /** {@code gss_indicate_mechs}. */
    public List<Oid> indicateMechs() {
        return Mechs.indicate();
    }

    /** {@code gss_inquire_names_for_mech}. */
    public List<Oid> namesForMech(Oid mech) {
        return Mechs.namesFor(mech);
    }

    /** {@code gss_inquire_attrs_for_mech}. */
    public MechAttrs attrsForMech(Oid mech) {
        return Mechs.attrsFor(mech);
    }

    /** {@code gss_display_mech_attr}. */
    public MechAttrInfo displayMechAttr(Oid attr) {
        return Mechs.displayAttr(attr);
    }

    /** {@code gss_inquire_saslname_for_mech}. */
    public SaslMechInfo saslNameForMech(Oid mech) {
        return Mechs.saslNameFor(mech);
    }

    // ---- status and introspection ------------------------------------------------------------------------------

    /**
     * A status with its {@code gss_display_status} text, e.g. for a failure the caller detected itself. Minor codes
     * are the ones the library handed out (MIT maps mechanism codes); the extended krb5 text of a failure is only
     * available on the failing thread right after the call, which is why {@link GssException} captures it there.
     */
    public GssStatus displayStatus(long major, long minor, Oid mech) {
        return StatusText.describe(major & INDEFINITE, minor & INDEFINITE, mech);
    }

    /**
     * Destroys the credential cache {@code name} (e.g. a per-call {@code MEMORY:} ccache) with
     * {@code krb5_cc_destroy}; a MEMORY ccache otherwise lives until the process exits.
     *
     * @throws GssException GSS_S_FAILURE with the krb5 error as minor code if it cannot be destroyed
     */
    public void destroyCcache(String name) {
        int code = Krb5Native.destroyCcache(name);
        if (code != 0) {
            throw new GssException("krb5_cc_destroy", displayStatus(MajorStatus.GSS_S_FAILURE.value(),
                    Integer.toUnsignedLong(code), Oid.KRB5));
        }
    }

    /**
     * Copies the keytab {@code source} (e.g. {@code FILE:/etc/krb5.keytab}) into a new {@code MEMORY:} keytab
     * {@code memoryName}, which must be a name nothing else in this process uses. May block (reads the file).
     *
     * @param memoryName the name after {@code MEMORY:}; letters, digits, {@code -} and {@code .} only
     * @throws GssException GSS_S_FAILURE with the krb5 error as minor code if the source cannot be read
     */
    public MemoryKeytab copyKeytab(String source, String memoryName) {
        if (!memoryName.matches("[A-Za-z0-9.-]{1,64}")) {
            throw new IllegalArgumentException("MEMORY keytab names here are letters, digits, '-' and '.', got "
                    + memoryName);
        }
        String name = "MEMORY:" + memoryName;
        try {
            return new MemoryKeytab(name, Krb5Native.copyKeytab(source, name));
        } catch (Krb5Native.Krb5Failure e) {
            throw new GssException(e.call, displayStatus(MajorStatus.GSS_S_FAILURE.value(),
                    Integer.toUnsignedLong(e.code), Oid.KRB5));
        }
    }

    /**
     * Copies the credential cache {@code source} (read only) into {@code target}, which is initialized for the
     * source's principal first: e.g. a caller's file into a private {@code MEMORY:} ccache. May block (reads the
     * file).
     *
     * @throws GssException GSS_S_FAILURE with the krb5 error as minor code if either cannot be used
     */
    public void copyCcache(String source, String target) {
        try {
            Krb5Native.copyCcache(source, target);
        } catch (Krb5Native.Krb5Failure e) {
            throw new GssException(e.call, displayStatus(MajorStatus.GSS_S_FAILURE.value(),
                    Integer.toUnsignedLong(e.code), Oid.KRB5));
        }
    }

    /** The OID an exported {@code gss_OID} data symbol points at, e.g. {@code "GSS_C_NT_HOSTBASED_SERVICE"}. */
    public Optional<Oid> libraryOid(String symbol) {
        return Mechs.librarySymbol(symbol);
    }

    /** Native names, credentials and contexts currently owned by unclosed Java objects (leak checks, metrics). */
    public long openHandles() {
        return NativeRef.live();
    }
}
