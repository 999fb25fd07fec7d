package dev.gssproxy4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.proc.ResGetCallContext;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET_CALL_CONTEXT's list read, and answered from an environment; no socket. */
class EnvironmentOptionsTest {

    private static ResGetCallContext listing(GssxStatus status, GssxOption... options) {
        return new ResGetCallContext(status, Opaque.EMPTY, List.of(options));
    }

    @Test
    void wantedKeepsKnownVariablesOnceInOrderAndOnlyFromACompleteResult() {
        ResGetCallContext result = listing(GssxStatus.COMPLETE,
                GssxOption.of("gssproxy4j.env.KRB5_KTNAME", Opaque.EMPTY),
                GssxOption.of("gssproxy4j.env.LD_PRELOAD", Opaque.EMPTY),
                GssxOption.of("gssproxy4j.sealed_only", "1"),
                GssxOption.of("gssproxy4j.env.KRB5CCNAME", Opaque.EMPTY),
                GssxOption.of("gssproxy4j.env.KRB5_KTNAME", Opaque.EMPTY));
        assertEquals(List.of(ClientEnvVar.KRB5_KTNAME, ClientEnvVar.KRB5CCNAME), EnvironmentOptions.wanted(result));
        GssxStatus failed = new GssxStatus(0xd0000, Opaque.EMPTY, 0, Opaque.EMPTY, Opaque.EMPTY, Opaque.EMPTY,
                List.of());
        assertEquals(List.of(), EnvironmentOptions.wanted(listing(failed,
                GssxOption.of("gssproxy4j.env.KRB5CCNAME", Opaque.EMPTY))));
    }

    @Test
    void answerSendsSetVariablesAsCStrings() {
        List<GssxOption> options = EnvironmentOptions.answer(List.of(ClientEnvVar.KRB5CCNAME,
                ClientEnvVar.KRB5_CLIENT_KTNAME, ClientEnvVar.KRB5_KTNAME),
                Map.of("KRB5CCNAME", "FILE:/tmp/krb5cc_1000", "KRB5_KTNAME", "")::get);
        assertEquals(List.of(new GssxOption(Opaque.cString("gssproxy4j.env.KRB5CCNAME"),
                Opaque.cString("FILE:/tmp/krb5cc_1000"))), options, "unset and empty variables are not sent");
    }
}
