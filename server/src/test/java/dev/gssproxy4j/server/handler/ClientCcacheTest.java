package dev.gssproxy4j.server.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.ClientEnvVar;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ResAcquireCred;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.call.CallContext;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gssproxy4j.env.KRB5CCNAME against Kerby: a caller's own ccache file initiates, through a private copy checked on
 * the opened file; anything the caller does not own, or a service that does not allow it, is refused. Needs root
 * (the files are given to other uids).
 */
class ClientCcacheTest {

    static final int CALLER = ServerRealm.OTHER_UID;
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

    static ServiceConfig service(boolean allow) {
        return ServerRealm.clientEnvService(ClientEnvVar.KRB5CCNAME, allow);
    }

    static CallCtx env(String ccname) {
        return CallCtx.withOptions(List.of(GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), ccname)));
    }

    /** Alice's TGT in a file of {@code dir} owned by {@code uid}, mode 0600. */
    Path aliceCcacheOwnedBy(int uid) throws Exception {
        Path file = dir.resolve("krb5cc_" + uid);
        Files.copy(kdc.ccache("alice"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(file, "unix:uid", uid);
        return file;
    }

    ResInitSecContext init(CallCtx callCtx, Optional<GssxCred> cred, ServiceConfig service) throws Exception {
        return DispatchedCall.run(new InitSecContext(), new ArgInitSecContext(callCtx, Optional.empty(), cred,
                Optional.of(GssxName.of(ServerRealm.TARGET, Oids.NT_HOSTBASED_SERVICE)), Oids.KRB5, 0, 0,
                Optional.empty(), Optional.empty(), List.of()), kdc.call(service, CALLER));
    }

    ResAcquireCred acquire(CallCtx callCtx, ServiceConfig service) throws Exception {
        return DispatchedCall.run(new AcquireCred(), new ArgAcquireCred(callCtx, Optional.empty(), false,
                Optional.empty(), 0, List.of(), CredUsage.INITIATE, 0, 0, List.of()), kdc.call(service, CALLER));
    }

    static String text(GssxStatus status) {
        return status.minorStatusString().toText();
    }

    @Test
    void theCallersOwnCcacheInitiatesAndIsOnlyRead() throws Exception {
        Path file = aliceCcacheOwnedBy(CALLER);
        byte[] before = Files.readAllBytes(file);
        ResInitSecContext res = init(env("FILE:" + file), Optional.empty(), service(true));
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
        assertTrue(res.outputToken().isPresent());
        assertEquals(kdc.realm.principal("alice"), res.contextHandle().orElseThrow().srcName().displayText());
        assertArrayEquals(before, Files.readAllBytes(file), "the service ticket went to the private copy only");
        assertEquals(CALLER, (int) Files.getAttribute(file, "unix:uid"));
    }

    @Test
    void anAcquiredHandleCarriesTheTicketsWithoutTheFile() throws Exception {
        Path file = aliceCcacheOwnedBy(CALLER);
        ResAcquireCred acquired = acquire(env(file.toString()), service(true));
        assertEquals(0, acquired.status().majorStatus(), () -> text(acquired.status()));
        GssxCred handle = acquired.outputCredHandle().orElseThrow();
        assertEquals(kdc.realm.principal("alice"), handle.desiredName().displayText());
        Files.delete(file);
        ResInitSecContext res = init(CallCtx.EMPTY, Optional.of(handle), service(true));
        assertEquals(0, res.status().majorStatus(), () -> text(res.status()));
    }

    @Test
    void aCcacheOfAnotherUidIsRefusedWithoutSayingWhy() throws Exception {
        Path file = aliceCcacheOwnedBy(ServerRealm.SERVICE_UID);
        ResInitSecContext res = init(env("FILE:" + file), Optional.empty(), service(true));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(Errno.EACCES.code(), res.status().minorStatus());
        String owned = text(res.status());
        assertTrue(owned.contains(file.toString()) && owned.contains("owned by the caller (uid " + CALLER + ")"),
                owned);
        // a missing file gets the same text: a root daemon must not tell callers what exists where they cannot look
        ResInitSecContext missing = init(env("FILE:" + dir.resolve("absent")), Optional.empty(), service(true));
        assertEquals(owned.replace(file.toString(), dir.resolve("absent").toString()), text(missing.status()));
    }

    @Test
    void linksFifosAndOtherCcacheTypesAreRefused() throws Exception {
        Path file = aliceCcacheOwnedBy(CALLER);
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        Files.setAttribute(link, "unix:uid", CALLER, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertEquals(Errno.EACCES.code(), init(env(link.toString()), Optional.empty(), service(true)).status()
                .minorStatus());
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        Files.setAttribute(fifo, "unix:uid", CALLER);
        assertEquals(Errno.EACCES.code(), init(env(fifo.toString()), Optional.empty(), service(true)).status()
                .minorStatus(), "a FIFO is refused without waiting for a writer");
        Path huge = dir.resolve("huge");
        Files.write(huge, new byte[(1 << 20) + 1]);
        Files.setAttribute(huge, "unix:uid", CALLER);
        assertEquals(Errno.EINVAL.code(), init(env(huge.toString()), Optional.empty(), service(true)).status()
                .minorStatus(), "over 1 MiB");
        for (String other : List.of("KEYRING:persistent:" + CALLER, "KCM:" + CALLER, "MEMORY:gssproxy4j_x",
                "DIR:" + dir, "krb5cc_relative")) {
            ResInitSecContext res = init(env(other), Optional.empty(), service(true));
            assertEquals(Errno.EINVAL.code(), res.status().minorStatus(), other + ": " + text(res.status()));
        }
        assertTrue(text(init(env("KEYRING:persistent:1"), Optional.empty(), service(true)).status())
                .contains("KEYRING"));
    }

    @Test
    void theServicesClientKeytabNeverRenewsTheCallersCcache() throws Exception {
        // a ccache the caller wrote: principal alice, no tickets; the service's client keytab holds alice's keys
        Path empty = dir.resolve("krb5cc_empty");
        Files.write(empty, ticketlessCcache("alice", kdc.realm.name()));
        Files.setAttribute(empty, "unix:uid", CALLER);
        ServiceConfig withClientKeytab = ServiceConfig.builder("client-keytab").euid(ServerRealm.SERVICE_UID)
                .mech(Mech.KRB5).credStore("client_keytab", kdc.aliceKeytab.toString())
                .allowClientEnv(ClientEnvVar.KRB5CCNAME).build();
        assertEquals(0, init(CallCtx.EMPTY, Optional.empty(), withClientKeytab).status().majorStatus(),
                "without the option the service's client keytab initiates, as configured");
        ResInitSecContext res = init(env(empty.toString()), Optional.empty(), withClientKeytab);
        assertTrue(res.status().majorStatus() != 0, "the caller's ccache is used as it is, never renewed");
        assertTrue(res.contextHandle().isEmpty());
    }

    /** A version 4 FILE ccache with a default principal and no credentials (MIT's cc_file format). */
    static byte[] ticketlessCcache(String name, String realm) {
        byte[] r = realm.getBytes(StandardCharsets.UTF_8);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + 4 + 4 + 4 + r.length + 4 + n.length).putShort((short) 0x0504)
                .putShort((short) 0).putInt(1).putInt(1).putInt(r.length).put(r).putInt(n.length).put(n).array();
    }

    @Test
    void aServiceWithoutAllowClientEnvRefusesTheOption() throws Exception {
        Path file = aliceCcacheOwnedBy(CALLER);
        ResAcquireCred res = acquire(env(file.toString()), service(false));
        assertEquals(MajorStatus.GSS_S_FAILURE.value(), res.status().majorStatus());
        assertEquals(Errno.EACCES.code(), res.status().minorStatus());
        assertTrue(text(res.status()).contains("allow_client_env = KRB5CCNAME in [service/user-env]"),
                text(res.status()));
    }

    @Test
    void getCallContextListsWhatTheServiceAllows() {
        var allowed = new GetCallContext().handle(null, kdc.call(service(true), CALLER));
        assertEquals(List.of(GssxOption.of(ClientEnvVar.KRB5CCNAME.optionName(), Opaque.EMPTY)), allowed.options());
        assertTrue(new GetCallContext().handle(null, kdc.call(service(false), CALLER)).options().isEmpty());
    }
}
