package dev.gssproxy4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.GssProxyClient;
import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCb;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ArgAcquireCred;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgInitSecContext;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgVerifyMic;
import dev.gssproxy4j.protocol.proc.ArgWrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.protocol.proc.GssxArg;
import dev.gssproxy4j.protocol.proc.GssxRes;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResInitSecContext;
import dev.gssproxy4j.protocol.proc.ResUnwrap;
import dev.gssproxy4j.protocol.proc.ResWrap;
import dev.gssproxy4j.server.Daemon;
import dev.gssproxy4j.server.DaemonOptions;
import dev.gssproxy4j.server.handler.Handlers;
import dev.gssproxy4j.testkit.NameTokens;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.testkit.Teardown;
import dev.gssproxy4j.testkit.TempDirs;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The input classes that crashed or subverted the daemon (hostile-callers issue), each sent over a real socket to a
 * real daemon ({@link Daemon} with every handler, MIT's library, a Kerby realm) running in this JVM, so that the
 * binding layer's counter shows that no caller bytes reached {@code gss_import_sec_context}. Every case must get
 * its GSS status, and the daemon must go on serving the same connection.
 */
class HostileInputTest {

    private static final Opaque MESSAGE = Opaque.utf8("attack at dawn");
    private static final int FLAGS = 2 | 8 | 16 | 32; // MUTUAL SEQUENCE CONF INTEG
    private static final byte[] BAD_OID = {0x2a, (byte) 0x86};

    private static Realm realm;
    private static Path dir;
    private static Daemon daemon;
    private static GssProxyClient initiator;
    private static GssProxyClient acceptor;
    private static GssxCtx initiatorContext;
    private static GssxCtx acceptorContext;

    @BeforeAll
    static void start() throws Exception {
        Posix.setenv("GSS_USE_PROXY", "NO"); // Debian's gssproxy package installs the interposer for every program
        realm = Realms.kerby();
        realm.environment().forEach(Posix::setenv);
        realm.addPrincipal("alice", "alice-password-1");
        realm.addRandomKeyPrincipal("host/localhost");
        Path serviceKeytab = realm.keytab("service.keytab", "host/localhost");
        Path aliceKeytab = realm.keytab("alice.keytab", "alice");
        dir = TempDirs.createTraversable("gssproxy4j-hostile");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path config = dir.resolve("gssproxy.conf");
        Files.writeString(config, """
                [gssproxy]
                  keyring = %1$s/keyring

                [service/acceptor]
                  mechs = krb5
                  cred_store = keytab:%2$s
                  euid = %3$d
                  socket = %1$s/accept.sock

                [service/initiator]
                  mechs = krb5
                  cred_store = client_keytab:%4$s
                  cred_usage = initiate
                  euid = %3$d
                  socket = %1$s/init.sock
                """.formatted(dir, serviceKeytab, uid, aliceKeytab));
        daemon = Daemon.start(DaemonOptions.of(config, dir.resolve("gp.sock")), Handlers.all());
        initiator = GssProxyClient.connect(dir.resolve("init.sock"));
        acceptor = GssProxyClient.connect(dir.resolve("accept.sock"));
        establish();
    }

    @AfterAll
    static void stop() {
        try {
            Teardown.closeAll(initiator, acceptor, daemon, realm);
        } finally {
            if (dir != null) {
                TempDirs.deleteTree(dir);
            }
        }
    }

    /** A mutual krb5 context between the two services, both ends as the daemon returned them. */
    private static void establish() {
        GssxName target = GssxName.of("host@localhost", Oids.NT_HOSTBASED_SERVICE);
        ResInitSecContext first = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(),
                Optional.empty(), Optional.of(target), Oids.KRB5, FLAGS, 0, Optional.empty(), Optional.empty(),
                List.of()));
        assertEquals(MajorStatus.GSS_S_CONTINUE_NEEDED.value(), first.status().majorStatus(), describe(first));
        ResAcceptSecContext accepted = acceptor.acceptSecContext(new ArgAcceptSecContext(CallCtx.EMPTY,
                Optional.empty(), Optional.empty(), first.outputToken().orElseThrow(), Optional.empty(), false,
                List.of()));
        assertTrue(accepted.status().isComplete(), describe(accepted));
        ResInitSecContext last = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY,
                first.contextHandle(), Optional.empty(), Optional.of(target), Oids.KRB5, FLAGS, 0, Optional.empty(),
                accepted.outputToken(), List.of()));
        assertTrue(last.status().isComplete(), describe(last));
        initiatorContext = last.contextHandle().orElseThrow();
        acceptorContext = accepted.contextHandle().orElseThrow();
    }

    @Test
    void theReturnedContextsCarryASealedCopyAndWorkEndToEnd() {
        assertFalse(initiatorContext.state().isEmpty());
        assertFalse(initiatorContext.exportedContextToken().isEmpty(), "the clear token stays for local import");
        ResWrap wrapped = initiator.wrap(new ArgWrap(CallCtx.EMPTY, initiatorContext, true, List.of(MESSAGE), 0));
        assertTrue(wrapped.status().isComplete(), describe(wrapped));
        ResUnwrap unwrapped = acceptor.unwrap(new ArgUnwrap(CallCtx.EMPTY, acceptorContext, wrapped.tokenBuffer(),
                0));
        assertTrue(unwrapped.status().isComplete(), describe(unwrapped));
        assertEquals(List.of(MESSAGE), unwrapped.messageBuffer());
    }

    /** The five procedures that take a complete context. */
    enum PerMessage {
        GET_MIC(Procedure.GET_MIC, ctx -> new ArgGetMic(CallCtx.EMPTY, ctx, 0, MESSAGE)),
        VERIFY_MIC(Procedure.VERIFY, ctx -> new ArgVerifyMic(CallCtx.EMPTY, ctx, MESSAGE, Opaque.of(new byte[28]))),
        WRAP(Procedure.WRAP, ctx -> new ArgWrap(CallCtx.EMPTY, ctx, true, List.of(MESSAGE), 0)),
        UNWRAP(Procedure.UNWRAP, ctx -> new ArgUnwrap(CallCtx.EMPTY, ctx, List.of(Opaque.of(new byte[60])), 0)),
        WRAP_SIZE_LIMIT(Procedure.WRAP_SIZE_LIMIT, ctx -> new ArgWrapSizeLimit(CallCtx.EMPTY, ctx, true, 0, 1000));

        private final Procedure procedure;
        private final Function<GssxCtx, GssxArg> args;

        PerMessage(Procedure procedure, Function<GssxCtx, GssxArg> args) {
            this.procedure = procedure;
            this.args = args;
        }

        GssxRes call(GssProxyClient client, GssxCtx ctx) {
            return client.call(procedure, args.apply(ctx));
        }
    }

    @ParameterizedTest
    @EnumSource(PerMessage.class)
    void contextsWithoutAValidSealedCopyAreNoContextAndNeverImported(PerMessage procedure) {
        byte[] state = initiatorContext.state().toByteArray();
        byte[] garbage = new byte[1219];
        new Random(1219).nextBytes(garbage);
        List<GssxCtx> hostile = List.of(
                initiatorContext.withTokenAndState(initiatorContext.exportedContextToken(), Opaque.EMPTY),
                initiatorContext.withTokenAndState(Opaque.of(garbage), Opaque.EMPTY),
                initiatorContext.withTokenAndState(Opaque.of(garbage), Opaque.of(garbage)),
                initiatorContext.withTokenAndState(initiatorContext.exportedContextToken(),
                        Opaque.of(Arrays.copyOf(state, state.length - 1))),
                initiatorContext.withTokenAndState(initiatorContext.exportedContextToken(),
                        Opaque.of(Arrays.copyOf(state, 20))));
        long imports = Gss.get().contextImports();
        for (GssxCtx ctx : hostile) {
            GssxRes result = procedure.call(initiator, ctx);
            assertEquals(MajorStatus.GSS_S_NO_CONTEXT.value(), result.status().majorStatus(), describe(result));
            assertFalse(result.status().minorStatusString().isEmpty(), "the text says why");
        }
        assertEquals(imports, Gss.get().contextImports(), "gss_import_sec_context must not see caller bytes");
        assertStillServing(initiator);
    }

    @Test
    void theSealedCopyOfAnotherServiceIsRefused() {
        long imports = Gss.get().contextImports();
        GssxRes result = PerMessage.GET_MIC.call(initiator, acceptorContext);
        assertEquals(MajorStatus.GSS_S_NO_CONTEXT.value(), result.status().majorStatus(), describe(result));
        assertEquals(imports, Gss.get().contextImports());
    }

    @Test
    void anExportedNameWithATrailingByteIsBadNameInEveryProcedureThatImportsNames() {
        // 04 01 000b 06 09 <krb5> <len> "alice@REALM" 'X': MIT 1.20 asserts cp == end and aborts the process.
        byte[] token = NameTokens.exported(Oids.KRB5.toByteArray(), realm.principal("alice"), new byte[] {'X'});
        GssxName name = new GssxName(Opaque.EMPTY, Opaque.EMPTY, Opaque.of(token), Opaque.EMPTY, List.of(), List.of());
        assertEveryNameProcedureRefuses(name, MajorStatus.GSS_S_BAD_NAME);
    }

    @Test
    void aMalformedNameTypeIsBadNameInEveryProcedureThatImportsNames() {
        assertEveryNameProcedureRefuses(new GssxName(Opaque.utf8("alice"), Opaque.of(BAD_OID), Opaque.EMPTY,
                Opaque.EMPTY, List.of(), List.of()), MajorStatus.GSS_S_BAD_NAME);
    }

    @Test
    void aNameTypeMitReadsAsAPointerIsBadNametype() {
        assertEveryNameProcedureRefuses(new GssxName(Opaque.of(new byte[8]), Oids.KRB5_NT_PRINCIPAL, Opaque.EMPTY,
                Opaque.EMPTY, List.of(), List.of()), MajorStatus.GSS_S_BAD_NAMETYPE);
    }

    @Test
    void malformedMechanismsAndBindingsAreRefused() {
        GssxName target = GssxName.of("host@localhost", Oids.NT_HOSTBASED_SERVICE);
        GssxRes badMech = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(),
                Optional.empty(), Optional.of(target), Opaque.of(BAD_OID), 0, 0, Optional.empty(), Optional.empty(),
                List.of()));
        assertEquals(MajorStatus.GSS_S_BAD_MECH.value(), badMech.status().majorStatus(), describe(badMech));
        GssxCb hugeAddressType = new GssxCb(1L << 40, Opaque.EMPTY, 0, Opaque.EMPTY, Opaque.EMPTY);
        GssxRes badBindings = acceptor.acceptSecContext(new ArgAcceptSecContext(CallCtx.EMPTY, Optional.empty(),
                Optional.empty(), Opaque.of(new byte[32]), Optional.of(hugeAddressType), false, List.of()));
        assertEquals(MajorStatus.GSS_S_BAD_BINDINGS.value(), badBindings.status().majorStatus(),
                describe(badBindings));
        assertStillServing(initiator);
        assertStillServing(acceptor);
    }

    @Test
    void aLaterInitLegForAnotherMechanismIsBadMech() {
        // MIT's mechglue would hand the krb5 context to SPNEGO's code, which misreads it: SIGSEGV (bench/run fuzz)
        GssxName target = GssxName.of("host@localhost", Oids.NT_HOSTBASED_SERVICE);
        ResInitSecContext first = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(),
                Optional.empty(), Optional.of(target), Oids.KRB5, FLAGS, 0, Optional.empty(), Optional.empty(),
                List.of()));
        for (Opaque other : List.of(Oids.SPNEGO, Oids.IAKERB, Oids.KRB5_OLD, Opaque.EMPTY)) {
            GssxRes second = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY, first.contextHandle(),
                    Optional.empty(), Optional.of(target), other, FLAGS, 0, Optional.empty(),
                    Optional.of(Opaque.of(new byte[40])), List.of()));
            if (other.isEmpty()) {
                assertTrue(MajorStatus.isError(second.status().majorStatus()), "the default mech is krb5: MIT decides");
            } else {
                assertEquals(MajorStatus.GSS_S_BAD_MECH.value(), second.status().majorStatus(), describe(second));
            }
        }
        assertStillServing(initiator);
    }

    /** IMPORT_AND_CANON_NAME, ACQUIRE_CRED (desired_name) and INIT_SEC_CONTEXT (target_name) with {@code name}. */
    private static void assertEveryNameProcedureRefuses(GssxName name, MajorStatus expected) {
        GssxRes imported = acceptor.importAndCanonName(new ArgImportAndCanonName(CallCtx.EMPTY, name, Oids.KRB5,
                List.of(), List.of()));
        assertEquals(expected.value(), imported.status().majorStatus(), "IMPORT_AND_CANON_NAME " + describe(imported));
        GssxRes acquired = acceptor.acquireCred(new ArgAcquireCred(CallCtx.EMPTY, Optional.empty(), false,
                Optional.of(name), 0, List.of(Oids.KRB5), CredUsage.ACCEPT, 0, 0, List.of()));
        assertEquals(expected.value(), acquired.status().majorStatus(), "ACQUIRE_CRED " + describe(acquired));
        GssxRes initiated = initiator.initSecContext(new ArgInitSecContext(CallCtx.EMPTY, Optional.empty(),
                Optional.empty(), Optional.of(name), Oids.KRB5, FLAGS, 0, Optional.empty(), Optional.empty(),
                List.of()));
        assertEquals(expected.value(), initiated.status().majorStatus(), "INIT_SEC_CONTEXT " + describe(initiated));
        assertStillServing(acceptor);
        assertStillServing(initiator);
    }

    private static void assertStillServing(GssProxyClient client) {
        assertTrue(client.indicateMechs().status().isComplete(), "the daemon must keep serving the connection");
    }

    private static String describe(GssxRes result) {
        GssxStatus status = result.status();
        return MajorStatus.describe(status.majorStatus()) + ": " + status.minorStatusString().toText();
    }
}
