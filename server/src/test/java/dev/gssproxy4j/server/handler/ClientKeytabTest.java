package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.GssCred;
import dev.gssproxy4j.mech.GssName;
import dev.gssproxy4j.mech.InitResult;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.SecContext;
import dev.gssproxy4j.mech.mit.ExportedCredKeytab;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.creds.StoreScope;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.seal.Binding;
import dev.gssproxy4j.server.seal.HandleKind;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gssproxy4j.env.KRB5_CLIENT_KTNAME and KRB5_KTNAME against Kerby: a caller's own client keytab initiates and its
 * own keytab accepts, each through a private snapshot checked on the opened file and used for that call only; the
 * service's keys are not used in such a call, handles never name a snapshot, and anything the caller does not own
 * is refused. Needs root (the files are given to other uids).
 */
class ClientKeytabTest {

    static final int CALLER = ServerRealm.OTHER_UID;
    /** The caller's own acceptor principal; the service's keytab holds only {@link ServerRealm#SERVICE_PRINCIPAL}. */
    static final String CALLER_SERVICE = "callersvc/localhost";
    static ServerRealm kdc;

    @TempDir
    Path dir;

    @BeforeAll
    static void realm() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give files to other uids");
        kdc = new ServerRealm();
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
    }

    static ServiceConfig initiator(boolean allow) {
        return ServerRealm.clientEnvService(ClientEnvVar.KRB5_CLIENT_KTNAME, allow);
    }

    /** The service's own keys: the host keytab to accept, bob's keytab to initiate. */
    static ServiceConfig withServiceKeys(ClientEnvVar allowed) {
        return kdc.acceptor("own-keys").allowAnyUid(true)
                .credStore("client_keytab", kdc.realm.keytab("bob.keytab", "bob").toString())
                .allowClientEnv(allowed).build();
    }

    static CallCtx env(ClientEnvVar variable, String value) {
        return CallCtx.withOptions(List.of(GssxOption.of(variable.optionName(), value)));
    }

    /** A keytab of {@code principals} in a file of {@code dir} owned by {@code uid}, mode 0600. */
    Path keytabOwnedBy(int uid, String fileName, String... principals) throws Exception {
        Path file = dir.resolve(fileName);
        Files.copy(kdc.realm.keytab("export-" + fileName, principals), file);
        Files.setAttribute(file, "unix:uid", uid);
        return file;
    }

    ResInitSecContext init(CallCtx callCtx, Optional<GssxCred> cred, ServiceConfig service) throws Exception {
        return DispatchedCall.run(new InitSecContext(), new ArgInitSecContext(callCtx, Optional.empty(), cred,
                Optional.of(GssxName.of(ServerRealm.TARGET, Oids.NT_HOSTBASED_SERVICE)), Oids.KRB5, 0, 0,
                Optional.empty(), Optional.empty(), List.of()), kdc.call(service, CALLER));
    }

    ResAcquireCred acquire(CallCtx callCtx, CredUsage usage, ServiceConfig service) throws Exception {
        return DispatchedCall.run(new AcquireCred(), new ArgAcquireCred(callCtx, Optional.empty(), false,
                Optional.empty(), 0, List.of(), usage, 0, 0, List.of()), kdc.call(service, CALLER));
    }

    ResAcceptSecContext accept(CallCtx callCtx, Optional<GssxCred> cred, byte[] token, ServiceConfig service)
            throws Exception {
        return DispatchedCall.run(new AcceptSecContext(), new ArgAcceptSecContext(callCtx, Optional.empty(), cred,
                Opaque.of(token), Optional.empty(), false, List.of()), kdc.call(service, CALLER));
    }

    /** Alice's first AP-REQ to {@code hostbased} (e.g. {@code callersvc@localhost}). */
    static byte[] apReq(String hostbased) {
        try (GssCred alice = kdc.initiatorCred("alice");
             GssName target = kdc.gss.importName(hostbased, Oid.NT_HOSTBASED_SERVICE)) {
            InitResult init = kdc.gss.initSecContext(alice, null, target, Oid.KRB5, 0, 0, null, null);
            try (SecContext ignored = init.context()) {
                return init.outputToken();
            }
        }
    }

    /** The exported credential a handle sealed for {@link #CALLER} of {@code service} carries. */
    static byte[] exported(GssxCred handle, ServiceConfig service) throws Exception {
        return kdc.sealer.open(HandleKind.CREDENTIAL, new Binding(StoreScope.of(service), CALLER,
                Binding.NO_TARGET), handle.credHandleReference().toByteArray(), Instant.now()).payload();
    }

    static List<Path> snapshotDirs() throws Exception {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new ArrayList<>(entries.filter(p -> p.getFileName().toString().startsWith("gssproxy4j-env-"))
                    .toList());
        }
    }

    static String text(GssxStatus status) {
        return status.minorStatusString().toText();
    }

    @Test
    void theCallersOwnClientKeytabInitiatesAndIsOnlyRead() throws Exception {
        Path file = keytabOwnedBy(CALLER, "alice.keytab", "alice");
        byte[] before = Files.readAllBytes(file);
        List<Path> snapshotsBefore = snapshotDirs();
        ResInitSecContext res = init(env(ClientEnvVar.KRB5_CLIENT_KTNAME, "FILE:" + file), Optional.empty(),
                initiator(true));
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(kdc.realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(snapshotsBefore.containsAll(snapshotDirs()), "the snapshot is gone with the call");
    }

    @Test
    void anAcquiredHandleCarriesTheTicketsButNeverTheSnapshot() throws Exception {
        Path file = keytabOwnedBy(CALLER, "alice.keytab", "alice");
        ResAcquireCred acquired = acquire(env(ClientEnvVar.KRB5_CLIENT_KTNAME, file.toString()), CredUsage.INITIATE,
                initiator(true));
        assertEquals(0, acquired.status().majorStatus(), () -> text(acquired.status()));
        GssxCred handle = acquired.outputCredHandle().orElseThrow();
        assertEquals(kdc.realm.principal("alice"), handle.desiredName().displayText());
        assertEquals(Optional.empty(), ExportedCredKeytab.findClientKeytab(exported(handle, initiator(true))),
                "the handle names no client keytab: its snapshot is gone, and the caller's path never goes in");
        Files.delete(file);
        ResInitSecContext res = init(CallCtx.EMPTY, Optional.of(handle), initiator(true));
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(kdc.realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
    }

    @Test
    void theServicesClientKeytabIsNotUsedInACallWithTheCallersOwn() throws Exception {
        ServiceConfig service = withServiceKeys(ClientEnvVar.KRB5_CLIENT_KTNAME);
        ResInitSecContext own = init(CallCtx.EMPTY, Optional.empty(), service);
        assertEquals(0, own.status().majorStatus(), () -> text(own.status()));
        assertEquals(kdc.realm.principal("bob"), own.contextHandle().orElseThrow().srcName().displayText(),
                "without the option the service's client keytab initiates, as configured");
        Path file = keytabOwnedBy(CALLER, "alice.keytab", "alice");
        ResInitSecContext res = init(env(ClientEnvVar.KRB5_CLIENT_KTNAME, file.toString()), Optional.empty(),
                service);
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(kdc.realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
        // a caller keytab without keys for its principal gets nothing from the service's: bob is not alice's
        ResAcquireCred asBob = DispatchedCall.run(new AcquireCred(), new ArgAcquireCred(
                env(ClientEnvVar.KRB5_CLIENT_KTNAME, file.toString()), Optional.empty(), false,
                Optional.of(GssxName.of(kdc.realm.principal("bob"), Oids.KRB5_NT_PRINCIPAL_NAME)), 0, List.of(),
                CredUsage.INITIATE, 0, 0, List.of()), kdc.call(service, CALLER));
        assertNotEquals(0, asBob.status().majorStatus(), "bob's keys are the service's, not the caller's");
    }

    @Test
    void aKeytabOfAnotherUidAMissingOneAndALinkAreRefusedAlike() throws Exception {
        Path other = keytabOwnedBy(ServerRealm.SERVICE_UID, "service-owned.keytab", "alice");
        ResInitSecContext res = init(env(ClientEnvVar.KRB5_CLIENT_KTNAME, other.toString()), Optional.empty(),
                initiator(true));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(Errno.EACCES.code(), res.status().minorStatus());
        String owned = text(res.status());
        assertTrue(owned.contains("KRB5_CLIENT_KTNAME keytab " + other) && owned.contains("owned by the caller (uid "
                + CALLER + ")"), owned);
        Path absent = dir.resolve("absent");
        assertEquals(owned.replace(other.toString(), absent.toString()), text(init(env(
                ClientEnvVar.KRB5_CLIENT_KTNAME, absent.toString()), Optional.empty(), initiator(true)).status()),
                "one text for missing and not owned: a root daemon must not tell what exists where");
        Path file = keytabOwnedBy(CALLER, "alice.keytab", "alice");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        Files.setAttribute(link, "unix:uid", CALLER, LinkOption.NOFOLLOW_LINKS);
        assertEquals(Errno.EACCES.code(), init(env(ClientEnvVar.KRB5_CLIENT_KTNAME, link.toString()), Optional.empty(),
                initiator(true)).status().minorStatus());
        for (String name : List.of("MEMORY:gssproxy4j-keytab-1", "WRFILE:" + file, "alice.keytab")) {
            ResInitSecContext bad = init(env(ClientEnvVar.KRB5_CLIENT_KTNAME, name), Optional.empty(),
                    initiator(true));
            assertEquals(Errno.EINVAL.code(), bad.status().minorStatus(), name + ": " + text(bad.status()));
        }
    }

    @Test
    void aServiceWithoutAllowClientEnvRefusesTheOptions() throws Exception {
        Path file = keytabOwnedBy(CALLER, "alice.keytab", "alice");
        ResAcquireCred res = acquire(env(ClientEnvVar.KRB5_CLIENT_KTNAME, file.toString()), CredUsage.INITIATE,
                initiator(false));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(Errno.EACCES.code(), res.status().minorStatus());
        assertTrue(text(res.status()).contains("allow_client_env = KRB5_CLIENT_KTNAME in [service/user-env]"),
                text(res.status()));
        ResAcceptSecContext accept = accept(env(ClientEnvVar.KRB5_KTNAME, file.toString()), Optional.empty(),
                apReq(ServerRealm.TARGET), withServiceKeys(ClientEnvVar.KRB5_CLIENT_KTNAME));
        assertEquals(Errno.EACCES.code(), accept.status().minorStatus());
        assertTrue(text(accept.status()).contains("allow_client_env = KRB5_KTNAME in [service/own-keys]"),
                text(accept.status()));
    }

    @Test
    void theCallersOwnKeytabAcceptsAndTheServicesIsNotUsedInThatCall() throws Exception {
        ServiceConfig service = withServiceKeys(ClientEnvVar.KRB5_KTNAME);
        Path file = keytabOwnedBy(CALLER, "callersvc.keytab", CALLER_SERVICE);
        CallCtx callerKeytab = env(ClientEnvVar.KRB5_KTNAME, "FILE:" + file);
        ResAcceptSecContext res = accept(callerKeytab, Optional.empty(), apReq("callersvc@localhost"), service);
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertEquals(kdc.realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());

        assertEquals(0, accept(CallCtx.EMPTY, Optional.empty(), apReq(ServerRealm.TARGET), service).status()
                .majorStatus(), "without the option the service's keytab accepts, as configured");
        ResAcceptSecContext forService = accept(callerKeytab, Optional.empty(), apReq(ServerRealm.TARGET), service);
        assertNotEquals(0, forService.status().majorStatus(), "the service's keytab is not used in that call");
    }

    @Test
    void anAcceptorHandleAcceptsOnlyInACallThatSendsTheKeytabAgain() throws Exception {
        ServiceConfig service = withServiceKeys(ClientEnvVar.KRB5_KTNAME);
        Path file = keytabOwnedBy(CALLER, "callersvc.keytab", CALLER_SERVICE);
        CallCtx callerKeytab = env(ClientEnvVar.KRB5_KTNAME, file.toString());
        ResAcquireCred acquired = acquire(callerKeytab, CredUsage.ACCEPT, service);
        assertEquals(0, acquired.status().majorStatus(), () -> text(acquired.status()));
        GssxCred handle = acquired.outputCredHandle().orElseThrow();
        String named = ExportedCredKeytab.find(exported(handle, service)).orElseThrow().keytab();
        assertTrue(named.startsWith("MEMORY:"), "the handle names an empty MEMORY keytab, not a file: " + named);

        ResAcceptSecContext again = accept(callerKeytab, Optional.of(handle), apReq("callersvc@localhost"),
                service);
        assertEquals(0, again.status().majorStatus(), () -> text(again.status()));
        ResAcceptSecContext without = accept(CallCtx.EMPTY, Optional.of(handle), apReq("callersvc@localhost"),
                service);
        assertNotEquals(0, without.status().majorStatus(), "the handle alone has no keys");
        ResAcceptSecContext serviceTicket = accept(CallCtx.EMPTY, Optional.of(handle), apReq(ServerRealm.TARGET),
                service);
        assertNotEquals(0, serviceTicket.status().majorStatus(), "nor the service's, nor the daemon's default ones");
    }

    @Test
    void getCallContextListsBothKeytabs() {
        ServiceConfig service = kdc.acceptor("both").allowClientEnv(ClientEnvVar.KRB5_KTNAME)
                .allowClientEnv(ClientEnvVar.KRB5_CLIENT_KTNAME).build();
        var allowed = new GetCallContext().handle(null, kdc.call(service, CALLER));
        assertEquals(List.of(GssxOption.of(ClientEnvVar.KRB5_KTNAME.optionName(), Opaque.EMPTY),
                GssxOption.of(ClientEnvVar.KRB5_CLIENT_KTNAME.optionName(), Opaque.EMPTY)), allowed.options());
    }
}
