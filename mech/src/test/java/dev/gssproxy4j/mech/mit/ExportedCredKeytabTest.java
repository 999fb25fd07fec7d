package dev.gssproxy4j.mech.mit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.MemoryKeytab;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.RealmSession;
import dev.gssproxy4j.testkit.Realms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ExportedCredKeytab} on tokens MIT's {@code gss_export_cred} made, and on damaged ones. */
class ExportedCredKeytabTest {

    static RealmSession kdc;

    @BeforeAll
    static void realm() {
        kdc = new RealmSession(Realms.kerby());
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    byte[] acceptorToken(String keytab) {
        try (GssCred cred = kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.ACCEPT,
                Map.of("keytab", keytab))) {
            return kdc.gss.exportCred(cred);
        }
    }

    @Test
    void findsTheKeytabMitNamedEvenWithCharactersJsonEscapes() throws IOException {
        // MIT's JSON escapes quotes and backslashes (and its parser accepts "\/")
        Path odd = Files.createDirectories(kdc.realm.dir().resolve("a \"quoted\" \\ dir"));
        Path keytab = Files.copy(kdc.serviceKeytab, odd.resolve("service.keytab"));
        byte[] token = acceptorToken(keytab.toString());
        assertTrue(new String(token, StandardCharsets.ISO_8859_1).contains("a \\\"quoted\\\" \\\\ dir"),
                "MIT escapes the quotes and the backslash");
        assertEquals("FILE:" + keytab, ExportedCredKeytab.find(token).orElseThrow().keytab());
    }

    @Test
    void aTokenNamingAnotherKeytabImportsAsACredentialOfThatKeytab() {
        byte[] token = acceptorToken(kdc.serviceKeytab.toString());
        try (MemoryKeytab copy = kdc.gss.copyKeytab("FILE:" + kdc.serviceKeytab, "exported-cred-test")) {
            byte[] renamed = ExportedCredKeytab.find(token).orElseThrow().withKeytab(copy.name());
            assertEquals(copy.name(), ExportedCredKeytab.find(renamed).orElseThrow().keytab());
            try (GssCred imported = kdc.gss.importCred(renamed)) {
                assertEquals(copy.name(), ExportedCredKeytab.find(kdc.gss.exportCred(imported)).orElseThrow()
                        .keytab(), "MIT reads the token as naming the copy");
            }
        }
    }

    @Test
    void theClientKeytabIsFoundAndCanBeDroppedWhileTheTicketsStay() throws IOException {
        Path clientKeytab = kdc.realm.keytab("alice-client.keytab", "alice");
        Path ccache = kdc.realm.dir().resolve("alice-from-keytab.ccache");
        byte[] token;
        try (GssCred cred = kdc.gss.acquireCred(null, 0, List.of(Oid.KRB5), CredUsage.INITIATE,
                Map.of("client_keytab", clientKeytab.toString(), "ccache", "FILE:" + ccache))) {
            token = kdc.gss.exportCred(cred);
        }
        ExportedCredKeytab found = ExportedCredKeytab.findClientKeytab(token).orElseThrow();
        assertEquals("FILE:" + clientKeytab, found.keytab());
        assertEquals(Optional.empty(), ExportedCredKeytab.find(token), "no acceptor keytab");
        byte[] dropped = found.withoutKeytab();
        assertEquals(Optional.empty(), ExportedCredKeytab.findClientKeytab(dropped));
        Files.delete(clientKeytab);
        try (GssCred imported = kdc.gss.importCred(dropped); var target = kdc.gss.importName("host@localhost",
                Oid.NT_HOSTBASED_SERVICE)) {
            assertEquals(Optional.empty(), ExportedCredKeytab.findClientKeytab(kdc.gss.exportCred(imported)));
            var init = kdc.gss.initSecContext(imported, null, target, Oid.KRB5, 0, 0, null, null);
            try (var ctx = init.context()) {
                assertTrue(init.outputToken().length > 0, "the tickets initiate without any client keytab");
            }
        }
    }

    @Test
    void anInitiatorTokenNamesNoKeytab() {
        try (GssCred cred = kdc.initiatorCred()) {
            assertEquals(Optional.empty(), ExportedCredKeytab.find(kdc.gss.exportCred(cred)));
        }
    }

    @Test
    void damagedTokensFindNothingAndNeverThrow() {
        byte[] token = acceptorToken(kdc.serviceKeytab.toString());
        for (int length = 0; length < token.length; length++) {
            assertEquals(Optional.empty(), ExportedCredKeytab.find(Arrays.copyOf(token, length)), "length " + length);
        }
        byte[] otherMech = token.clone();
        otherMech[4 + 8] ^= 1; // last byte of the krb5 OID
        assertEquals(Optional.empty(), ExportedCredKeytab.find(otherMech));
        byte[] hugeLength = token.clone();
        hugeLength[0] = (byte) 0x7f;
        assertEquals(Optional.empty(), ExportedCredKeytab.find(hugeLength));
        assertEquals(Optional.empty(), ExportedCredKeytab.find("[\"K5C1\",[1,[[[[[[[[[[[".getBytes(
                StandardCharsets.US_ASCII)));
    }

    @Test
    void onlyNamesThatNeedNoEscapingAreWritten() {
        ExportedCredKeytab found = ExportedCredKeytab.find(acceptorToken(kdc.serviceKeytab.toString()))
                .orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> found.withKeytab("MEMORY:a\"b"));
        assertFalse(found.toString().contains("K5C1"), "never prints the token");
    }
}
