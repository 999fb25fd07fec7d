package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finding and building {@code gssx_option} lists without handling NULs by hand. Names are matched with or without
 * a trailing NUL (see {@link GssxOption} for why upstream needs it on what we send).
 *
 * <p>The constants are every option name upstream uses (behaviour reference, section 1), and gssproxy4j's own
 * extensions, whose names start with {@code gssproxy4j.} (docs/PROTOCOL.md).
 */
public final class Options {

    /** call_ctx: return a lucid context; value {@link #LINUX_LUCID_V1}. */
    public static final String EXPORTED_CONTEXT_TYPE = "exported_context_type";
    public static final String LINUX_LUCID_V1 = "linux_lucid_v1";
    /** call_ctx: return uid/gid/groups on accept; value {@link #LINUX_CREDS_V1}. */
    public static final String EXPORTED_CREDS_TYPE = "exported_creds_type";
    /** Accept reply option carrying the uid/gid/groups blob (host byte order). */
    public static final String LINUX_CREDS_V1 = "linux_creds_v1";
    /** acquire_cred: value {@link #IMPERSONATE_NAME} runs S4U2Self with the input cred. */
    public static final String ACQUIRE_TYPE = "acquire_type";
    public static final String IMPERSONATE_NAME = "impersonate_name";
    /** init/accept request: value {@code "default"}; the reply may then carry {@link #SYNC_CREDS}. */
    public static final String SYNC_MODIFIED_CREDS = "sync_modified_creds";
    /** init/accept reply: value is the XDR of a refreshed {@code gssx_cred}. */
    public static final String SYNC_CREDS = "sync_creds";
    /** import_and_canon_name, both ways: request the local user name / carry it back. */
    public static final String LOCALNAME = "localname";
    /** Cred element option: allowed enctypes as host-endian int32s. */
    public static final String KRB5_SET_ALLOWED_ENCTYPE_VALUES = "krb5_set_allowed_enctype_values";
    /** Cred element option with an empty value. */
    public static final String KRB5_SET_NO_CI_FLAGS = "krb5_set_no_ci_flags";

    /**
     * call_ctx, gssproxy4j's extension: value {@link #SEALED_ONLY_ON} asks that a context come back only as the
     * daemon's sealed copy ({@code gssx_ctx.state}), never as MIT's clear export, which holds the session keys.
     * Upstream ignores options it does not know.
     */
    public static final String SEALED_ONLY = "gssproxy4j.sealed_only";
    public static final String SEALED_ONLY_ON = "1";

    private Options() {}

    /** The first option named {@code name}. */
    public static Optional<GssxOption> find(List<GssxOption> options, String name) {
        return options.stream().filter(option -> option.nameIs(name)).findFirst();
    }

    public static boolean contains(List<GssxOption> options, String name) {
        return find(options, name).isPresent();
    }

    /** The raw value of the first option named {@code name}. */
    public static Optional<Opaque> value(List<GssxOption> options, String name) {
        return find(options, name).map(GssxOption::value);
    }

    /** The value of the first option named {@code name} as text, without one trailing NUL. */
    public static Optional<String> valueText(List<GssxOption> options, String name) {
        return find(options, name).map(GssxOption::valueText);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an immutable option list in insertion order (order is kept on the wire). */
    public static final class Builder {
        private final List<GssxOption> options = new ArrayList<>();

        /** Name and value as C strings with their trailing NUL, as the C clients send them. */
        public Builder add(String name, String value) {
            return add(GssxOption.of(name, value));
        }

        /** Name as a C string; the value verbatim (binary values, or text sent without a NUL). */
        public Builder add(String name, Opaque value) {
            return add(GssxOption.of(name, value));
        }

        public Builder add(GssxOption option) {
            options.add(option);
            return this;
        }

        public List<GssxOption> build() {
            return List.copyOf(options);
        }
    }
}
