/**
 * The GSS-API mechanism layer: the only code of gssproxy4j that calls native code, MIT krb5's
 * {@code libgssapi_krb5.so.2}, through {@code java.lang.foreign} (one class holds the downcall handles).
 *
 * <p>Start at {@link dev.gssproxy4j.mech.Gss}. Handles ({@link dev.gssproxy4j.mech.GssName},
 * {@link dev.gssproxy4j.mech.GssCred}, {@link dev.gssproxy4j.mech.SecContext}) own their native objects and are
 * closed explicitly; everything else is a record, and no native memory address escapes this package. Failures are
 * {@link dev.gssproxy4j.mech.GssException}s that carry a {@link dev.gssproxy4j.mech.GssStatus} with the
 * {@code gss_display_status} text. Calls that may block (KDC traffic, ccache/keytab locks) belong on platform
 * threads. The protocol-free API mirrors RFC 2743/2744 and MIT's extensions
 * (cred store, export/import of credentials, lucid contexts, S4U2Self); {@code dev.gssproxy4j.mech.posix} holds
 * the libc calls the daemon needs.
 */
package dev.gssproxy4j.mech;
