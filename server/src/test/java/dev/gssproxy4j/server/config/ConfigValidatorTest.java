package dev.gssproxy4j.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks beyond upstream's check_services: warnings that explain configs that can never work as meant. */
class ConfigValidatorTest {

    private static ConfigValidator.Validation validate(ServiceConfig... services) {
        GssProxyConfig c = new GssProxyConfig(0, false, Optional.empty(), 5, Defaults.KEYRING, Defaults.MAIN_SOCKET,
                List.of(services), List.of(Path.of("/etc/gssproxy/gssproxy.conf")), List.of());
        return ConfigValidator.validate(c, FakeUsers.INSTANCE);
    }

    private static ServiceConfig.Builder svc(String name, int euid) {
        return ServiceConfig.builder(name).euid(euid).mech(Mech.KRB5);
    }

    @Test
    void serviceWithoutProgramMasksALaterOneWithProgram() {
        ConfigValidator.Validation v = validate(svc("generic", 48).build(),
                svc("httpd", 48).program(Path.of("/usr/sbin/httpd")).build());
        assertEquals(List.of(), v.errors(), "upstream accepts this");
        assertEquals(1, v.warnings().size());
        assertTrue(v.warnings().getFirst().message().startsWith("service 'httpd' can never match: every caller it "
                + "accepts matches 'generic'"), v.warnings().toString());
    }

    @Test
    void specificServiceBeforeGenericOneIsFine() {
        ConfigValidator.Validation v = validate(svc("httpd", 48).program(Path.of("/usr/sbin/httpd")).build(),
                svc("generic", 48).build(), svc("any", 0).allowAnyUid(true).build());
        assertEquals(List.of(), v.errors());
        assertEquals(List.of(), v.warnings());
    }

    @Test
    void kernelServiceHints() {
        ConfigValidator.Validation v = validate(svc("nfs", 0).kernelNfsd(true)
                .program(Path.of("/usr/sbin/rpc.svcgssd")).build());
        List<String> w = v.warnings().stream().map(ConfigProblem::message).toList();
        assertEquals(2, w.size(), w::toString);
        assertTrue(w.get(0).contains("kernel threads, which have no program"));
        assertTrue(w.get(1).contains("the kernel connects to /run/gssproxy.sock"));
        assertEquals(List.of(), validate(svc("nfs", 0).kernelNfsd(true).socket(Path.of("/run/gssproxy.sock"))
                .build()).warnings());
    }

    @Test
    void programThatIsNotCanonical(@TempDir Path tmp) throws Exception {
        Path real = Files.createFile(tmp.resolve("real-daemon"));
        Path link = Files.createSymbolicLink(tmp.resolve("daemon-link"), real);
        ConfigValidator.Validation v = validate(svc("a", 1).program(link).build(),
                svc("b", 2).program(Path.of("/usr/sbin/../bin/x")).build(),
                svc("c", 3).program(real.toRealPath()).build());
        assertEquals(List.of(), v.errors());
        List<String> w = v.warnings().stream().map(ConfigProblem::toString).toList();
        assertEquals(2, w.size(), w::toString);
        assertTrue(w.get(0).contains("resolves to " + real.toRealPath()), w.get(0));
        assertTrue(w.get(1).contains("not canonical") && w.get(1).endsWith("(fix: write /usr/bin/x)"), w.get(1));
    }

    @Test
    void validationErrorsPointAtTheServicesOrigin() {
        SectionOrigin origin = new SectionOrigin(Path.of("/etc/gssproxy/80-x.conf"), 3, "service/x",
                java.util.Map.of(ConfigOption.PROGRAM, 7));
        ConfigValidator.Validation v = validate(svc("x", 1).origin(origin).program(Path.of("x")).build());
        assertEquals("/etc/gssproxy/80-x.conf:7 [service/x] program", v.errors().getFirst().where().toString());
    }
}
