package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mechanism inquiry, library OIDs and status text against the real MIT library; no KDC involved. */
class MechsTest {

    private static Gss gss;

    @BeforeAll
    static void setUp() {
        OfflineKrb5.apply();
        gss = Gss.get();
    }

    @Test
    void indicatesKrb5() {
        List<Oid> mechs = gss.indicateMechs();
        assertTrue(mechs.contains(Oid.KRB5), "mechs: " + mechs);
    }

    @Test
    void krb5NameTypes() {
        List<Oid> types = gss.namesForMech(Oid.KRB5);
        assertTrue(types.containsAll(List.of(Oid.NT_HOSTBASED_SERVICE, Oid.NT_USER_NAME, Oid.KRB5_NT_PRINCIPAL_NAME,
                Oid.NT_EXPORT_NAME)), "types: " + types);
    }

    @Test
    void krb5AttributesDisplay() {
        MechAttrs attrs = gss.attrsForMech(Oid.KRB5);
        Oid concrete = gss.libraryOid("GSS_C_MA_MECH_CONCRETE").orElseThrow();
        assertTrue(attrs.mechAttrs().contains(concrete));
        assertTrue(attrs.knownAttrs().containsAll(attrs.mechAttrs()));
        MechAttrInfo info = gss.displayMechAttr(concrete);
        assertEquals("GSS_C_MA_MECH_CONCRETE", info.name());
        assertFalse(info.shortDesc().isEmpty());
        assertFalse(info.longDesc().isEmpty());
    }

    @Test
    void krb5SaslName() {
        SaslMechInfo sasl = gss.saslNameForMech(Oid.KRB5);
        assertEquals("GS2-KRB5", sasl.saslName());
        assertEquals("krb5", sasl.mechName());
    }

    @Test
    void constantsEqualTheLibrarysExportedSymbols() {
        Map<String, Oid> expected = Map.ofEntries(
                Map.entry("gss_mech_krb5", Oid.KRB5),
                Map.entry("gss_mech_krb5_old", Oid.KRB5_OLD),
                Map.entry("gss_mech_krb5_wrong", Oid.KRB5_WRONG),
                Map.entry("gss_mech_iakerb", Oid.IAKERB),
                Map.entry("GSS_C_NT_USER_NAME", Oid.NT_USER_NAME),
                Map.entry("GSS_C_NT_MACHINE_UID_NAME", Oid.NT_MACHINE_UID_NAME),
                Map.entry("GSS_C_NT_STRING_UID_NAME", Oid.NT_STRING_UID_NAME),
                Map.entry("GSS_C_NT_HOSTBASED_SERVICE", Oid.NT_HOSTBASED_SERVICE),
                Map.entry("GSS_C_NT_HOSTBASED_SERVICE_X", Oid.NT_HOSTBASED_SERVICE_X),
                Map.entry("GSS_C_NT_ANONYMOUS", Oid.NT_ANONYMOUS),
                Map.entry("GSS_C_NT_EXPORT_NAME", Oid.NT_EXPORT_NAME),
                Map.entry("GSS_C_NT_COMPOSITE_EXPORT", Oid.NT_COMPOSITE_EXPORT),
                Map.entry("GSS_KRB5_NT_PRINCIPAL_NAME", Oid.KRB5_NT_PRINCIPAL_NAME),
                Map.entry("GSS_KRB5_NT_ENTERPRISE_NAME", Oid.KRB5_NT_ENTERPRISE_NAME),
                Map.entry("GSS_KRB5_CRED_NO_CI_FLAGS_X", Oid.KRB5_CRED_NO_CI_FLAGS_X));
        expected.forEach((symbol, oid) ->
                assertEquals(oid, gss.libraryOid(symbol).orElseThrow(), symbol));
        assertTrue(gss.libraryOid("no_such_symbol").isEmpty());
    }

    @Test
    void failureCarriesMajorAndMinorText() {
        GssException e = assertThrows(GssException.class, () -> gss.acquireCred(null, 0, List.of(Oid.KRB5),
                CredUsage.ACCEPT, Map.of("keytab", "FILE:/nonexistent/gssproxy4j.keytab")));
        assertEquals(MajorStatus.GSS_S_NO_CRED, e.majorStatus());
        assertEquals(Oid.KRB5, e.mech());
        assertTrue(e.minor() != 0);
        assertTrue(e.status().majorMessage().startsWith("No credentials were supplied"), e.status().toString());
        assertTrue(e.status().minorMessage().contains("/nonexistent/gssproxy4j.keytab"), e.status().toString());
        assertTrue(e.getMessage().startsWith("gss_acquire_cred_from failed: GSS_S_NO_CRED ("), e.getMessage());
    }

    @Test
    void displayStatusJoinsMessages() {
        GssStatus s = gss.displayStatus(MajorStatus.GSS_S_BAD_NAME.value(), 0, null);
        assertEquals("An invalid name was supplied", s.majorMessage());
        assertEquals("", s.minorMessage());

        GssStatus both = gss.displayStatus(MajorStatus.GSS_S_FAILURE.value()
                | MajorStatus.GSS_S_CONTINUE_NEEDED.value(), 0, null);
        assertTrue(both.majorMessage().contains(", "), "one message per field, joined: " + both.majorMessage());
    }
}
