package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;

/**
 * RFC 5531 section 9: {@code struct call_body} with its xid. Numbers are kept as received (unsigned values in an
 * int) so that a server can answer RPC_MISMATCH, PROG_UNAVAIL, PROG_MISMATCH or PROC_UNAVAIL about them.
 */
public record RpcCall(int xid, int rpcVersion, int program, int version, int procedure,
                      OpaqueAuth credential, OpaqueAuth verifier) implements RpcMessage {

    /** RFC 5531 section 8: the only RPC protocol version. */
    public static final int RPC_VERSION = 2;

    /** A version-2 call with AUTH_NONE credential and verifier, as every GSS-Proxy client sends. */
    public static RpcCall of(int xid, int program, int version, int procedure) {
        return new RpcCall(xid, RPC_VERSION, program, version, procedure, OpaqueAuth.NONE, OpaqueAuth.NONE);
    }

    static RpcCall decodeBody(int xid, XdrReader reader) {
        int rpcVersion = reader.readInt("rpcvers");
        int program = reader.readInt("prog");
        int version = reader.readInt("vers");
        int procedure = reader.readInt("proc");
        OpaqueAuth credential = reader.struct("cred", OpaqueAuth::decode);
        OpaqueAuth verifier = reader.struct("verf", OpaqueAuth::decode);
        return new RpcCall(xid, rpcVersion, program, version, procedure, credential, verifier);
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeInt(xid).writeEnum(MsgType.CALL)
                .writeInt(rpcVersion).writeInt(program).writeInt(version).writeInt(procedure);
        credential.encode(writer);
        verifier.encode(writer);
    }
}
