package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.List;
import java.util.Objects;

/**
 * {@code struct gssx_cred}: a credential handle as the client holds it. {@code cred_handle_reference} is the
 * server's sealed state (upstream: its encrypted {@code gss_export_cred} output); clients echo the whole struct
 * back verbatim and must never interpret it. Upstream sets {@code needs_release} to false (stateless).
 */
public record GssxCred(GssxName desiredName,
                       List<CredElement> elements,
                       Opaque credHandleReference,
                       boolean needsRelease) implements GssxStruct {

    public GssxCred {
        Objects.requireNonNull(desiredName, "desiredName");
        elements = List.copyOf(elements);
        Objects.requireNonNull(credHandleReference, "credHandleReference");
    }

    public static GssxCred decode(XdrReader reader) {
        return new GssxCred(
                reader.struct("desired_name", GssxName::decode),
                reader.readArray("elements", CredElement::decode),
                reader.readOpaque("cred_handle_reference"),
                reader.readBool("needs_release"));
    }

    /** Decodes a whole XDR blob holding one {@code gssx_cred} (the {@code sync_creds} option value). */
    public static GssxCred fromXdr(Opaque blob, XdrLimits limits) {
        XdrReader reader = new XdrReader(blob.toByteArray(), limits);
        GssxCred cred = reader.struct("gssx_cred", GssxCred::decode);
        reader.expectEnd("gssx_cred");
        return cred;
    }

    @Override
    public void encode(XdrWriter writer) {
        desiredName.encode(writer);
        GssxStruct.encodeList(writer, elements);
        writer.writeOpaque(credHandleReference).writeBool(needsRelease);
    }
}
