package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** gp_creds_match_conn: first service in config order whose uid, SELinux, program and socket rules all hold. */
class ServiceMatcherTest {

    private static final Path MAIN = Defaults.MAIN_SOCKET;
    private static final Path KERNEL = Path.of("/run/gssproxy.sock");
    private static final Path HTTPD = Path.of("/usr/sbin/httpd");

    private static GssProxyConfig config(ServiceConfig... services) {
        return new GssProxyConfig(0, false, Optional.empty(), 5, Defaults.KEYRING, MAIN, List.of(services),
                List.of(), List.of());
    }

    private static ServiceConfig.Builder svc(String name, int euid) {
        return ServiceConfig.builder(name).euid(euid).mech(Mech.KRB5);
    }

    private static Caller caller(int uid, Path program, Path socket) {
        return Caller.of(uid, uid, 1234, program, null, socket);
    }

    private static Optional<String> matched(GssProxyConfig c, Caller caller) {
        return new ServiceMatcher(c).find(caller).map(ServiceConfig::name);
    }

    @Test
    void firstMatchInConfigOrderWins() {
        GssProxyConfig c = config(svc("a", 48).build(), svc("b", 48).program(HTTPD).build(), svc("c", 0).build());
        assertEquals(Optional.of("a"), matched(c, caller(48, HTTPD, MAIN)));
        assertEquals(Optional.of("c"), matched(c, caller(0, null, MAIN)));
        assertEquals(Optional.empty(), matched(c, caller(1000, HTTPD, MAIN)));

        ServiceMatcher.Match m = new ServiceMatcher(c).match(caller(48, HTTPD, MAIN));
        assertEquals(List.of("service 'a' matches", "service 'b' would match too, but 'a' comes first",
                "service 'c' wants euid 0"), m.reasons());
    }

    @Test
    void allowAnyUidMasksLaterServicesOnTheSameSocket() {
        GssProxyConfig c = config(svc("clients", 0).allowAnyUid(true).build(), svc("httpd", 48).build(),
                svc("own-socket", 48).socket(Path.of("/run/httpd.sock")).build());
        assertEquals(Optional.of("clients"), matched(c, caller(48, HTTPD, MAIN)));
        assertEquals(Optional.of("clients"), matched(c, caller(1000, null, MAIN)));
        assertEquals(Optional.of("own-socket"), matched(c, caller(48, HTTPD, Path.of("/run/httpd.sock"))));
    }

    @Test
    void programMustBeEqualWhenSet() {
        GssProxyConfig c = config(svc("http", 48).program(HTTPD).build());
        assertEquals(Optional.of("http"), matched(c, caller(48, HTTPD, MAIN)));
        assertEquals(Optional.empty(), matched(c, caller(48, Path.of("/usr/bin/python3"), MAIN)));
        assertEquals(Optional.empty(), matched(c, caller(48, null, MAIN)));
    }

    @Test
    void socketIsTheServicesOwnOrTheMainOne() {
        GssProxyConfig c = config(svc("nfs-server", 0).socket(KERNEL).build(), svc("default", 0).build());
        assertEquals(Optional.of("nfs-server"), matched(c, caller(0, null, KERNEL)));
        assertEquals(Optional.of("default"), matched(c, caller(0, null, MAIN)));
        assertEquals(Optional.empty(), matched(c, caller(0, null, Path.of("/tmp/other.sock"))));
        assertEquals(Optional.of("nfs-server"), matched(c.withMainSocket(KERNEL), caller(0, null, KERNEL)),
                "with -s the main socket changes");
    }

    @Test
    void kernelCallerWithoutProgramMatchesOnlyServicesWithoutProgram() {
        GssProxyConfig c = config(svc("bad", 0).socket(KERNEL).program(Path.of("/usr/sbin/rpc.gssd")).build(),
                svc("nfs-server", 0).socket(KERNEL).kernelNfsd(true).build());
        Caller kernel = caller(0, null, KERNEL);
        assertEquals(Optional.of("nfs-server"), matched(c, kernel));
        assertEquals("service 'bad' wants program /usr/sbin/rpc.gssd (caller has none)",
                new ServiceMatcher(c).match(kernel).reasons().getFirst());
    }

