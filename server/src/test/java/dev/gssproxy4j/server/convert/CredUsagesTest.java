package dev.gssproxy4j.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.protocol.Oids;
import org.junit.jupiter.api.Test;

/**
 * The values that protocol and mech each define for themselves (neither module depends on the other) agree where
 * the server converts between them.
 */
class CredUsagesTest {

    @Test
    void usagesConvertBothWaysAsUpstreamsGpConv() {
        assertEquals(CredUsage.INITIATE, CredUsages.fromWire(dev.gssproxy4j.protocol.CredUsage.INITIATE));
        assertEquals(CredUsage.ACCEPT, CredUsages.fromWire(dev.gssproxy4j.protocol.CredUsage.ACCEPT));
        assertEquals(CredUsage.BOTH, CredUsages.fromWire(dev.gssproxy4j.protocol.CredUsage.BOTH));
        for (CredUsage usage : CredUsage.values()) {
            assertEquals(usage, CredUsages.fromWire(CredUsages.toWire(usage)));
        }
    }

    @Test
    void theKrb5OidsOfProtocolAndMechAreOneOid() {
        assertEquals(Oids.KRB5, Names.oidBytes(Oid.KRB5));
        assertEquals(Oids.KRB5_NT_PRINCIPAL_NAME, Names.oidBytes(Oid.KRB5_NT_PRINCIPAL_NAME));
        assertEquals(Oids.SPNEGO, Names.oidBytes(Oid.SPNEGO));
    }
}
