package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.GssNames;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.rpc.RpcMessage;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import dev.gssproxy4j.xdr.XdrReader;
import java.util.Optional;

/** Classifies what came back for a {@link Mutant} into an {@link Outcome}. */
final class Outcomes {

    private Outcomes() {
    }

    static Outcome classify(FuzzConnection.Reply reply, Mutant mutant) {
        return switch (reply) {
            case FuzzConnection.Closed closed -> Outcome.closed(closed.why().equals("end of stream") ? ""
                    : closed.why());
            case FuzzConnection.TimedOut timedOut -> Outcome.timeout();
            case FuzzConnection.Record record -> record(record.bytes(), mutant);
        };
    }

    private static Outcome record(byte[] bytes, Mutant mutant) {
        RpcReply header;
        try {
            RpcMessage message = RpcMessage.decode(new XdrReader(bytes, XdrLimits.DEFAULT));
            if (!(message instanceof RpcReply reply)) {
                return Outcome.malformed("a CALL message");
            }
            header = reply;
        } catch (XdrDecodeException e) {
            return Outcome.malformed("RPC header does not decode");
        }
        if (mutant.exact() && header.xid() != mutant.xid()) {
            return Outcome.malformed("another xid");
        }
        if (!(header.body() instanceof RpcReply.Success)) {
            return Outcome.rpc(header.statusName().replace("MSG_ACCEPTED/", ""));
        }
        Optional<Procedure> procedure = mutant.procedure();
        if (procedure.isEmpty()) {
            return Outcome.gss("(results of an unknown procedure)");
        }
        try {
            Optional<GssxRes> results = GssProxyMessages.decodeReply(procedure.get(), bytes).result();
            return results.map(r -> Outcome.gss(GssNames.major(r.status().majorStatus())))
                    .orElseGet(() -> Outcome.malformed("SUCCESS without results"));
        } catch (XdrDecodeException e) {
            return mutant.exact() ? Outcome.malformed(procedure.get() + " results do not decode")
                    : Outcome.gss("(results of another procedure)");
        }
    }
}
