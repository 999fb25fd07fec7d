package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.convert.Names;
import dev.gssproxy4j.server.shared.ServerResources;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Target names of accepted contexts come from the library once per ticket server and are then reused: every reply
 * must carry exactly the name MIT gives the context, for each of two services sharing one daemon.
 */
class AcceptorNamesTest {

    static ServerRealm kdc;
    static ServiceConfig host;
    static ServiceConfig http;

    @BeforeAll
    static void realm() {
        kdc = new ServerRealm();
        host = kdc.acceptor("host").build();
        http = kdc.acceptor("http", kdc.realm.keytab("http.keytab", "HTTP/localhost")).build();
    }

    @AfterAll
    static void stop() {
        kdc.close();
    }

    /** Accepts a fresh AP-REQ for {@code target} and returns the reply's context with the library's own view. */
    static GssxCtx acceptFor(String target, ServiceConfig service, ServerResources resources, CallCtx callCtx)
            throws InterruptedException {
        CallContext call = ServerRealm.call(service, ServerRealm.SERVICE_UID, resources);
        try (GssCred alice = kdc.initiatorCred("alice");
             GssName name = kdc.gss.importName(target, Oid.NT_HOSTBASED_SERVICE)) {
            InitResult init = kdc.gss.initSecContext(alice, null, name, Oid.KRB5, 0, 0, null, null);
            try (SecContext ignored = init.context()) {
                ResAcceptSecContext res = ServerRealm.run(new AcceptSecContext(), AcceptSecContextTest.args(callCtx,
                        Optional.empty(), Optional.empty(), init.outputToken()), call);
                assertEquals(0, res.status().majorStatus(), () -> res.status().minorStatusString().toText());
                return res.contextHandle().orElseThrow();
            }
        }
    }

    /** What MIT itself says the target of {@code ctx} is (described as NamesTest shows equal to MIT's own calls). */
    static GssxName libraryTarget(GssxCtx ctx) {
        try (SecContext imported = kdc.gss.importContext(ctx.exportedContextToken().toByteArray());
             var info = imported.inquire()) {
            return Names.describe(info.target(), true);
        }
    }

    @Test
    void eachServiceKeepsItsOwnTargetNameAcrossLogins() throws Exception {
        ServerResources resources = kdc.resources();
        for (int login = 0; login < 3; login++) {
            GssxCtx toHost = acceptFor("host@localhost", host, resources, CallCtx.EMPTY);
            GssxCtx toHttp = acceptFor("HTTP@localhost", http, resources, CallCtx.EMPTY);
            assertEquals(kdc.realm.principal("host/localhost"), toHost.targName().displayText());
            assertEquals(kdc.realm.principal("HTTP/localhost"), toHttp.targName().displayText());
            assertEquals(Oids.KRB5_NT_PRINCIPAL_NAME, toHttp.targName().nameType());
            assertEquals(libraryTarget(toHost), toHost.targName(), "login " + login);
            assertEquals(libraryTarget(toHttp), toHttp.targName(), "login " + login);
            assertEquals(2, resources.acceptorNames().size(), "one entry per ticket server");
        }
    }

    @Test
    void theKernelGetsTheRememberedNameWithoutItsCompositeExport() throws Exception {
        ServerResources resources = kdc.resources();
        GssxCtx interposer = acceptFor("host@localhost", host, resources, CallCtx.EMPTY);
        GssxCtx kernel = acceptFor("host@localhost", host, resources, AcceptSecContextTest.KERNEL);
        assertEquals(Names.withoutComposite(interposer.targName()), kernel.targName());
        assertEquals(1, resources.acceptorNames().size());
    }
}
