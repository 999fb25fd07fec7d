package dev.gssproxy4j.mech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Name calls against the real MIT library; no KDC involved. */
class NamesTest {

    private static Gss gss;

    @BeforeAll
    static void setUp() {
        OfflineKrb5.apply();
        gss = Gss.get();
    }

    @Test
    void importAndDisplayHostbasedService() {
        try (GssName name = gss.importName("nfs@server.offline.test", Oid.NT_HOSTBASED_SERVICE)) {
            NameDisplay d = name.display();
            assertEquals("nfs@server.offline.test", d.text());
            assertEquals(Oid.NT_HOSTBASED_SERVICE, d.type());
        }
    }

    @Test
    void canonicalizedNameExportsAsRfc2743Token() {
        try (GssName name = gss.importName("alice", Oid.NT_USER_NAME);
             GssName mn = name.canonicalize(Oid.KRB5)) {
            assertEquals("alice@" + OfflineKrb5.REALM, mn.display().text());
            byte[] token = mn.export();
            // RFC 2743 section 3.2: 04 01, 2-byte OID length, DER OID (tag 06), 4-byte name length, name.
            ByteBuffer b = ByteBuffer.wrap(token);
            assertEquals(0x0401, b.getShort());
            int oidLen = b.getShort();
            byte[] oid = new byte[oidLen];
            b.get(oid);
            assertEquals(0x06, oid[0]);
            assertArrayEquals(Oid.KRB5.der(), Arrays.copyOfRange(oid, 2, oid.length));
            byte[] principal = new byte[b.getInt()];
            b.get(principal);
            assertEquals("alice@" + OfflineKrb5.REALM, new String(principal, StandardCharsets.UTF_8));

            try (GssName reimported = gss.importName(token, Oid.NT_EXPORT_NAME)) {
                assertTrue(gss.compare(mn, reimported));
            }
        }
    }

    @Test
    void exportOfANonMechanismNameFailsWithNameNotMn() {
        try (GssName name = gss.importName("bob", Oid.NT_USER_NAME)) {
            GssException e = assertThrows(GssException.class, name::export);
            assertEquals(MajorStatus.GSS_S_NAME_NOT_MN, e.majorStatus());
            assertTrue(e.getMessage().startsWith("gss_export_name failed: GSS_S_NAME_NOT_MN"), e.getMessage());
            assertEquals(0, name.exportComposite().length, "composite export of a non-MN is empty, as upstream");
        }
    }

    @Test
    void compositeExportOfAMechanismName() {
        try (GssName name = gss.importName("carol@" + OfflineKrb5.REALM, Oid.KRB5_NT_PRINCIPAL_NAME);
             GssName mn = name.canonicalize(Oid.KRB5)) {
            byte[] composite = mn.exportComposite();
            assertEquals(0x04, composite[0]);
            assertEquals(0x02, composite[1]);
            try (GssName back = gss.importName(composite, Oid.NT_COMPOSITE_EXPORT)) {
                assertTrue(back.compare(mn));
            }
        }
    }

    @Test
    void compareDistinguishesPrincipals() {
        try (GssName a = gss.importName("dave@" + OfflineKrb5.REALM, Oid.KRB5_NT_PRINCIPAL_NAME);
             GssName mn = a.canonicalize(Oid.KRB5);
             GssName user = gss.importName("dave", Oid.NT_USER_NAME);
             GssName b = gss.importName("erin@" + OfflineKrb5.REALM, Oid.KRB5_NT_PRINCIPAL_NAME)) {
            assertTrue(gss.compare(mn, a));
            assertTrue(gss.compare(mn, user), "user name in the default realm is the same principal");
            assertFalse(gss.compare(mn, b));
            assertFalse(gss.compare(a, b));
        }
    }

    @Test
    void localnameFollowsAuthToLocalDefaultRule() {
        try (GssName name = gss.importName("frank@" + OfflineKrb5.REALM, Oid.KRB5_NT_PRINCIPAL_NAME);
             GssName mn = name.canonicalize(Oid.KRB5)) {
            assertEquals("frank", gss.localname(mn, Oid.KRB5));
        }
        try (GssName foreign = gss.importName("frank@ELSEWHERE.TEST", Oid.KRB5_NT_PRINCIPAL_NAME);
             GssName mn = foreign.canonicalize(Oid.KRB5)) {
            GssException e = assertThrows(GssException.class, () -> gss.localname(mn, Oid.KRB5));
            assertTrue(MajorStatus.isError(e.major()));
        }
    }

    @Test
    void inquireNameReportsMechanismName() {
        try (GssName name = gss.importName("grace", Oid.NT_USER_NAME);
             GssName mn = name.canonicalize(Oid.KRB5)) {
            NameInfo info = mn.inquire();
            assertTrue(info.mechanismName());
            assertEquals(Oid.KRB5, info.mech());
            assertFalse(name.inquire().mechanismName());
            assertTrue(mn.attribute("urn:mspac:logon-info").isEmpty());
        }
    }

    @Test
    void anUnknownNameTypeIsRefusedBeforeTheLibrarySeesIt() {
        // MIT's mechglue would keep the name as-is and fail only on canonicalization; some types it reads as pointers.
        GssException e = assertThrows(GssException.class, () -> gss.importName("x", Oid.fromDotted("1.2.3.4.5.6")));
        assertEquals(MajorStatus.GSS_S_BAD_NAMETYPE, e.majorStatus());
        assertTrue(e.getMessage().contains("A supplied name was of an unsupported type"), e.getMessage());
    }

    @Test
    void closedNameRejectsUseAndCloseIsIdempotent() {
        long before = gss.openHandles();
        GssName name = gss.importName("heidi", Oid.NT_USER_NAME);
        assertEquals(before + 1, gss.openHandles());
        name.close();
        name.close();
        assertTrue(name.isClosed());
        assertEquals(before, gss.openHandles());
        IllegalStateException e = assertThrows(IllegalStateException.class, name::display);
        assertTrue(e.getMessage().contains("closed"));
    }
}
