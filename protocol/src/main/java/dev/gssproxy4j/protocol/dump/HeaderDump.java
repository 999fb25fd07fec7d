package dev.gssproxy4j.protocol.dump;

import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.AuthStat;
import dev.gssproxy4j.rpc.MsgType;
import dev.gssproxy4j.rpc.OpaqueAuth;
import dev.gssproxy4j.rpc.RejectStat;
import dev.gssproxy4j.rpc.ReplyStat;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;

/**
 * Prints an RFC 5531 section 9 header field by field while reading it, so that a header that breaks off still
 * shows everything before the break. Throws {@link XdrDecodeException} at the first bad field.
 */
final class HeaderDump {

    private final XdrReader reader;
    private final DumpLines out;
    private final boolean showSecrets;

    private HeaderDump(XdrReader reader, DumpLines out, boolean showSecrets) {
        this.reader = reader;
        this.out = out;
        this.showSecrets = showSecrets;
    }

    /** Prints the header and leaves {@code reader} at the first byte of the body. */
    static void print(XdrReader reader, DumpLines out, boolean showSecrets) {
        new HeaderDump(reader, out, showSecrets).message();
    }

    private void message() {
        int at = reader.position();
        out.line(at, 0, String.format("xid = 0x%08x", reader.readInt("xid")));
        at = reader.position();
        MsgType type = reader.readEnum("msg_type", MsgType.class);
        out.line(at, 0, "msg_type = " + type.wireValue() + " " + type);
        if (type == MsgType.CALL) {
            call();
        } else {
            reply();
        }
    }

    private void call() {
        int at = reader.position();
        int rpcvers = reader.readInt("rpcvers");
        int prog = reader.readInt("prog");
        int vers = reader.readInt("vers");
        int proc = reader.readInt("proc");
        boolean ours = prog == Procedure.PROGRAM && vers == Procedure.VERSION;
        String procName = proc == 0 ? "NULLPROC" : Procedure.fromWire(proc).map(Procedure::upstreamName)
                .orElse("(no such GSS-Proxy procedure)");
        out.line(at, 0, "rpcvers = " + unsigned(rpcvers) + (rpcvers == 2 ? "" : " (not 2)")
                + ", prog = " + unsigned(prog) + (prog == Procedure.PROGRAM ? "" : " (not GSS-Proxy 400112)")
                + ", vers = " + unsigned(vers) + (vers == Procedure.VERSION ? "" : " (not 1)")
                + ", proc = " + unsigned(proc) + (ours ? " " + procName : ""));
        auth("cred");
        auth("verf");
    }

    private void reply() {
        int at = reader.position();
        ReplyStat stat = reader.readEnum("reply_stat", ReplyStat.class);
        out.line(at, 0, "reply_stat = " + stat.wireValue() + " " + stat);
        if (stat == ReplyStat.MSG_ACCEPTED) {
            auth("verf");
            at = reader.position();
            AcceptStat accept = reader.readEnum("accept_stat", AcceptStat.class);
            out.line(at, 0, "accept_stat = " + accept.wireValue() + " " + accept);
            if (accept == AcceptStat.PROG_MISMATCH) {
                mismatch();
            }
            return;
        }
        at = reader.position();
        RejectStat reject = reader.readEnum("reject_stat", RejectStat.class);
        out.line(at, 0, "reject_stat = " + reject.wireValue() + " " + reject);
        if (reject == RejectStat.RPC_MISMATCH) {
            mismatch();
        } else {
            at = reader.position();
            AuthStat auth = reader.readEnum("auth_stat", AuthStat.class);
            out.line(at, 0, "auth_stat = " + auth.wireValue() + " " + auth);
        }
    }

    private void mismatch() {
        int at = reader.position();
        long low = reader.readUnsignedInt("low");
        long high = reader.readUnsignedInt("high");
        out.line(at, 0, "mismatch_info = low " + low + ", high " + high);
    }

    private void auth(String field) {
        int at = reader.position();
        OpaqueAuth auth = reader.struct(field,
                r -> new OpaqueAuth(r.readInt("flavor"), r.readOpaque("body", OpaqueAuth.MAX_BODY)));
        String body = auth.flavor() == OpaqueAuth.AUTH_SYS ? authSys(auth)
                : WireText.hidden(auth.body(), showSecrets);
        out.line(at, 0, field + " = " + auth.flavorName() + " (" + unsigned(auth.flavor()) + "), body " + body);
    }

    /** RFC 5531 appendix A {@code authsys_parms}: not secret, so shown decoded. */
    private static String authSys(OpaqueAuth auth) {
        try {
            XdrReader body = new XdrReader(auth.body().toByteArray(), XdrLimits.DEFAULT);
            long stamp = body.readUnsignedInt("stamp");
            String machine = WireText.quoted(body.readOpaque("machinename", 255));
            long uid = body.readUnsignedInt("uid");
            long gid = body.readUnsignedInt("gid");
            var gids = body.readArray("gids", 16, r -> r.readUnsignedInt("gid"));
            return "<" + auth.body().length() + "> stamp " + stamp + ", machinename " + machine + ", uid " + uid
                    + ", gid " + gid + ", gids " + gids;
        } catch (XdrDecodeException e) {
            return "<" + auth.body().length() + "> " + auth.body().toHex() + " (not valid authsys_parms)";
        }
    }

    private static String unsigned(int value) {
        return Integer.toUnsignedString(value);
    }
}
