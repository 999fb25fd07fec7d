package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_ctx}: a security context handle plus its {@code gss_inquire_context} outputs.
 *
 * <p>{@code exported_context_token} and {@code state} are plain (always present) buffers: upstream commit
 * 0df3328 "We do not need pointers in gssx_ctx" removed the {@code *} that older copies of {@code gss_proxy.x}
 * show, and every real peer (daemon, interposer, Linux kernel) encodes them without a discriminant. Upstream puts
 * {@code gss_export_sec_context} output (or a lucid context for the kernel) in the token, leaves {@code state}
 * empty and {@code needs_release} false; a partial context (CONTINUE_NEEDED) has {@code open} false and empty
 * names. {@code lifetime} is seconds remaining when issued.
 */
public record GssxCtx(Opaque exportedContextToken,
                      Opaque state,
                      boolean needsRelease,
                      @WireField(Display.OID) Opaque mech,
                      GssxName srcName,
                      GssxName targName,
                      long lifetime,
                      @WireField(Display.CTX_FLAGS) long ctxFlags,
                      boolean locallyInitiated,
                      boolean open,
                      List<GssxOption> options) implements GssxStruct {

    public GssxCtx {
        Objects.requireNonNull(exportedContextToken, "exportedContextToken");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(mech, "mech");
        Objects.requireNonNull(srcName, "srcName");
        Objects.requireNonNull(targName, "targName");
        options = List.copyOf(options);
    }

    /** This context with another {@code exported_context_token} and {@code state}, every other field kept. */
    public GssxCtx withTokenAndState(Opaque token, Opaque newState) {
        return new GssxCtx(token, newState, needsRelease, mech, srcName, targName, lifetime, ctxFlags,
                locallyInitiated, open, options);
    }

    /** This context with another {@code lifetime} (seconds remaining), every other field kept. */
    public GssxCtx withLifetime(long seconds) {
        return new GssxCtx(exportedContextToken, state, needsRelease, mech, srcName, targName, seconds, ctxFlags,
                locallyInitiated, open, options);
    }

    public static GssxCtx decode(XdrReader reader) {
        return new GssxCtx(
                reader.readOpaque("exported_context_token"),
                reader.readOpaque("state"),
                reader.readBool("needs_release"),
                reader.readOpaque("mech"),
                reader.struct("src_name", GssxName::decode),
                reader.struct("targ_name", GssxName::decode),
                reader.readHyper("lifetime"),
                reader.readHyper("ctx_flags"),
                reader.readBool("locally_initiated"),
                reader.readBool("open"),
                GssxOption.decodeList(reader, "options"));
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeOpaque(exportedContextToken).writeOpaque(state).writeBool(needsRelease).writeOpaque(mech);
        srcName.encode(writer);
        targName.encode(writer);
        writer.writeHyper(lifetime).writeHyper(ctxFlags).writeBool(locallyInitiated).writeBool(open);
        GssxStruct.encodeList(writer, options);
    }
}
