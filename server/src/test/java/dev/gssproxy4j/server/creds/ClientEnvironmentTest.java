package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Options;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gssproxy4j.env.* call_ctx options checked against allow_client_env; no file is opened here. */
class ClientEnvironmentTest {

    static Gss gss;

    @BeforeAll
    static void library() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        gss = Gss.get();
    }

    static ServiceConfig service(boolean allowCcache) {
        ServiceConfig.Builder b = ServiceConfig.builder("web").euid(48).mech(Mech.KRB5);
        return (allowCcache ? b.allowClientEnv(ClientEnvVar.KRB5CCNAME) : b).build();
    }

    static GssxOption ccname(String value) {
        return GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), value);
    }

    @Test
    void noOptionsOrOnlyOtherOptionsAreNoEnvironment() {
        assertTrue(ClientEnvironment.of(service(false), List.of()).isEmpty());
        assertTrue(ClientEnvironment.of(service(false), List.of(
                GssxOption.of(Options.SEALED_ONLY, Options.SEALED_ONLY_ON))).isEmpty());
    }

    @Test
    void anAllowedVariableIsTakenWithOrWithoutItsNul() {
        assertEquals(Optional.of("FILE:/tmp/krb5cc_1000"), ClientEnvironment.of(service(true),
                List.of(ccname("FILE:/tmp/krb5cc_1000"))).value(ClientEnvVar.KRB5CCNAME));
        GssxOption noNul = new GssxOption(Opaque.utf8(ClientEnvVar.KRB5CCNAME.optionName()),
                Opaque.utf8("/tmp/krb5cc_1000"));
        assertEquals(Optional.of("/tmp/krb5cc_1000"), ClientEnvironment.of(service(true), List.of(noNul))
                .value(ClientEnvVar.KRB5CCNAME));
    }

    @Test
    void aVariableTheServiceDoesNotAllowIsRefusedNamingTheConfigKey() {
        GssException e = assertThrows(GssException.class, () -> ClientEnvironment.of(service(false),
                List.of(ccname("/tmp/krb5cc_1000"))));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), e.status().major());
        assertEquals(Errno.EACCES.code(), e.status().minor());
        String text = e.status().minorMessage();
        assertTrue(text.contains("KRB5CCNAME") && text.contains("allow_client_env = KRB5CCNAME")
                && text.contains("[service/web]"), text);
        assertTrue(!text.contains("/tmp/krb5cc_1000"), "the value is not echoed: " + text);
    }

    @Test
    void anUnknownVariableIsRefusedLikeADisallowedOne() {
        GssException e = assertThrows(GssException.class, () -> ClientEnvironment.of(service(true),
                List.of(GssxOption.of(ClientEnvVar.OPTION_PREFIX + "LD_PRELOAD\n", "/tmp/x.so"))));
        assertEquals(Errno.EACCES.code(), e.status().minor());
        assertTrue(e.status().minorMessage().contains("LD_PRELOAD?"), "control characters are not echoed: "
                + e.status().minorMessage());
        // a known variable the service does not list is refused as well
        GssException keytab = assertThrows(GssException.class, () -> ClientEnvironment.of(service(true),
                List.of(GssxOption.of(ClientEnvVar.KRB5_KTNAME.optionName(), "/tmp/k.keytab"))));
        assertEquals(Errno.EACCES.code(), keytab.status().minor());
    }

    @Test
    void emptyDuplicateOrNulValuesAreInvalid() {
        for (List<GssxOption> options : List.of(List.of(ccname("")),
                List.of(ccname("/a"), ccname("/b")),
                List.of(new GssxOption(Opaque.cString(ClientEnvVar.KRB5CCNAME.optionName()),
                        Opaque.utf8("/a\0/b\0"))),
                List.of(ccname("/" + "x".repeat(ClientEnvironment.MAX_VALUE))))) {
            GssException e = assertThrows(GssException.class, () -> ClientEnvironment.of(service(true),
                    options));
            assertEquals(Errno.EINVAL.code(), e.status().minor(), e.status().minorMessage());
        }
    }

    @Test
    void noneIsEmptyAndValuesAreNeverPrinted() {
        assertTrue(ClientEnvironment.NONE.isEmpty());
        assertEquals("ClientEnvironment[KRB5CCNAME]", ClientEnvironment.of(service(true),
                List.of(ccname("/secret/path"))).toString());
    }
}
