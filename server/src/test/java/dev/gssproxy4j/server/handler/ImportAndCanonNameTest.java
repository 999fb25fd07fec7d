package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IMPORT_AND_CANON_NAME with the real MIT library (default auth_to_local rules of the test realm). */
class ImportAndCanonNameTest {

    private static final List<GssxOption> LOCALNAME = List.of(GssxOption.of(Options.LOCALNAME, Opaque.EMPTY));

    private static ServerRealm realm;
    private static CallContext call;
    private final ImportAndCanonName handler = new ImportAndCanonName();

    @BeforeAll
    static void start() {
        realm = new ServerRealm();
        call = ServerRealm.call(realm.initiatorService(), realm.resources());
    }

    @AfterAll
    static void stop() {
        realm.close();
    }

    @Test
    void localnameOfAPrincipalOfTheDefaultRealmIsItsFirstComponent() throws InterruptedException {
        ResImportAndCanonName result = handler.handle(request(principal("root"), Opaque.EMPTY, LOCALNAME), call);
        assertTrue(result.status().isComplete());
        assertTrue(result.outputName().isEmpty(), "upstream leaves output_name absent for localname (accept/05)");
        assertEquals(1, result.options().size());
        GssxOption option = result.options().getFirst();
        assertEquals(Opaque.cString("localname"), option.option());
        assertEquals(Opaque.utf8("root"), option.value(), "the user name is sent without a NUL");
    }

    @Test
    void localnameWithTheKrb5MechanismAndAnExportedNameOnly() throws InterruptedException {
        GssxName canonical = handler.handle(request(principal(ServerRealm.USER), Oids.KRB5, List.of()), call)
                .outputName().orElseThrow();
        GssxName exportedOnly = new GssxName(Opaque.EMPTY, Opaque.EMPTY, canonical.exportedName(), Opaque.EMPTY,
                List.of(), List.of());
        ResImportAndCanonName result = handler.handle(request(exportedOnly, Oids.KRB5, LOCALNAME), call);
        assertEquals(Opaque.utf8(ServerRealm.USER), Options.value(result.options(), Options.LOCALNAME).orElseThrow());
        assertEquals(Oids.KRB5, result.status().mech(), "status names the requested mechanism, as upstream's");
    }

    @Test
    void aPrincipalWithoutTranslationFailsWithTheLibrarysStatus() {
        GssException e = assertThrows(GssException.class,
                () -> handler.handle(request(principal("HTTP/www.example.org"), Opaque.EMPTY, LOCALNAME), call));
        assertTrue(e.status().isError());
        assertFalse(e.status().minorMessage().isEmpty(), e.getMessage());
    }

    @Test
    void withAMechanismTheNameIsCanonicalizedToAnExportableMechanismName() throws InterruptedException {
        GssxName hostbased = GssxName.of(ServerRealm.TARGET, Oids.NT_HOSTBASED_SERVICE);
        GssxName out = handler.handle(request(hostbased, Oids.KRB5, List.of()), call).outputName().orElseThrow();
        assertEquals(realm.realm.principal(ServerRealm.SERVICE_PRINCIPAL), out.displayText());
        assertEquals(Oids.KRB5_NT_PRINCIPAL_NAME, out.nameType());
        assertTrue(out.exportedName().length() > 0, "a mechanism name exports (RFC 2743 section 3.2)");
        assertFalse(out.displayName().endsWithNul());
    }

    @Test
    void withoutAMechanismTheImportedNameIsDescribedAsIs() throws InterruptedException {
        GssxName hostbased = GssxName.of(ServerRealm.TARGET, Oids.NT_HOSTBASED_SERVICE);
        ResImportAndCanonName result = handler.handle(request(hostbased, Opaque.EMPTY, List.of()), call);
        GssxName out = result.outputName().orElseThrow();
        assertEquals(ServerRealm.TARGET, out.displayText());
        assertEquals(Oids.NT_HOSTBASED_SERVICE, out.nameType());
        assertTrue(out.exportedName().isEmpty(), "not a mechanism name, so nothing to export");
        assertTrue(result.status().isComplete());
        assertTrue(result.status().mech().isEmpty());
    }

    @Test
    void anEmptyNameIsRefusedWithEinval() throws InterruptedException {
        ResImportAndCanonName result = DispatchedCall.run(handler, request(GssxName.EMPTY, Opaque.EMPTY, LOCALNAME),
                call);
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), result.status().majorStatus());
        assertEquals(Errno.EINVAL.code(), result.status().minorStatus());
        assertTrue(result.outputName().isEmpty());
        assertTrue(result.options().isEmpty());
    }

    @Test
    void aMechThatIsNotAnOidIsRefused() throws InterruptedException {
        GssException e = assertThrows(GssException.class, () -> handler.handle(request(principal("root"),
                Opaque.of(new byte[] {(byte) 0x86}), List.of()), call));
        assertEquals(MajorStatus.GSS_S_BAD_MECH, e.majorStatus());
        assertTrue(e.status().minorMessage().contains("mech is not a valid OID"), e.status().minorMessage());
    }

    private static GssxName principal(String name) {
        return GssxName.of(realm.realm.principal(name), Oids.KRB5_NT_PRINCIPAL_NAME);
    }

    private static ArgImportAndCanonName request(GssxName name, Opaque mech, List<GssxOption> options) {
        return new ArgImportAndCanonName(CallCtx.EMPTY, name, mech, List.of(), options);
    }
}
