package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Obtains tickets with MIT {@code kinit} run with a realm's environment, so the ccache is written by MIT itself
 * (a FILE ccache every MIT tool and library reads).
 */
final class Kinit {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Kinit() {
    }

    /** {@code kinit -c FILE:<dir>/<ccache> principal}, with the password on standard input. */
    static Path withPassword(Realm realm, String principal, String password, String ccacheFileName) {
        if (password.contains("\n")) {
            throw new IllegalArgumentException("a password for kinit cannot contain a line break");
        }
        Path ccache = new RealmDir(realm.dir()).file(ccacheFileName);
        ChildProcess.command(Programs.require("kinit", "krb5-user").toString(), "-c", "FILE:" + ccache, principal)
                .environment(realm.environment())
                .env("KRB5CCNAME", "FILE:" + ccache)
                .stdin(password + "\n")
                .run(TIMEOUT)
                .requireSuccess();
        return ccache;
    }

    /** {@code kinit -k -t keytab -c FILE:<dir>/<ccache> principal}. */
    static Path withKeytab(Realm realm, String principal, Path keytab, String ccacheFileName) {
        Path ccache = new RealmDir(realm.dir()).file(ccacheFileName);
        ChildProcess.command(Programs.require("kinit", "krb5-user").toString(), "-k", "-t", keytab.toString(),
                        "-c", "FILE:" + ccache, principal)
                .environment(realm.environment())
                .env("KRB5CCNAME", "FILE:" + ccache)
                .run(TIMEOUT)
                .requireSuccess();
        return ccache;
    }
}
