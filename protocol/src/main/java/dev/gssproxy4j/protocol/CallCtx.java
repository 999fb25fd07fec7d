package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_call_ctx}, first field of every argument. Upstream never uses {@code locale} or
 * {@code server_ctx}; the kernel sends its {@code exported_context_type}/{@code exported_creds_type} options here.
 */
public record CallCtx(@WireField(Display.TEXT) Opaque locale,
                      Opaque serverCtx,
                      List<GssxOption> options) implements GssxStruct {

    /** Empty locale, empty server_ctx, no options: what the interposer sends. */
    public static final CallCtx EMPTY = new CallCtx(Opaque.EMPTY, Opaque.EMPTY, List.of());

    public CallCtx {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(serverCtx, "serverCtx");
        options = List.copyOf(options);
    }

    public static CallCtx withOptions(List<GssxOption> options) {
        return new CallCtx(Opaque.EMPTY, Opaque.EMPTY, options);
    }

    public static CallCtx decode(XdrReader reader) {
        return new CallCtx(reader.readOpaque("locale"), reader.readOpaque("server_ctx"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(locale).writeOpaque(serverCtx);
        GssxStruct.encodeList(writer, options);
    }
}
