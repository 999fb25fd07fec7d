package dev.gssproxy4j.jgss.gss;

import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import org.ietf.jgss.GSSException;

/**
 * The interprocess token of {@link ProxyContext#export()}: a magic number, a version, whether the context is the
 * initiator's, and the daemon's {@code gssx_ctx} as XDR. It holds only what the daemon gave this process: with
 * gssproxy4j the sealed copy (useless to any other uid or service), with upstream MIT's clear export.
 */
final class ContextExport {

    /** "gp4c": gssproxy4j context. */
    private static final int MAGIC = 0x67703463;
    private static final int VERSION = 1;
    private static final int MAX_TOKEN = 64 * 1024;

    private ContextExport() {}

    record Decoded(boolean initiator, GssxCtx handle) {}

    static byte[] encode(boolean initiator, GssxCtx handle) {
        XdrWriter writer = new XdrWriter(MAX_TOKEN).writeInt(MAGIC).writeInt(VERSION).writeBool(initiator);
        handle.encode(writer);
        return writer.toByteArray();
    }

    /** @throws GSSException DEFECTIVE_TOKEN if {@code token} is not one whole token of this format */
    static Decoded decode(byte[] token) throws GSSException {
        if (token.length > MAX_TOKEN) {
            throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "an exported context has at most " + MAX_TOKEN
                    + " bytes, this one " + token.length);
        }
        try {
            XdrReader reader = new XdrReader(token, new XdrLimits(MAX_TOKEN, 64));
            if (reader.readInt("magic") != MAGIC) {
                throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "not a context exported by gssproxy4j-jgss");
            }
            int version = reader.readInt("version");
            if (version != VERSION) {
                throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "exported context version " + version
                        + " is not supported (this provider writes version " + VERSION + ")");
            }
            boolean initiator = reader.readBool("initiator");
            GssxCtx handle = reader.struct("gssx_ctx", GssxCtx::decode);
            reader.expectEnd("exported context");
            return new Decoded(initiator, handle);
        } catch (XdrDecodeException e) {
            throw GssErrors.local(GSSException.DEFECTIVE_TOKEN, "the exported context is malformed: "
                    + e.getMessage());
        }
    }
}
