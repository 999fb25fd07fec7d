package dev.gssproxy4j.protocol.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.Golden;
import dev.gssproxy4j.protocol.Procedure;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireDumpTest {

    private static String dump(String name, boolean secrets) {
        return WireDump.describe(Golden.read(name), Golden.procedure(name), secrets);
    }

    @Test
    void secretsAreHiddenUnlessAskedFor() {
        String tokenStart = "000000092a864886f712010202025ea1"; // mechglue framing + krb5 OID + MIT magic
        String hidden = dump("accept/04-ACCEPT_SEC_CONTEXT.reply.bin", false);
        assertFalse(hidden.contains(tokenStart), hidden);
        assertTrue(hidden.contains("    80        exported_context_token = <1172 bytes #"), hidden);
        assertTrue(hidden.contains("output_token = <156 bytes #"), hidden);
        assertTrue(hidden.contains("exported_name = <37 bytes #"), hidden);

        String shown = dump("accept/04-ACCEPT_SEC_CONTEXT.reply.bin", true);
        assertTrue(shown.contains("exported_context_token = <1172> " + tokenStart), shown);
        String cred = dump("init/01-ACQUIRE_CRED.reply.bin", false);
        assertTrue(cred.contains("cred_handle_reference = <1403 bytes #"), cred);
    }

    @Test
    void textOidsAndStatusesAreReadable() {
        String call = dump("accept/05-IMPORT_AND_CANON_NAME.call.bin", false);
        assertTrue(call.contains("option = <10> \"localname\\0\""), call);
        assertTrue(call.contains("display_name = <18> \"alice@EXAMPLE.TEST\""), call);
        assertTrue(call.contains("name_type = <10> 1.2.840.113554.1.2.2.1 (GSS_KRB5_NT_PRINCIPAL_NAME)"), call);
        assertTrue(call.contains("mech = <0> (empty)"), call);
        String reply = dump("accept/05-IMPORT_AND_CANON_NAME.reply.bin", false);
        assertTrue(reply.contains("value = <5> \"alice\""), reply);
        assertTrue(reply.contains("output_name = absent (0)"), reply);

        String init = dump("init/02-INIT_SEC_CONTEXT.reply.bin", false);
        assertTrue(init.contains("major_status = 0x1 GSS_S_CONTINUE_NEEDED"), init);
        assertTrue(init.contains("ctx_flags = 0x136 MUTUAL|REPLAY|CONF|INTEG|TRANS"), init);
        assertTrue(init.contains("mech = <9> 1.2.840.113554.1.2.2 (krb5)"), init);
        String replay = dump("errors/14-gss-replay.reply.bin", false);
        assertTrue(replay.contains("major_status = 0xd0000 GSS_S_FAILURE"), replay);
        assertTrue(replay.contains("minor_status = 2529638946 (0x96c73a22)"), replay);
    }

    @Test
    void binaryOptionValuesAreHidden() {
        String kernel = dump("kernel/01-ACCEPT_SEC_CONTEXT-alice.reply.bin", false);
        assertTrue(kernel.contains("option = <15> \"linux_creds_v1\\0\""), kernel);
        assertTrue(kernel.contains("value = <20 bytes #"), kernel);
    }

    @Test
    void headerShowsRpcFieldsAndProcedureName() {
        String call = dump("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin", false);
        assertTrue(call.startsWith("     0  record mark 0x8000038c: last fragment, 908 bytes\n"), call);
        assertTrue(call.contains("     4  xid = 0x4b410001\n"), call);
        assertTrue(call.contains("    12  rpcvers = 2, prog = 400112, vers = 1, proc = 9 ACCEPT_SEC_CONTEXT"), call);
        assertTrue(call.contains("    28  cred = AUTH_NONE (0), body <0 bytes>"), call);
        assertTrue(call.contains("    44  gssx_arg_accept_sec_context (868 bytes) {"), call);
        String auth = dump("errors/06-auth-sys.call.bin", false);
        assertTrue(auth.contains("cred = AUTH_SYS (1), body <32> stamp 0, machinename \"localhost\", uid 0"), auth);
        String denied = dump("errors/06-auth-sys.reply.bin", false);
        assertTrue(denied.contains("    20  auth_stat = 7 AUTH_FAILED"), denied);
    }

    @Test
    void invalidRecordsEndInAnErrorLineWithOffsetAndField() {
        assertTrue(dump("errors/05-garbage-args.call.bin", false).contains("    84  !! arguments do not decode as "
                + "gssx_arg_accept_sec_context: gssx_arg_accept_sec_context.call_ctx.options[0].value"));
        assertTrue(dump("errors/08-msgtype-reply.call.bin", false).contains("    28  !! a SUCCESS reply carries"));
        assertTrue(dump("errors/09-truncated-header.call.bin", false)
                .contains("    28  !! RPC header does not decode: cred.flavor"));
        assertTrue(dump("errors/10-cred-body-401.call.bin", false).contains("    32  !! RPC header does not decode: "
                + "cred.body: length 401 exceeds the cap of 400"));
        assertTrue(dump("errors/11-non-last-fragment.call.bin", false)
                .contains("     0  !! record mark without the last-fragment bit"));
        String tooBig = dump("errors/12-mark-too-big.call.bin", false);
        assertTrue(tooBig.contains("more than the maximum of 1048576"), tooBig);
        assertTrue(tooBig.contains("only 4 follow"), tooBig);
        assertTrue(WireDump.describe(new byte[] {1, 2}, Optional.empty(), false).contains("!! only 2 bytes"));
    }

    @Test
    void repliesWithoutHintAreNotGuessed() {
        String reply = WireDump.describe(Golden.read("errors/15-gss-defective-token.reply.bin"), Optional.empty(),
                false);
        assertTrue(reply.contains("    28  -- 80 bytes of results not decoded"), reply);
        assertEquals(Optional.of(Procedure.ACCEPT_SEC_CONTEXT),
                WireDump.procedureOfCall(Golden.read("errors/15-gss-defective-token.call.bin")));
        assertEquals(Optional.empty(), WireDump.procedureOfCall(Golden.read("errors/03-proc-0.call.bin")));
    }

    @Test
    void foreignProgramsAreNotDecoded() {
        String wrong = dump("errors/01-wrong-program.call.bin", false);
        assertTrue(wrong.contains("prog = 400113 (not GSS-Proxy 400112)"), wrong);
        assertTrue(wrong.contains("    44  -- 868 bytes of arguments not decoded"), wrong);
    }

    @Test
    void javaNamesBecomeXdrNames() {
        assertEquals("exported_context_token", ValueDump.snakeCase("exportedContextToken"));
        assertEquals("saslname_sasl_mech_name", ValueDump.snakeCase("saslnameSaslMechName"));
        assertEquals("open", ValueDump.snakeCase("open"));
    }
}
