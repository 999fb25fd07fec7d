package dev.gssproxy4j.server.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Names described from one composite export must be exactly what MIT's three calls (display, export, composite)
 * return, for every kind of name the daemon describes.
 */
class NamesTest {

    static ServerRealm kdc;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    record Input(String value, Oid type, boolean canonical) {}

    static List<Input> inputs() {
        String realm = kdc.realm.name();
        return List.of(new Input("alice@" + realm, Oid.KRB5_NT_PRINCIPAL_NAME, true),
                new Input("host/localhost@" + realm, Oid.KRB5_NT_PRINCIPAL_NAME, true),
                new Input("HTTP@localhost", Oid.NT_HOSTBASED_SERVICE, true),
                new Input("we\\/ird\\@one/x\\\\y@" + realm, Oid.KRB5_NT_PRINCIPAL_NAME, true),
                new Input("user@example.com", Oid.KRB5_NT_ENTERPRISE_NAME, true),
                new Input("caf\u00e9@" + realm, Oid.KRB5_NT_PRINCIPAL_NAME, true),
                new Input("WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS", Oid.KRB5_NT_PRINCIPAL_NAME, true),
                new Input("anonymous", Oid.NT_ANONYMOUS, true),
                new Input("HTTP@localhost", Oid.NT_HOSTBASED_SERVICE, false),
                new Input("alice", Oid.NT_USER_NAME, false));
    }

    @Test
    void oneCompositeExportDescribesANameExactlyAsTheThreeLibraryCallsDo() {
        for (Input input : inputs()) {
            try (GssName imported = kdc.gss.importName(input.value(), input.type());
                 GssName name = input.canonical() ? imported.canonicalize(Oid.KRB5) : imported.duplicate()) {
                Opaque composite = Opaque.of(name.exportComposite());
                assertEquals(Names.describeByCalls(name, composite), Names.describe(name, true), input.toString());
                assertEquals(Names.describeByCalls(name, Opaque.EMPTY), Names.describe(name, false),
                        input.toString());
            }
        }
    }

    @Test
    void aKrb5NameIsDescribedFromItsCompositeExport() {
        try (GssName imported = kdc.gss.importName("alice@" + kdc.realm.name(), Oid.KRB5_NT_PRINCIPAL_NAME);
             GssName name = imported.canonicalize(Oid.KRB5)) {
            byte[] composite = name.exportComposite();
            Krb5CompositeName parsed = Krb5CompositeName.parse(composite).orElseThrow();
            assertEquals("alice@" + kdc.realm.name(), parsed.displayText());
            assertArrayEquals(name.export(), parsed.exported());
            GssxName described = Names.describe(name, false);
            assertTrue(described.exportedCompositeName().isEmpty(), "no composite when not asked for");
            assertEquals(Names.withoutComposite(Names.describe(name, true)), described);
        }
    }

    @Test
    void attributesAreKeptInTheCompositeAndLeftOutOfTheExportedName() {
        byte[] exported = mitExport(0x01, "alice@R", null);
        byte[] composite = mitExport(0x02, "alice@R", new byte[] {1, 2, 3});
        Krb5CompositeName parsed = Krb5CompositeName.parse(composite).orElseThrow();
        assertArrayEquals(exported, parsed.exported());
        assertEquals("alice@R", parsed.displayText());
    }

    @Test
    void anythingButAWellFormedKrb5CompositeIsLeftToTheLibrary() {
        byte[] good = mitExport(0x02, "alice@R", new byte[] {9});
        for (int length = 0; length < good.length; length++) {
            assertTrue(Krb5CompositeName.parse(Arrays.copyOf(good, length)).isEmpty(), "truncated to " + length);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertTrue(Krb5CompositeName.parse(longer).isEmpty(), "trailing byte");
        byte[] otherOid = good.clone();
        otherOid[8]++;
        assertTrue(Krb5CompositeName.parse(otherOid).isEmpty(), "another mechanism");
        byte[] plainExport = mitExport(0x01, "alice@R", null);
        assertTrue(Krb5CompositeName.parse(plainExport).isEmpty(), "04 01 is not a composite");
        byte[] hugeName = good.clone();
        hugeName[15] = (byte) 0x7f; // principal length 0x7f000007
        assertTrue(Krb5CompositeName.parse(hugeName).isEmpty(), "name length beyond the buffer");
        assertTrue(Krb5CompositeName.parse(mitExport(0x02, "WELLKNOWN/ANONYMOUS@WELLKNOWN:ANONYMOUS", null))
                .isEmpty(), "MIT gives the anonymous principal its own display type");
    }

    /** A token laid out as MIT's krb5 export_name ({@code 01}) or export_name_composite ({@code 02}) writes it. */
    static byte[] mitExport(int kind, String principal, byte[] attributes) {
        byte[] oid = Oid.KRB5.der();
        byte[] name = principal.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 2 + oid.length + 4 + name.length
                + (kind == 0x02 ? 4 + (attributes == null ? 0 : attributes.length) : 0));
        out.put((byte) 0x04).put((byte) kind).putShort((short) (oid.length + 2)).put((byte) 0x06)
                .put((byte) oid.length).put(oid).putInt(name.length).put(name);
        if (kind == 0x02) {
            out.putInt(attributes == null ? 0 : attributes.length);
            if (attributes != null) {
                out.put(attributes);
            }
        }
        return out.array();
    }
}
