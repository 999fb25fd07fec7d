package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** %U, %u, %% as upstream gp_creds.c get_formatted_string. */
class CredStoreTemplateTest {

    private static String expand(String template, int uid) throws CredStoreTemplate.UnknownUserException {
        return new CredStoreTemplate(template).expand(uid, FakeUsers.INSTANCE);
    }

    @Test
    void substitutesUidUserNameAndPercent() throws Exception {
        assertEquals("FILE:/var/lib/gssproxy/clients/krb5cc_1000",
                expand("FILE:/var/lib/gssproxy/clients/krb5cc_%U", 1000));
        assertEquals("/k/alice/alice.keytab", expand("/k/%u/%u.keytab", 1000));
        assertEquals("50%_0", expand("50%%_%U", 0));
        assertEquals("%U", expand("%%U", 48), "%% then U, not %U");
        assertEquals("/plain", expand("/plain", 7));
    }

    @Test
    void unknownCodesAndTrailingPercentAreErrors() {
        assertEquals(Optional.of("unknown substitution '%x' at position 2"), CredStoreTemplate.problem("a%x"));
        assertEquals(Optional.of("unknown substitution '%G' at position 4"), CredStoreTemplate.problem("%U_%G"));
        assertEquals(Optional.of("'%' at the end starts no substitution code"), CredStoreTemplate.problem("/a%"));
        assertThrows(IllegalArgumentException.class, () -> new CredStoreTemplate("%d"));
        assertEquals(Optional.empty(), CredStoreTemplate.problem("%%%U%u"));
    }

    @Test
    void userNameOfAnUnknownUidIsAnError() throws Exception {
        CredStoreTemplate.UnknownUserException e = assertThrows(CredStoreTemplate.UnknownUserException.class,
                () -> expand("/k/%u", 4242));
        assertEquals(4242, e.uid());
        assertEquals("/k/4242", expand("/k/%U", 4242), "%U needs no passwd entry");
        assertTrue(new CredStoreTemplate("a%%u%u").usesUserName());
        assertFalse(new CredStoreTemplate("a%%u%U").usesUserName());
    }

    @Test
    void expandAllKeepsKeysAndOrder() throws Exception {
        List<CredStoreEntry> in = List.of(new CredStoreEntry("keytab", "/etc/krb5.keytab"),
                new CredStoreEntry("ccache", "KEYRING:persistent:%U"),
                new CredStoreEntry("client_keytab", "/var/lib/gssproxy/clients/%u.keytab"));
        assertEquals(List.of(new CredStoreEntry("keytab", "/etc/krb5.keytab"),
                new CredStoreEntry("ccache", "KEYRING:persistent:1001"),
                new CredStoreEntry("client_keytab", "/var/lib/gssproxy/clients/bob.keytab")),
                CredStoreTemplate.expandAll(in, 1001, FakeUsers.INSTANCE));
    }

    @Test
    void secretsAreNotPrinted() {
        CredStoreEntry secret = new CredStoreEntry("password", "hunter2");
        assertEquals("password:(secret, 7 characters)", secret.toString());
        assertFalse(secret.toString().contains("hunter2"));
    }

    @Property
    void textWithoutPercentIsUnchanged(@ForAll @StringLength(max = 60) String s,
                                       @ForAll @IntRange(min = 0, max = 70000) int uid) throws Exception {
        String text = s.replace("%", "");
        assertEquals(text, expand(text, uid));
    }

    @Property
    void escapingEveryPercentRoundTrips(@ForAll @StringLength(max = 60) String s,
                                        @ForAll @IntRange(min = 0, max = 70000) int uid) throws Exception {
        assertEquals(s, expand(s.replace("%", "%%"), uid));
    }

    @Property
    void uidCodeBecomesTheDecimalUid(@ForAll @StringLength(max = 20) String prefix,
                                     @ForAll @StringLength(max = 20) String suffix,
                                     @ForAll @IntRange(min = 0) int uid) throws Exception {
        String p = prefix.replace("%", "%%");
        String q = suffix.replace("%", "%%");
        assertEquals(prefix + uid + suffix, expand(p + "%U" + q, uid));
    }

    @Property
    void everyOtherCodeIsRejected(@ForAll char code) {
        boolean valid = code == 'U' || code == 'u' || code == '%';
        assertEquals(valid, CredStoreTemplate.problem("/x/%" + code).isEmpty());
    }
}
