package dev.gssproxy4j.it;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;

/**
 * Reads the daemon's context handle back out of a token from {@code ProxyContext.export()} (magic, version,
 * initiator flag, then {@code gssx_ctx}), to show what the provider holds for a context.
 */
final class ExportedContexts {

    private ExportedContexts() {}

    static GssxCtx handle(byte[] exported) {
        XdrReader reader = new XdrReader(exported, XdrLimits.DEFAULT);
        reader.readInt("magic");
        reader.readInt("version");
        reader.readBool("initiator");
        return reader.struct("gssx_ctx", GssxCtx::decode);
    }
}
