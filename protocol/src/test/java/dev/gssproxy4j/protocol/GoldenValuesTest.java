package dev.gssproxy4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.xdr.Opaque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spot checks of decoded values against shared/wire/README.md and the decoded.txt files. */
class GoldenValuesTest {

    private static GssxArg args(String name) {
        return ((DecodedMessage.Args) Golden.decode(name).body()).args();
    }

    private static GssxRes result(String name) {
        return ((DecodedMessage.Results) Golden.decode(name).body()).result();
    }

    @Test
    void acceptReplyCarriesTheExportedContextAndNames() {
        ResAcceptSecContext res = (ResAcceptSecContext) result("accept/04-ACCEPT_SEC_CONTEXT.reply.bin");
        assertTrue(res.status().isComplete());
        assertEquals(Oids.KRB5, res.status().mech());
        GssxCtx ctx = res.contextHandle().orElseThrow();
        assertEquals(1172, ctx.exportedContextToken().length());
        assertEquals(Opaque.EMPTY, ctx.state());
        assertEquals("alice@EXAMPLE.TEST", ctx.srcName().displayText());
        assertEquals(18, ctx.srcName().displayName().length());
        assertEquals(Oids.KRB5_NT_PRINCIPAL_NAME, ctx.srcName().nameType());
        assertEquals(239, ctx.srcName().exportedCompositeName().length());
        assertEquals("host/localhost@EXAMPLE.TEST", ctx.targName().displayText());
        assertEquals(86700, ctx.lifetime());
        assertEquals(0x1b6, ctx.ctxFlags());
        assertFalse(ctx.locallyInitiated());
        assertTrue(ctx.open());
        assertEquals(156, res.outputToken().orElseThrow().length());
        assertEquals(Optional.empty(), res.delegatedCredHandle());
        assertEquals(List.of(), res.options());
    }

    @Test
    void kernelCallSendsOptionNamesWithTheirNul() {
        ArgAcceptSecContext arg = (ArgAcceptSecContext) args("kernel/01-ACCEPT_SEC_CONTEXT-alice.call.bin");
        List<GssxOption> options = arg.callCtx().options();
        assertEquals(2, options.size());
        assertEquals(Opaque.cString("exported_context_type"), options.get(0).option());
        assertEquals(22, options.get(0).option().length());
        assertEquals(Opaque.cString("linux_lucid_v1"), options.get(0).value());
        assertEquals(20, options.get(1).option().length());
        assertEquals(GssxOption.of(Options.EXPORTED_CREDS_TYPE, Options.LINUX_CREDS_V1), options.get(1));
        assertEquals(Optional.of("linux_lucid_v1"), Options.valueText(options, Options.EXPORTED_CONTEXT_TYPE));
        assertEquals(Optional.empty(), arg.contextHandle());
        assertEquals(Optional.empty(), arg.credHandle());
        assertEquals(739, arg.inputToken().length());
        assertFalse(arg.retDelegCred());
    }

    @Test
    void kernelReplyCarriesLucidContextAndLinuxCreds() {
        ResAcceptSecContext res = (ResAcceptSecContext) result("kernel/01-ACCEPT_SEC_CONTEXT-alice.reply.bin");
        GssxCtx ctx = res.contextHandle().orElseThrow();
        assertEquals(52, ctx.exportedContextToken().length());
        assertEquals(Opaque.EMPTY, ctx.srcName().exportedCompositeName());
        assertEquals(0x1b2, ctx.ctxFlags());
        GssxOption creds = Options.find(res.options(), Options.LINUX_CREDS_V1).orElseThrow();
        assertEquals(15, creds.option().length());
        assertEquals("e2030000e103000002000000e103000064000000", creds.value().toHex());

        ResAcceptSecContext bob = (ResAcceptSecContext) result("kernel/02-ACCEPT_SEC_CONTEXT-bob-unmapped.reply.bin");
        assertEquals("ffffffffffffffff00000000",
                Options.value(bob.options(), Options.LINUX_CREDS_V1).orElseThrow().toHex());
        ResAcceptSecContext noMutual =
                (ResAcceptSecContext) result("kernel/03-ACCEPT_SEC_CONTEXT-alice-nomutual.reply.bin");
        assertEquals(Optional.of(Opaque.EMPTY), noMutual.outputToken(), "present but empty");
    }

    @Test
    void firstInitLegIsContinueNeededWithAPartialContext() {
        ResInitSecContext res = (ResInitSecContext) result("init/02-INIT_SEC_CONTEXT.reply.bin");
        assertEquals(1, res.status().majorStatus());
        assertEquals(Opaque.cString("The routine must be called again to complete its function"),
                res.status().majorStatusString());
        assertEquals(58, res.status().majorStatusString().length());
        GssxCtx partial = res.contextHandle().orElseThrow();
        assertEquals(622, partial.exportedContextToken().length());
        assertEquals(GssxName.EMPTY, partial.srcName());
        assertEquals(GssxName.EMPTY, partial.targName());
        assertTrue(partial.locallyInitiated());
        assertFalse(partial.open());
        assertEquals(0x136, partial.ctxFlags());
        assertEquals(721, res.outputToken().orElseThrow().length());

        ArgInitSecContext secondLeg = (ArgInitSecContext) args("init/04-INIT_SEC_CONTEXT.call.bin");
        assertEquals(Optional.of(partial), secondLeg.contextHandle(), "partial context is echoed verbatim");
        assertEquals(156, secondLeg.inputToken().orElseThrow().length());
        assertEquals(Optional.empty(), ((ResInitSecContext) result("init/04-INIT_SEC_CONTEXT.reply.bin"))
                .outputToken(), "final leg: output token absent");
    }

