package dev.gssproxy4j.rpc;

import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;

/**
 * RFC 5531 section 9: {@code struct reply_body} with its xid. For {@link Success} the procedure's results follow
 * the header in the same record.
 */
public record RpcReply(int xid, Body body) implements RpcMessage {

    /** Every accept and reject outcome of RFC 5531, one record each. */
    public sealed interface Body permits Success, ProgMismatch, AcceptedError, RpcMismatch, AuthError {}

    /** MSG_ACCEPTED / SUCCESS: results follow. */
    public record Success(OpaqueAuth verifier) implements Body {}

    /** MSG_ACCEPTED / PROG_MISMATCH with the lowest and highest supported version. */
    public record ProgMismatch(OpaqueAuth verifier, int low, int high) implements Body {}

    /** MSG_ACCEPTED with PROG_UNAVAIL, PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR (no further data). */
    public record AcceptedError(OpaqueAuth verifier, AcceptStat stat) implements Body {
        public AcceptedError {
            if (stat == AcceptStat.SUCCESS || stat == AcceptStat.PROG_MISMATCH) {
                throw new IllegalArgumentException(stat + " has its own reply type");
            }
        }
    }

    /** MSG_DENIED / RPC_MISMATCH with the lowest and highest supported RPC version. */
    public record RpcMismatch(int low, int high) implements Body {}

    /** MSG_DENIED / AUTH_ERROR with the reason. */
    public record AuthError(AuthStat stat) implements Body {}

    public static RpcReply success(int xid) {
        return new RpcReply(xid, new Success(OpaqueAuth.NONE));
    }

    /** A reply to {@code xid} with an accepted-but-failed status and the AUTH_NONE verifier, as upstream sends. */
    public static RpcReply accepted(int xid, AcceptStat stat) {
        return new RpcReply(xid, new AcceptedError(OpaqueAuth.NONE, stat));
    }

    /** The status for messages and logs, e.g. {@code MSG_ACCEPTED/PROC_UNAVAIL}. */
    public String statusName() {
        return switch (body) {
            case Success s -> "MSG_ACCEPTED/SUCCESS";
            case ProgMismatch m -> "MSG_ACCEPTED/PROG_MISMATCH(" + m.low() + "," + m.high() + ")";
            case AcceptedError e -> "MSG_ACCEPTED/" + e.stat();
            case RpcMismatch m -> "MSG_DENIED/RPC_MISMATCH(" + m.low() + "," + m.high() + ")";
            case AuthError a -> "MSG_DENIED/AUTH_ERROR(" + a.stat() + ")";
        };
    }

    static RpcReply decodeBody(int xid, XdrReader reader) {
        ReplyStat replyStat = reader.readEnum("reply_stat", ReplyStat.class);
        return new RpcReply(xid, switch (replyStat) {
            case MSG_ACCEPTED -> decodeAccepted(reader);
            case MSG_DENIED -> decodeDenied(reader);
        });
    }

    private static Body decodeAccepted(XdrReader reader) {
        OpaqueAuth verifier = reader.struct("verf", OpaqueAuth::decode);
        AcceptStat stat = reader.readEnum("accept_stat", AcceptStat.class);
        return switch (stat) {
            case SUCCESS -> new Success(verifier);
            case PROG_MISMATCH -> new ProgMismatch(verifier, reader.readInt("low"), reader.readInt("high"));
            default -> new AcceptedError(verifier, stat);
        };
    }

    private static Body decodeDenied(XdrReader reader) {
        RejectStat stat = reader.readEnum("reject_stat", RejectStat.class);
        return switch (stat) {
            case RPC_MISMATCH -> new RpcMismatch(reader.readInt("low"), reader.readInt("high"));
            case AUTH_ERROR -> new AuthError(reader.readEnum("auth_stat", AuthStat.class));
        };
    }

    @Override
    public void encode(XdrWriter writer) {
        writer.writeInt(xid).writeEnum(MsgType.REPLY);
        switch (body) {
            case Success s -> accepted(writer, s.verifier()).writeEnum(AcceptStat.SUCCESS);
            case ProgMismatch m -> accepted(writer, m.verifier()).writeEnum(AcceptStat.PROG_MISMATCH)
                    .writeInt(m.low()).writeInt(m.high());
            case AcceptedError e -> accepted(writer, e.verifier()).writeEnum(e.stat());
            case RpcMismatch m -> writer.writeEnum(ReplyStat.MSG_DENIED).writeEnum(RejectStat.RPC_MISMATCH)
                    .writeInt(m.low()).writeInt(m.high());
            case AuthError a -> writer.writeEnum(ReplyStat.MSG_DENIED).writeEnum(RejectStat.AUTH_ERROR)
                    .writeEnum(a.stat());
        }
    }

    private static XdrWriter accepted(XdrWriter writer, OpaqueAuth verifier) {
        writer.writeEnum(ReplyStat.MSG_ACCEPTED);
        verifier.encode(writer);
        return writer;
    }
}
