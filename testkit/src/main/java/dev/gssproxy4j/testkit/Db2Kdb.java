package dev.gssproxy4j.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The db2 database of {@code kdb5_util create -s} in the realm directory: no delegation ACLs (MIT stores none). */
record Db2Kdb(Path dir) implements MitKdb {

    @Override
    public List<String> realmLines() {
        return List.of("database_name = " + dir.resolve("principal"));
    }

    @Override
    public String sections() {
        return "";
    }

    @Override
    public void create(String realm, Map<String, String> environment) {
        ChildProcess.command(Programs.require("kdb5_util", "krb5-kdc").toString(), "-r", realm, "create", "-s")
                .environment(environment)
                .stdin(MitKdb.twice(MitKdb.randomSecret()))
                .run(Kinit.TIMEOUT)
                .requireSuccess();
    }

    /** MIT's db2 module has no field for the ACL: its KDC answers S4U2Proxy with KDC_ERR_BADOPTION. */
    @Override
    public void allowDelegation(String realm, String service, List<String> targets) {
        throw new RealmException("MIT's db2 database stores no constrained-delegation ACL; use Realms.mitLdap()");
    }

    @Override
    public void close() {
        // the files go with the realm directory
    }
}
