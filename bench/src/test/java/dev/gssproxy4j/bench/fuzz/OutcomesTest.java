package dev.gssproxy4j.bench.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.rpc.AcceptStat;
import dev.gssproxy4j.rpc.RpcReply;
import dev.gssproxy4j.xdr.Opaque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    private static final Mutant CALL = new Mutant(7, Target.ACCEPTOR, "indicate", Optional.of(Procedure.INDICATE_MECHS),
            "INDICATE_MECHS seed", "INDICATE_MECHS seed", GssProxyMessages.encodeCall(7, Procedure.INDICATE_MECHS,
            Args.indicateMechs(), GssProxyMessages.MAX_RECORD), true, false);

    @Test
    void gssStatusesByNameRpcErrorsAndNoAnswer() {
        ResIndicateMechs failed = new ResIndicateMechs(GssxStatus.of(0xd0000, Opaque.EMPTY, 0, "", ""), List.of(),
                List.of(), List.of(), List.of());
        assertEquals(Outcome.gss("GSS_S_FAILURE"), Outcomes.classify(reply(GssProxyMessages.encodeReply(7,
                Procedure.INDICATE_MECHS, failed, GssProxyMessages.MAX_RECORD)), CALL));
        assertEquals(new Outcome(Outcome.Kind.SYSTEM_ERR, "RPC SYSTEM_ERR"), Outcomes.classify(reply(
                GssProxyMessages.encodeRpcError(RpcReply.accepted(7, AcceptStat.SYSTEM_ERR))), CALL));
        assertEquals(Outcome.rpc("GARBAGE_ARGS"), Outcomes.classify(reply(GssProxyMessages.encodeRpcError(
                RpcReply.accepted(7, AcceptStat.GARBAGE_ARGS))), CALL));
        assertEquals(Outcome.closed(""), Outcomes.classify(new FuzzConnection.Closed("end of stream"), CALL));
        assertEquals(Outcome.timeout(), Outcomes.classify(new FuzzConnection.TimedOut(), CALL));
    }

    @Test
    void aReplyToAnotherXidOrThatDoesNotDecodeIsMalformed() {
        assertEquals(Outcome.Kind.MALFORMED, Outcomes.classify(reply(GssProxyMessages.encodeRpcError(
                RpcReply.accepted(8, AcceptStat.GARBAGE_ARGS))), CALL).kind());
        byte[] success = GssProxyMessages.encodeRpcError(RpcReply.success(7));
        assertEquals(Outcome.Kind.MALFORMED, Outcomes.classify(reply(success), CALL).kind());
    }

    private static FuzzConnection.Record reply(byte[] record) {
        return new FuzzConnection.Record(Arrays.copyOfRange(record, 4, record.length));
    }
}
