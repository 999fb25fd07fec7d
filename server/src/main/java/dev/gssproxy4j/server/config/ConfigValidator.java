package dev.gssproxy4j.server.config;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.protocol.ClientEnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The validation pass over typed values (STYLE rule 6): required options, program paths, cred_store templates,
 * and upstream {@code check_services}' rejection of ambiguous services. Also warns about services that can never
 * match, which upstream accepts silently.
 */
public final class ConfigValidator {

    /** What validation found; the configuration is usable iff {@code errors} is empty. */
    public record Validation(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    }

    private ConfigValidator() {
    }

    public static Validation validate(GssProxyConfig config, UserDirectory users) {
        Problems problems = new Problems();
        validate(config, users, problems);
        return new Validation(problems.errors(), problems.warnings());
    }

    static void validate(GssProxyConfig config, UserDirectory users, Problems problems) {
        if (config.services().isEmpty()) {
            Path where = config.sources().isEmpty() ? Defaults.MAIN_CONFIG : config.sources().getFirst();
            problems.error(ConfigLocation.ofFile(where), "no [service/NAME] section; upstream refuses to start "
                    + "without one", "add a service, e.g. the nfs-server example from gssproxy.conf(5)");
        }
        config.runAsUser().filter(u -> users.byName(u).isEmpty()).ifPresent(u -> problems.error(
                ConfigLocation.ofFile(config.sources().isEmpty() ? Defaults.MAIN_CONFIG : config.sources().getFirst())
                        .withKey(ConfigOption.RUN_AS_USER.key(), 0),
                "run_as_user '" + u + "' does not exist", "create the user, or remove run_as_user"));
        List<ServiceConfig> services = config.services();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig svc = services.get(i);
            checkRequired(svc, problems);
            checkProgram(svc, problems);
            checkTemplates(svc, problems);
            checkKernel(svc, config.mainSocket(), problems);
            checkClientEnv(svc, problems);
            for (int j = 0; j < i; j++) {
                checkPair(services.get(j), svc, config.mainSocket(), problems);
            }
        }
    }

    private static void checkRequired(ServiceConfig svc, Problems problems) {
        // Upstream: "Option 'euid' is missing from [%s]" / "Option 'mechs' is missing from [%s]", both fatal.
        // If the key was written but its value was rejected, the parser has already reported that.
        if (svc.euid().isEmpty() && !svc.origin().keyLines().containsKey(ConfigOption.EUID)) {
            problems.error(svc.origin().header(), "option 'euid' is missing",
                    "add 'euid = UID' (number or user name of the service's processes)");
        }
        if (svc.mechs().isEmpty() && !svc.origin().keyLines().containsKey(ConfigOption.MECHS)) {
            problems.error(svc.origin().header(), "option 'mechs' is missing", "add 'mechs = krb5'");
        }
    }

    /** Upstream: absolute and no '|' (fatal); the man page also asks for canonical paths, which is checked here. */
    private static void checkProgram(ServiceConfig svc, Problems problems) {
        if (svc.program().isEmpty()) {
            return;
        }
        Path program = svc.program().get();
        ConfigLocation where = svc.origin().of(ConfigOption.PROGRAM);
        String text = program.toString();
        if (!program.isAbsolute()) {
            problems.error(where, "program path '" + text + "' is not absolute",
                    "write the full path, e.g. /usr/sbin/httpd (see 'readlink -f $(which NAME)')");
        } else if (text.indexOf('|') >= 0) {
            problems.error(where, "program path '" + text + "' contains '|', which upstream reserves",
                    "rename or link the executable to a path without '|'");
        } else if (!program.normalize().equals(program)) {
            problems.warn(where, "program path '" + text + "' is not canonical; callers' programs are their "
                    + "resolved /proc/PID/exe, so this never matches", "write " + program.normalize());
        } else if (Files.exists(program)) {
            try {
                Path real = program.toRealPath();
                if (!real.equals(program)) {
                    problems.warn(where, "program path '" + text + "' resolves to " + real + "; callers are "
                            + "matched by the resolved path, so this never matches", "write " + real);
                }
            } catch (IOException e) {
                problems.warn(where, "cannot resolve program path: " + e, "");
            }
        }
    }

    private static void checkTemplates(ServiceConfig svc, Problems problems) {
        for (CredStoreEntry e : svc.credStore()) {
            CredStoreTemplate.problem(e.value()).ifPresent(p -> problems.error(
                    svc.origin().of(ConfigOption.CRED_STORE), "cred_store '" + e + "': " + p,
                    "use %U (uid), %u (user name) or %% (a literal %)"));
        }
    }

    /** gssproxy4j hints for kernel services (reference §3, §8): kernel upcalls have no program. */
    private static void checkKernel(ServiceConfig svc, Path mainSocket, Problems problems) {
        if (!svc.kernelNfsd()) {
            return;
        }
        if (svc.program().isPresent()) {
            problems.warn(svc.origin().of(ConfigOption.PROGRAM), "kernel_nfsd service sets program, but kernel "
                    + "upcalls come from kernel threads, which have no program; it never matches them",
                    "remove program");
        }
        Path socket = svc.effectiveSocket(mainSocket);
        if (!socket.equals(Defaults.KERNEL_SOCKET) && !socket.equals(Path.of("/var/run/gssproxy.sock"))) {
            problems.warn(svc.origin().of(ConfigOption.SOCKET), "kernel_nfsd service listens on " + socket
                    + ", but the kernel connects to " + Defaults.KERNEL_SOCKET,
                    "add 'socket = " + Defaults.KERNEL_SOCKET + "'");
        }
    }

    /** A client variable the service's cred_usage never reads is allowed for nothing. */
    private static void checkClientEnv(ServiceConfig svc, Problems problems) {
        for (ClientEnvVar v : svc.allowClientEnv()) {
            boolean forAccept = v == ClientEnvVar.KRB5_KTNAME;
            CredUsage unused = forAccept ? CredUsage.INITIATE : CredUsage.ACCEPT;
            if (svc.credUsage() == unused) {
                problems.warn(svc.origin().of(ConfigOption.ALLOW_CLIENT_ENV), "allow_client_env lists " + v
                        + ", which is only read to " + (forAccept ? "accept" : "initiate") + ", but the service has"
                        + " cred_usage = " + svc.credUsageText(), "remove " + v + " from allow_client_env");
            }
        }
    }

    /** Upstream {@code check_services} for an earlier service {@code first} and a later {@code later}. */
    private static void checkPair(ServiceConfig first, ServiceConfig later, Path mainSocket, Problems problems) {
        if (!first.effectiveSocket(mainSocket).equals(later.effectiveSocket(mainSocket))) {
            return;
        }
        boolean sameProgram = first.program().equals(later.program());
        boolean sameSelinux = SelinuxContext.sameOrBothAbsent(first.selinuxContext(), later.selinuxContext());
        boolean sameEuid = first.euid().isPresent() && first.euid().equals(later.euid());
        String names = "'" + first.name() + "' (" + first.origin() + ") and '" + later.name() + "'";
        if (sameProgram && sameSelinux && first.allowAnyUid()) {
            problems.error(later.origin().header(), "services " + names + " share socket, program and "
                    + "selinux_context, and '" + first.name() + "' sets allow_any_uid, so '" + later.name()
                    + "' can never be reached", "list [service/" + first.name() + "] last, or give one of them its "
                    + "own socket or program");
        } else if (sameProgram && sameSelinux && sameEuid) {
            problems.error(later.origin().header(), "services " + names + " have the same socket, program, "
                    + "selinux_context and euid, so '" + later.name() + "' can never be reached",
                    "merge them, or give one its own socket or program");
        } else if (masks(first, later)) {
            problems.warn(later.origin().header(), "service '" + later.name() + "' can never match: every caller "
                    + "it accepts matches '" + first.name() + "' (" + first.origin() + ") first",
                    "list it before '" + first.name() + "', or give it its own socket");
        }
    }

    /** Whether every caller {@code later} accepts is accepted by {@code first} (sockets already equal). */
    private static boolean masks(ServiceConfig first, ServiceConfig later) {
        boolean uid = first.allowAnyUid() || (!later.allowAnyUid() && first.euid().isPresent()
                && first.euid().equals(later.euid()));
        boolean program = first.program().isEmpty() || first.program().equals(later.program());
        boolean selinux = first.selinuxContext().isEmpty() || (later.selinuxContext().isPresent()
                && first.selinuxContext().get().matches(later.selinuxContext().get())
                && (first.selinuxContext().get().range().isEmpty()
                    || Objects.equals(first.selinuxContext().get().range(), later.selinuxContext().get().range())));
        return uid && program && selinux;
    }
}
