package dev.gssproxy4j.mech;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@code MEMORY:} keytab holding a copy of another keytab's entries, made by {@link Gss#copyKeytab}. Credentials
 * that name it ({@code gss_import_cred} of a token whose keytab is {@link #name()}) accept without touching the
 * source file. MIT keeps a MEMORY keytab while any handle to it is open and zeroes its keys when the last one
 * closes; this object holds one handle, so the copy outlives {@link #close()} exactly as long as credentials still
 * use it. Do not let a credential resolve {@link #name()} after close: MIT would create an empty keytab of that name.
 */
public final class MemoryKeytab implements AutoCloseable {

    private final String name;
    private final int entries;
    private final Krb5Native.KeytabCopy copy;
    private final AtomicBoolean closed = new AtomicBoolean();

    MemoryKeytab(String name, Krb5Native.KeytabCopy copy) {
        this.name = name;
        this.entries = copy.entries();
        this.copy = copy;
    }

    /** The keytab name, {@code MEMORY:...}, as {@code krb5_kt_resolve} and exported credentials spell it. */
    public String name() {
        return name;
    }

    /** Entries copied (principal, kvno, enctype triples). */
    public int entries() {
        return entries;
    }

    /** Closes this handle; the copy ends when credentials that resolved it are released too. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Krb5Native.closeKeytab(copy);
        }
    }
}
