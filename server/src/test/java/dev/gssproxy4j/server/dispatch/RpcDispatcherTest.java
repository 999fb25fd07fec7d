package dev.gssproxy4j.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.dump.WireDump;
import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.mech.CredUsage;
import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.Mech;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.testkit.CapturedRecords;
import dev.gssproxy4j.xdr.XdrLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dispatcher with the daemon's real handler table and the real MIT library, fed every call captured between
 * real clients and upstream gssproxy ({@code shared/wire}) without a socket and without root: the caller's
 * identity is what the transport would have read with SO_PEERCRED. Where upstream's answer does not depend on keys
 * (RPC-level errors, a garbage token) the reply must be upstream's, byte for byte.
 */
class RpcDispatcherTest {

    /** The uid of the interposer's captured calls (accept/, init/): any uid that is not root. */
    private static final int APP_UID = 4242;
    private static final Path APP_SOCKET = Defaults.MAIN_SOCKET;

    private static ServerRealm kdc;
    private static RpcDispatcher dispatcher;

    @BeforeAll
    static void dispatcher() {
        kdc = new ServerRealm();
        Path services = kdc.realm.keytab("services.keytab", "host/localhost", "nfs/localhost");
        Path alice = kdc.aliceKeytab;
        GssProxyConfig config = new GssProxyConfig(0, false, Optional.empty(), 5, Path.of("/nonexistent/keyring"),
                APP_SOCKET, List.of(
                        ServiceConfig.builder("nfs-server").euid(0).mech(Mech.KRB5).socket(Defaults.KERNEL_SOCKET)
                                .trusted(true).kernelNfsd(true).credStore("keytab", services.toString())
                                .credUsage(CredUsage.ACCEPT).build(),
                        ServiceConfig.builder("app").euid(APP_UID).mech(Mech.KRB5)
                                .credStore("keytab", services.toString())
                                .credStore("client_keytab", alice.toString()).build()),
                List.of(), List.of());
        ServerResources resources = new ServerResources(kdc.gss, new HandleSealer(Keyring.ephemeral()),
                ServerRealm.NO_USERS, Clock.systemUTC());
        dispatcher = new RpcDispatcher(() -> Policy.of(config), Handlers.all(), resources, XdrLimits.DEFAULT,
                GssProxyMessages.MAX_RECORD);
    }

    @AfterAll
    static void close() {
        kdc.close();
    }

    /** errors/ went to the kernel's socket as root; the other scenarios came from the interposer of an application. */
    private static Transport.Outcome dispatch(String name, int uid) {
        byte[] record = CapturedRecords.read(name);
        Path socket = name.startsWith("errors/") || name.startsWith("kernel/") ? Defaults.KERNEL_SOCKET : APP_SOCKET;
        Transport.Origin origin = new Transport.Origin(new Caller(uid, uid, 77,
                uid == 0 ? Optional.empty() : Optional.of(Path.of("/usr/bin/gss-server")), Optional.empty(), socket),
                1);
        return dispatcher.handle(Arrays.copyOfRange(record, 4, record.length), origin);
    }

    private static Transport.Outcome dispatch(String name) {
        return dispatch(name, name.startsWith("errors/") || name.startsWith("kernel/") ? 0 : APP_UID);
    }

    static Stream<String> rpcLevelErrors() {
        return Stream.of("01-wrong-program", "02-wrong-version", "03-proc-0", "04-proc-16", "05-garbage-args",
                "06-auth-sys", "07-rpcvers-3", "08-msgtype-reply").map(name -> "errors/" + name + ".call.bin");
    }

    @ParameterizedTest
    @MethodSource("rpcLevelErrors")
    void anRpcLevelErrorIsAnsweredWithUpstreamsBytesAndTheConnectionStays(String name) {
        Transport.Reply reply = assertInstanceOf(Transport.Reply.class, dispatch(name));
        assertArrayEquals(CapturedRecords.replyTo(name).orElseThrow(), reply.record());
    }

    @ParameterizedTest
    @MethodSource
    void aHeaderThatDoesNotDecodeDropsTheConnectionWithoutAReply(String name) {
        assertInstanceOf(Transport.Drop.class, dispatch(name));
    }

    static Stream<String> aHeaderThatDoesNotDecodeDropsTheConnectionWithoutAReply() {
        return Stream.of("errors/09-truncated-header.call.bin", "errors/10-cred-body-401.call.bin");
    }

    @Test
    void aGarbageTokenGetsUpstreamsDefectiveTokenReply() {
        String name = "errors/15-gss-defective-token.call.bin";
        Transport.Reply reply = assertInstanceOf(Transport.Reply.class, dispatch(name));
        assertArrayEquals(CapturedRecords.replyTo(name).orElseThrow(), reply.record(),
                () -> "ours:\n" + WireDump.describe(reply.record(),
                        Optional.of(Procedure.ACCEPT_SEC_CONTEXT), false));
    }

    @Test
    void aUidThatMatchesNoServiceIsAnsweredUnauthorizedOnceAndTheConnectionCloses() {
        var outcome = assertInstanceOf(Transport.ReplyAndClose.class,
                dispatch("errors/13-uid-without-service.call.bin", 65534));
        DecodedMessage decoded = GssProxyMessages.decodeMessage(outcome.record(), 4, outcome.record().length,
                Optional.of(Procedure.INDICATE_MECHS), XdrLimits.DEFAULT);
        var results = assertInstanceOf(DecodedMessage.Results.class, decoded.body());
        assertEquals(MajorStatus.GSS_S_UNAUTHORIZED.value(), results.result().status().majorStatus());
    }

    static Stream<String> capturedCalls() {
        return Stream.of("accept", "init", "kernel").flatMap(scenario -> CapturedRecords.calls(scenario).stream());
    }

    /**
     * Keys and tickets of the captured realm are not ours, so their GSS results differ from upstream's; what must
     * hold is the RPC: every captured call gets one SUCCESS reply with its xid and a result of its procedure.
     */
    @ParameterizedTest
    @MethodSource("capturedCalls")
    void everyCapturedCallIsAnsweredWithAResultOfItsProcedure(String name) {
        byte[] call = CapturedRecords.read(name);
        Procedure procedure = WireDump.procedureOfCall(call).orElseThrow();
        Transport.Reply reply = assertInstanceOf(Transport.Reply.class, dispatch(name));
        DecodedMessage decoded = GssProxyMessages.decodeMessage(reply.record(), 4, reply.record().length,
                Optional.of(procedure), XdrLimits.DEFAULT);
        assertEquals(Arrays.toString(Arrays.copyOfRange(call, 4, 8)),
                Arrays.toString(Arrays.copyOfRange(reply.record(), 4, 8)), "the reply carries the call's xid");
        assertTrue(decoded.body() instanceof DecodedMessage.Results, () -> name + ": " + decoded.header());
    }
}
