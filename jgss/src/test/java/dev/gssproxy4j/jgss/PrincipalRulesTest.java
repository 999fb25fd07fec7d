package dev.gssproxy4j.jgss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.ietf.jgss.GSSName;
import org.junit.jupiter.api.Test;

/** Names and realms routed local or remote, exact names before realms, conflicts refused. */
class PrincipalRulesTest {

    private final PrincipalRules rules = PrincipalRules.parse("bob@EXAMPLE.COM; *@HOME.ORG", "*@EXAMPLE.COM;"
            + " HTTP@web.example.com ; carol@HOME.ORG");

    @Test
    void anExactNameFollowsItsList() {
        assertEquals(Optional.of(Behavior.LOCAL_ONLY), rules.forName("bob@EXAMPLE.COM", GSSName.NT_USER_NAME));
        assertEquals(Optional.of(Behavior.REMOTE_ONLY),
                rules.forName("HTTP@web.example.com", GSSName.NT_HOSTBASED_SERVICE));
    }

    @Test
    void aRealmRuleCoversUserAndPrincipalNamesOfThatRealmButAnExactRuleWins() {
        assertEquals(Optional.of(Behavior.REMOTE_ONLY), rules.forName("alice@EXAMPLE.COM", GSSName.NT_USER_NAME));
        assertEquals(Optional.of(Behavior.REMOTE_ONLY), rules.forName("HTTP/web@EXAMPLE.COM", null));
        assertEquals(Optional.of(Behavior.LOCAL_ONLY), rules.forName("dave@HOME.ORG", GSSName.NT_USER_NAME));
        assertEquals(Optional.of(Behavior.REMOTE_ONLY), rules.forName("carol@HOME.ORG", GSSName.NT_USER_NAME));
    }

    @Test
    void aHostBasedServiceIsNeverTakenForAPrincipalOfARealm() {
        assertEquals(Optional.empty(), rules.forName("HTTP@EXAMPLE.COM", GSSName.NT_HOSTBASED_SERVICE));
    }

    @Test
    void unlistedAndRealmlessNamesHaveNoRule() {
        assertEquals(Optional.empty(), rules.forName("eve@OTHER.NET", GSSName.NT_USER_NAME));
        assertEquals(Optional.empty(), rules.forName("bob", GSSName.NT_USER_NAME));
    }

    @Test
    void theSameRuleBothWaysOrAStrayWildcardIsRefused() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> PrincipalRules.parse("*@EXAMPLE.COM", "bob@HOME.ORG;*@EXAMPLE.COM"));
        assertTrue(both.getMessage().contains("'*@EXAMPLE.COM' is in both principals.local and principals.remote"),
                both.getMessage());
        IllegalArgumentException glob = assertThrows(IllegalArgumentException.class,
                () -> PrincipalRules.parse("b*b@EXAMPLE.COM", null));
        assertTrue(glob.getMessage().contains("neither a name nor *@REALM"), glob.getMessage());
    }
}
