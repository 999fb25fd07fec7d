package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.mech.Oid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The impersonator field of MIT's exported krb5 credential (the real tokens are exercised by the realm tests). */
class MitCredTokenTest {

    private static final String NAME = "[\"alice@R\",null,null]";

    @Test
    void anOrdinaryCredentialHasNoImpersonator() {
        assertEquals(Optional.empty(), MitCredToken.impersonator(token(Oid.KRB5,
                "[\"K5C1\",[1," + NAME + ",null,false,false,null,null,\"MEMORY:x\",null,true,0,0,null,null]]")));
    }

    @Test
    void anS4u2SelfCredentialNamesItsImpersonatorAfterNestedValuesAndEscapes() {
        String name = "[\"al\\\"ice\\u0040R\",{\"k\":[1,2]},null]";
        assertEquals(Optional.of("host/localhost@R"), MitCredToken.impersonator(token(Oid.KRB5,
                "[\"K5C1\", [1, " + name + ", \"host/localhost@R\", false]]")));
    }

    @Test
    void otherMechanismsAreSkippedAndMalformedTokensAreRefused() {
        assertEquals(Optional.empty(), MitCredToken.impersonator(token(Oid.SPNEGO, "not json")));
        assertThrows(IllegalArgumentException.class, () -> MitCredToken.impersonator(token(Oid.KRB5, "[\"K5C2\",[]]")));
        assertThrows(IllegalArgumentException.class, () -> MitCredToken.impersonator(token(Oid.KRB5, "[\"K5C1\",[1,")));
        assertThrows(IllegalArgumentException.class, () -> MitCredToken.impersonator(new byte[] {0, 0, 0, 9, 1}));
    }

    private static byte[] token(Oid mech, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(mech.length()).array());
        out.writeBytes(mech.der());
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(body);
        return out.toByteArray();
    }
}
