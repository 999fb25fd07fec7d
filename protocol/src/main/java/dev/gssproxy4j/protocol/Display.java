package dev.gssproxy4j.protocol;

/**
 * How the wire dumper shows a record component. Opaque components default to {@link #OPAQUE}, which hides the
 * contents (length and short hash only): tokens, keys, handle references and exported contexts must never be
 * printed unless the user asked for secrets.
 */
public enum Display {
    /** The natural form of the component's type: numbers in decimal, opaques hidden. */
    DEFAULT,
    /** Hidden bytes: {@code <N bytes #hash>}, hex only with show-secrets. */
    OPAQUE,
    /** Display text (names, status strings, option names); a trailing NUL shows as {@code \0}. */
    TEXT,
    /** {@code gssx_OID}: dotted form plus a well-known name. */
    OID,
    /** An option value: quoted if it is printable text, hidden otherwise. */
    OPTION_VALUE,
    /** A GSS major status code (RFC 2744 section 3.9.1), shown in hex with its name. */
    MAJOR_STATUS,
    /** GSS context flags (RFC 2744 section 5.19), shown in hex with their names. */
    CTX_FLAGS
}
