package dev.gssproxy4j.testkit.interop;

import dev.gssproxy4j.testkit.ChildProcess;
import dev.gssproxy4j.testkit.Programs;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local test accounts ({@code gp4j-svc}, {@code gp4j-cli}, ...): looked up with {@code getent passwd} and created
 * when missing with {@code useradd --system --no-create-home --shell /usr/sbin/nologin --user-group}, which needs
 * root. Creating is idempotent and safe against a concurrent creator (a lost race is resolved by looking up again).
 * Accounts are left in place: they hold no files and no password, and CI machines are throwaway.
 */
public final class LocalUsers {

    /** The service account of the acceptor scenario (it must not be able to read any keytab). */
    public static final String SERVICE = "gp4j-svc";
    /** The client account of the initiator scenario (it has no ccache and no keytab of its own). */
    public static final String CLIENT = "gp4j-cli";

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");

    private LocalUsers() {
    }

    /** Whether this JVM runs as root (effective uid 0), which creating accounts and switching users need. */
    public static boolean runningAsRoot() {
        return Identity.effectiveUid() == 0;
    }

    /** The account {@code name}, created first if it does not exist. */
    public static LocalUser ensure(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a portable user name: \"" + name + "\"");
        }
        Optional<LocalUser> existing = lookup(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!runningAsRoot()) {
            throw new IllegalStateException("local user " + name + " does not exist and only root can create it: "
                    + "run the interop tests as root (CI does), or create it with `useradd --system "
                    + "--no-create-home --shell /usr/sbin/nologin --user-group " + name + "`");
        }
        ChildProcess.Result added = ChildProcess.command(Programs.require("useradd", "passwd").toString(),
                        "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name)
                .run(TIMEOUT);
        // Exit 9 = "username already in use": another test JVM created it in between, which is fine.
        return lookup(name).orElseThrow(() -> new IllegalStateException("useradd " + name + " exited with "
                + added.exitCode() + " and the user still does not exist; stderr: " + added.stderr().strip()));
    }

    /** The account {@code name} if it exists ({@code getent passwd}, so NSS sources count too). */
    public static Optional<LocalUser> lookup(String name) {
        ChildProcess.Result result = ChildProcess.command("getent", "passwd", name).run(TIMEOUT);
        if (result.exitCode() == 2) {
            return Optional.empty();
        }
        String line = result.requireSuccess().stdout().strip();
        String[] fields = line.split(":", -1);
        if (fields.length < 4 || !fields[0].equals(name)) {
            throw new IllegalStateException("unexpected `getent passwd " + name + "` output: " + line);
        }
        return Optional.of(new LocalUser(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
    }
}
