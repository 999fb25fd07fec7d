package dev.gssproxy4j.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the service for a caller, as upstream {@code gp_creds.c gp_creds_match_conn} does for every request: the
 * first service in config order such that
 * <ol>
 *   <li>{@code allow_any_uid} is set or {@code euid} equals the caller's uid,</li>
 *   <li>its {@code selinux_context}, if set, matches the caller's label (user, role, type; range only if both
 *       have one; a caller without a label never matches a service that sets one),</li>
 *   <li>its {@code program}, if set, equals the caller's program (a caller without one never matches it), and</li>
 *   <li>the caller came in on the service's socket, or on the main socket if the service has none.</li>
 * </ol>
 * Upstream drops a connection that matches nothing, without a reply; {@link Match#summary} says why, for the log.
 */
public final class ServiceMatcher {

    /**
     * The result of matching, with one line per service saying why it did or did not match.
     *
     * @param service the chosen service, empty if none matches
     * @param reasons for each service in config order, e.g. {@code service 'http' wants program /usr/sbin/httpd}
     */
    public record Match(Optional<ServiceConfig> service, List<String> reasons) {

        public Match {
            Objects.requireNonNull(service, "service");
            reasons = List.copyOf(reasons);
        }

        /**
         * One line for logs and error messages: {@code uid 1000 (program /usr/bin/foo) matches service 'x'}, or
         * {@code ... matches no service: service 'nfs-server' wants euid 0; service 'http' wants program ...}.
         */
        public String summary(Caller caller) {
            return service.map(s -> caller.describe() + " matches service '" + s.name() + "'")
                    .orElseGet(() -> caller.describe() + " matches no service"
                            + (reasons.isEmpty() ? " (none configured)" : ": " + String.join("; ", reasons)));
        }
    }

    private final List<ServiceConfig> services;
    private final Path mainSocket;

    public ServiceMatcher(GssProxyConfig config) {
        this.services = config.services();
        this.mainSocket = config.mainSocket();
    }

    /** The service for {@code caller}, without explanations (the per-request path). */
    public Optional<ServiceConfig> find(Caller caller) {
        for (ServiceConfig svc : services) {
            if (check(svc, caller, null)) {
                return Optional.of(svc);
            }
        }
        return Optional.empty();
    }

    /** The service for {@code caller}, and for every service why it did or did not match. */
    public Match match(Caller caller) {
        ServiceConfig chosen = null;
        List<String> reasons = new ArrayList<>();
        for (ServiceConfig svc : services) {
            List<String> why = new ArrayList<>();
            boolean ok = check(svc, caller, why);
            String name = "service '" + svc.name() + "'";
            if (ok && chosen == null) {
                chosen = svc;
                reasons.add(name + " matches");
            } else if (ok) {
                reasons.add(name + " would match too, but '" + chosen.name() + "' comes first");
            } else {
                reasons.add(name + " " + String.join(" and ", why));
            }
        }
        return new Match(Optional.ofNullable(chosen), reasons);
    }

    /** Whether {@code svc} accepts {@code caller}; if {@code why} is not null, every failed rule is added to it. */
    private boolean check(ServiceConfig svc, Caller caller, List<String> why) {
        boolean ok = true;
        if (!svc.allowAnyUid() && (svc.euid().isEmpty() || svc.euid().getAsInt() != caller.uid())) {
            ok = fail(why, svc.euid().isPresent() ? "wants euid " + Integer.toUnsignedString(svc.euid().getAsInt())
                    : "has no euid");
            if (why == null) {
                return false;
            }
        }
        if (svc.selinuxContext().isPresent()) {
            SelinuxContext wanted = svc.selinuxContext().get();
            Optional<SelinuxContext> actual = caller.selinuxLabel().flatMap(SelinuxContext::tryParse);
            if (actual.isEmpty() || !wanted.matches(actual.get())) {
                ok = fail(why, "wants SELinux context " + wanted + " (caller has "
                        + caller.selinuxLabel().orElse("none") + ")");
                if (why == null) {
                    return false;
                }
            }
        }
        if (svc.program().isPresent() && !svc.program().equals(caller.program())) {
            ok = fail(why, "wants program " + svc.program().get()
                    + (caller.program().isEmpty() ? " (caller has none)" : ""));
            if (why == null) {
                return false;
            }
        }
        Path socket = svc.effectiveSocket(mainSocket);
        if (!socket.equals(caller.socket())) {
            ok = fail(why, "wants socket " + socket);
        }
        return ok;
    }

    private static boolean fail(List<String> why, String reason) {
        if (why != null) {
            why.add(reason);
        }
        return false;
    }
}