    @Test
    void initCallTargetHasNoNulButSyncOptionHasTwo() {
        ArgInitSecContext arg = (ArgInitSecContext) args("init/02-INIT_SEC_CONTEXT.call.bin");
        GssxName target = arg.targetName().orElseThrow();
        assertEquals(Opaque.utf8("host@localhost"), target.displayName());
        assertEquals(Oids.NT_HOSTBASED_SERVICE, target.nameType());
        assertEquals(Oids.KRB5, arg.mechType());
        assertEquals(0x6, arg.reqFlags());
        assertEquals(List.of(GssxOption.of(Options.SYNC_MODIFIED_CREDS, "default")), arg.options());
        assertEquals(Optional.empty(), arg.inputToken());
    }

    @Test
    void acquireCredRoundTripsTheHandleVerbatim() {
        ArgAcquireCred first = (ArgAcquireCred) args("accept/02-ACQUIRE_CRED.call.bin");
        assertEquals(Opaque.cString("host@localhost"), first.desiredName().orElseThrow().displayName());
        assertEquals(CredUsage.ACCEPT, first.credUsage());
        assertEquals(List.of(Oids.KRB5), first.desiredMechs());

        ResAcquireCred reply = (ResAcquireCred) result("accept/02-ACQUIRE_CRED.reply.bin");
        GssxCred cred = reply.outputCredHandle().orElseThrow();
        assertEquals(211, cred.credHandleReference().length());
        assertFalse(cred.needsRelease());
        CredElement element = cred.elements().getFirst();
        assertEquals(CredUsage.ACCEPT, element.credUsage());
        assertEquals(0xffffffffL, element.acceptorTimeRec());
        assertEquals("host/localhost@EXAMPLE.TEST", element.mn().displayText());

        ArgAcquireCred second = (ArgAcquireCred) args("accept/03-ACQUIRE_CRED.call.bin");
        assertEquals(Optional.of(cred), second.inputCredHandle());
        assertEquals(0xffffffffL, second.timeReq());
        assertEquals(cred, ((ArgAcceptSecContext) args("accept/04-ACCEPT_SEC_CONTEXT.call.bin"))
                .credHandle().orElseThrow());
        assertEquals(cred, GssxCred.fromXdr(cred.toXdr(), dev.gssproxy4j.xdr.XdrLimits.DEFAULT));
    }

    @Test
    void localnameGoesOutWithNulAndComesBackWithout() {
        ArgImportAndCanonName arg = (ArgImportAndCanonName) args("accept/05-IMPORT_AND_CANON_NAME.call.bin");
        assertEquals(List.of(GssxOption.of(Options.LOCALNAME, Opaque.EMPTY)), arg.options());
        assertEquals(Opaque.EMPTY, arg.mech());
        ResImportAndCanonName res = (ResImportAndCanonName) result("accept/05-IMPORT_AND_CANON_NAME.reply.bin");
        assertEquals(Optional.empty(), res.outputName());
        assertEquals(Opaque.utf8("alice"), Options.value(res.options(), Options.LOCALNAME).orElseThrow());
    }

    @Test
    void indicateMechsListsKrb5IakerbAndSpnego() {
        ResIndicateMechs res = (ResIndicateMechs) result("accept/01-INDICATE_MECHS.reply.bin");
        assertEquals(List.of(Oids.KRB5, Oids.IAKERB, Oids.SPNEGO), res.mechs().stream().map(MechInfo::mech).toList());
        MechInfo krb5 = res.mechs().getFirst();
        assertEquals(9, krb5.nameTypes().size());
        assertEquals(14, krb5.mechAttrs().size());
        assertEquals(28, krb5.knownMechAttrs().size());
        assertEquals("GS2-KRB5", krb5.saslnameSaslMechName().toText());
        assertEquals(28, res.mechAttrDescs().size());
        assertEquals("GSS_C_MA_MECH_CONCRETE", res.mechAttrDescs().getFirst().name().toText());
    }

    @Test
    void gssErrorsTravelInsideARpcSuccess() {
        GssxStatus replay = result("errors/14-gss-replay.reply.bin").status();
        assertEquals(0xd0000, replay.majorStatus());
        assertEquals(0x96c73a22L, replay.minorStatus(), "u32 minor, not sign-extended");
        assertEquals(Opaque.EMPTY, replay.mech());
        assertEquals(Opaque.cString("Request is a replay"), replay.minorStatusString());
        GssxStatus defective = result("errors/15-gss-defective-token.reply.bin").status();
        assertEquals(GssxStatus.of(0x90000, Opaque.EMPTY, 0, "Invalid token was supplied", ""), defective);
    }

    @Test
    void xidsAreOpaqueIncludingZero() {
        assertEquals(0x62309a43, Golden.decode("accept/01-INDICATE_MECHS.call.bin").header().xid());
        assertEquals(0, Golden.decode("init/01-ACQUIRE_CRED.call.bin").header().xid());
        assertEquals("8000003462309a43", HexFormat.of().formatHex(Golden.read("accept/01-INDICATE_MECHS.call.bin"),
                0, 8));
    }
}
