package dev.gssproxy4j.server.creds;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.mech.GssException;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call's private MEMORY ccache ends with the call, observed through the library as a client would: while it lives
 * it holds alice's TGT and can be read; once destroyed, MIT resolves its name to a new, empty ccache that names no
 * principal, so reading it fails.
 */
class SegregatedCcacheTest {

    private static ServerRealm kdc;
    private static int probes;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    @Test
    void closeDestroysTheCcacheAndTheTicketsInIt() {
        SegregatedCcache ccache = SegregatedCcache.create(kdc.gss);
        kdc.gss.copyCcache("FILE:" + kdc.ccache("alice"), ccache.name());
        read(ccache.name());

        ccache.close();

        assertGone(ccache.name());
    }

    @Test
    void closingTheCallDestroysTheCcachesItsPolicyMade() {
        String name;
        try (CallContext call = kdc.call(kdc.acceptor("private-ccache").build(), ServerRealm.SERVICE_UID);
             CredEnvironment env = call.credentials().environment(Optional.empty(), CredUsage.INITIATE)) {
            name = env.segregated().orElseThrow().name();
            kdc.gss.copyCcache("FILE:" + kdc.ccache("alice"), name);
            read(name);
        }
        assertGone(name);
    }

    /** Reads {@code ccache} by copying it into a fresh MEMORY ccache, which is destroyed again. */
    private static void read(String ccache) {
        String probe = "MEMORY:gssproxy4j_test_probe_" + ++probes;
        kdc.gss.copyCcache(ccache, probe);
        kdc.gss.destroyCcache(probe);
    }

    private static void assertGone(String ccache) {
        assertThrows(GssException.class, () -> read(ccache), "the private ccache still holds tickets");
        kdc.gss.destroyCcache(ccache); // the empty one that resolving the name again made
    }
}
