package dev.gssproxy4j.testkit.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalUsersTest {

    @Test
    void ensureIsIdempotentAndMatchesGetent() {
        assumeTrue(LocalUsers.runningAsRoot() || LocalUsers.lookup(LocalUsers.SERVICE).isPresent(),
                "creating " + LocalUsers.SERVICE + " needs root");
        LocalUser first = LocalUsers.ensure(LocalUsers.SERVICE);
        LocalUser again = LocalUsers.ensure(LocalUsers.SERVICE);
        assertEquals(first, again);
        assertEquals(Optional.of(first), LocalUsers.lookup(LocalUsers.SERVICE));
        assertNotEquals(0, first.uid(), "a test account must not be root");
    }

    @Test
    void rootIsFoundAndUnknownNamesAreEmpty() {
        assertEquals(Optional.of(LocalUser.ROOT), LocalUsers.lookup("root"));
        assertTrue(LocalUsers.lookup("gp4j-no-such-user").isEmpty());
    }

    @Test
    void refusesNamesUseraddWouldMangle() {
        assertThrows(IllegalArgumentException.class, () -> LocalUsers.ensure("Bad Name"));
    }
}
