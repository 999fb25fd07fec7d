package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_option}: one entry of a typed hole ({@code options<>} or {@code extensions<>}), kept exactly
 * as received.
 *
 * <p>Upstream peers (the gssproxy daemon, its client library and the Linux kernel) put C string literals on the
 * wire with {@code len = sizeof("literal")}, i.e. <b>including the trailing NUL</b>, and the daemon matches option
 * names with {@code gpopt_string_match}, a {@code memcmp} over that length: a name sent without the NUL is not
 * recognised by upstream. Build options with {@link #of} so that they carry the NUL like the C clients'.
 * {@link #nameIs} is lenient and matches with or without it.
 */
public record GssxOption(@WireField(Display.TEXT) Opaque option,
                         @WireField(Display.OPTION_VALUE) Opaque value) implements GssxStruct {

    public GssxOption {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
    }

    /** {@code name} with its trailing NUL (as the C clients send it) and {@code value} verbatim. */
    public static GssxOption of(String name, Opaque value) {
        return new GssxOption(Opaque.cString(name), value);
    }

    /** Name and value both as C strings with their trailing NUL, e.g. {@code "sync_modified_creds\0"="default\0"}. */
    public static GssxOption of(String name, String value) {
        return new GssxOption(Opaque.cString(name), Opaque.cString(value));
    }

    /** Whether the option's name is {@code name}, with or without a trailing NUL on the wire. */
    public boolean nameIs(String name) {
        return option.textEquals(name);
    }

    /** The name without its trailing NUL. */
    public String name() {
        return option.toText();
    }

    /** The value as text without one trailing NUL (meaningful only for text-valued options). */
    public String valueText() {
        return value.toText();
    }

    public static GssxOption decode(XdrReader reader) {
        return new GssxOption(reader.readOpaque("option"), reader.readOpaque("value"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(option).writeOpaque(value);
    }

    /** Decodes {@code gssx_option field<>}. */
    public static List<GssxOption> decodeList(XdrReader reader, String field) {
        return reader.readArray(field, GssxOption::decode);
    }
}
