package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.MechAttr;
import dev.gssproxy4j.protocol.MechInfo;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgIndicateMechs;
import dev.gssproxy4j.protocol.proc.ResIndicateMechs;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.testkit.CapturedRecords;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** INDICATE_MECHS against the real MIT library, compared with upstream's reply captured on this platform. */
class IndicateMechsTest {

    private static CallContext call;

    @BeforeAll
    static void resources() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        call = ServerRealm.call(ServiceConfig.builder("any").euid(ServerRealm.CALLER_UID).build(),
                ServerRealm.resourcesWithoutRealm());
    }

    @AfterAll
    static void stop() {
    }

    @Test
    void replyIsByteIdenticalToUpstreamExceptTheXid() {
        byte[] golden = CapturedRecords.read("accept/01-INDICATE_MECHS.reply.bin");
        int xid = ByteBuffer.wrap(golden, 4, 4).getInt();
        ResIndicateMechs result = new IndicateMechs().handle(new ArgIndicateMechs(CallCtx.EMPTY), call);
        byte[] ours = GssProxyMessages.encodeReply(xid, Procedure.INDICATE_MECHS, result, GssProxyMessages.MAX_RECORD);
        assertEquals(golden.length, ours.length, "reply size differs from upstream's 5372-byte reply (golden taken"
                + " with Debian 12's MIT krb5 1.20.1; another MIT version lists other mechs or attributes)");
        assertArrayEquals(golden, ours);
    }

    @Test
    void everyMechanismIsDescribedAndEveryAttributeHasItsTexts() {
        ResIndicateMechs result = new IndicateMechs().handle(new ArgIndicateMechs(CallCtx.EMPTY), call);
        assertTrue(result.status().isComplete());
        MechInfo krb5 = result.mechs().stream().filter(m -> m.mech().equals(Oids.KRB5)).findFirst().orElseThrow();
        assertTrue(krb5.nameTypes().containsAll(List.of(Oids.NT_HOSTBASED_SERVICE, Oids.KRB5_NT_PRINCIPAL_NAME,
                Oids.NT_EXPORT_NAME)));
        assertEquals("GS2-KRB5", krb5.saslnameSaslMechName().toText());
        assertEquals("krb5", krb5.saslnameMechName().toText());
        assertTrue(krb5.mechAttrs().contains(Oids.fromDotted("1.3.6.1.5.5.13.1")), "GSS_C_MA_MECH_CONCRETE");

        Set<Opaque> listed = new HashSet<>();
        result.mechs().forEach(m -> {
            listed.addAll(m.mechAttrs());
            listed.addAll(m.knownMechAttrs());
        });
        List<Opaque> described = result.mechAttrDescs().stream().map(MechAttr::attr).toList();
        assertEquals(listed, Set.copyOf(described));
        assertEquals(described.size(), Set.copyOf(described).size(), "each attribute described once");
        MechAttr concrete = result.mechAttrDescs().getFirst();
        assertEquals("GSS_C_MA_MECH_CONCRETE", concrete.name().toText());
        assertEquals("concrete-mech", concrete.shortDesc().toText());
        assertTrue(!concrete.name().endsWithNul(), "texts are sent without a NUL, as upstream copies them");
    }

    @Test
    void theAnswerIsComputedOnceAndServedFromTheCache() {
        IndicateMechs handler = new IndicateMechs();
        ResIndicateMechs first = handler.handle(new ArgIndicateMechs(CallCtx.EMPTY), call);
        assertSame(first, handler.handle(new ArgIndicateMechs(CallCtx.EMPTY), call));
    }
}