    @Test
    void selinuxUserRoleTypeMustMatchAndRangeOnlyWhenBothHaveOne() {
        SelinuxContext withRange = SelinuxContext.parse("system_u:system_r:httpd_t:s0");
        SelinuxContext noRange = SelinuxContext.parse("system_u:system_r:sshd_t");
        GssProxyConfig c = config(svc("httpd", 48).selinuxContext(withRange).build(),
                svc("sshd", 48).selinuxContext(noRange).build());
        ServiceMatcher m = new ServiceMatcher(c);
        assertEquals(Optional.of("httpd"), label(m, "system_u:system_r:httpd_t:s0"));
        assertEquals(Optional.of("httpd"), label(m, "system_u:system_r:httpd_t"), "caller without range");
        assertEquals(Optional.empty(), label(m, "system_u:system_r:httpd_t:s0:c1"), "different ranges");
        assertEquals(Optional.of("sshd"), label(m, "system_u:system_r:sshd_t:s0-s0:c0.c1023"),
                "service without range");
        assertEquals(Optional.empty(), label(m, "unconfined_u:system_r:sshd_t:s0"), "user differs");
        assertEquals(Optional.empty(), m.find(Caller.of(48, 48, 1, null, null, MAIN)), "caller without label");
    }

    private static Optional<String> label(ServiceMatcher m, String label) {
        return m.find(Caller.of(48, 48, 1, HTTPD, label, MAIN)).map(ServiceConfig::name);
    }

    @Test
    void summaryExplainsWhyNothingMatched() {
        GssProxyConfig c = config(svc("nfs-server", 0).socket(KERNEL).build(),
                svc("http", 48).program(HTTPD).allowAnyUid(true).build());
        Caller foo = caller(1000, Path.of("/usr/bin/foo"), MAIN);
        ServiceMatcher.Match m = new ServiceMatcher(c).match(foo);
        assertEquals(Optional.empty(), m.service());
        assertEquals("uid 1000 (program /usr/bin/foo) matches no service: service 'nfs-server' wants euid 0 and "
                + "wants socket /run/gssproxy.sock; service 'http' wants program /usr/sbin/httpd", m.summary(foo));

        Caller ok = caller(1000, HTTPD, MAIN);
        assertEquals("uid 1000 (program /usr/sbin/httpd) matches service 'http'",
                new ServiceMatcher(c).match(ok).summary(ok));
        assertTrue(new ServiceMatcher(config()).match(ok).summary(ok).endsWith("matches no service (none configured)"));
    }

    // --- find() and match() must agree, and agree with a direct reading of upstream's condition ---

    @Provide
    Arbitrary<ServiceConfig> services() {
        Arbitrary<Integer> uids = Arbitraries.of(0, 48, 1000);
        Arbitrary<Optional<Path>> programs = Arbitraries.of(Optional.empty(), Optional.of(HTTPD),
                Optional.of(Path.of("/usr/bin/foo")));
        Arbitrary<Optional<Path>> sockets = Arbitraries.of(Optional.empty(), Optional.of(KERNEL));
        return Combinators.combine(uids, Arbitraries.of(true, false), programs, sockets,
                Arbitraries.strings().alpha().ofLength(3)).as((uid, any, program, socket, name) -> {
                    ServiceConfig.Builder b = svc(name, uid).allowAnyUid(any);
                    program.ifPresent(b::program);
                    socket.ifPresent(b::socket);
                    return b.build();
                });
    }

    @Provide
    Arbitrary<Caller> callers() {
        return Combinators.combine(Arbitraries.of(0, 48, 1000),
                Arbitraries.of(Optional.<Path>empty(), Optional.of(HTTPD), Optional.of(Path.of("/usr/bin/foo"))),
                Arbitraries.of(MAIN, KERNEL)).as((uid, program, socket) ->
                new Caller(uid, uid, 1, program, Optional.empty(), socket));
    }

    @Property
    void findAgreesWithMatchAndWithUpstreamsCondition(
            @ForAll @Size(max = 4) List<@From("services") ServiceConfig> services, @ForAll("callers") Caller caller) {
        GssProxyConfig c = config(services.toArray(ServiceConfig[]::new));
        ServiceMatcher matcher = new ServiceMatcher(c);
        Optional<ServiceConfig> expected = services.stream().filter(s ->
                (s.allowAnyUid() || s.euid().getAsInt() == caller.uid())
                        && (s.program().isEmpty() || s.program().equals(caller.program()))
                        && s.effectiveSocket(MAIN).equals(caller.socket())).findFirst();
        assertEquals(expected, matcher.find(caller));
        ServiceMatcher.Match m = matcher.match(caller);
        assertEquals(expected, m.service());
        assertEquals(services.size(), m.reasons().size());
    }
}
