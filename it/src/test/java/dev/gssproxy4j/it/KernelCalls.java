package dev.gssproxy4j.it;

import static dev.gssproxy4j.it.Golden.context;
import static dev.gssproxy4j.it.Golden.le32;
import static dev.gssproxy4j.it.Wire.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxOption;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgAcceptSecContext;
import dev.gssproxy4j.protocol.proc.ResAcceptSecContext;
import dev.gssproxy4j.testkit.interop.LocalUser;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's ACCEPT_SEC_CONTEXT calls of {@code shared/wire/kernel} (built like {@code gssx_enc_accept_sec_context}
 * in Linux {@code net/sunrpc/auth_gss/gss_rpc_xdr.c}) with a fresh AP-REQ, and the checks that a reply is upstream's
 * but for this run's lucid context, lifetime, output token and {@code linux_creds_v1} option.
 */
final class KernelCalls {

    static final int CFX = 0x2;
    static final int ACCEPTOR_SUBKEY = 0x4;
    private static final int AES256_CTS_HMAC_SHA1_96 = 18;

    private KernelCalls() {}

    /** The arguments of the kernel/ call {@code prefix} with {@code token} instead of the captured one. */
    static ArgAcceptSecContext args(String prefix, byte[] token) {
        ArgAcceptSecContext golden = Wire.args(Wire.call("kernel", prefix), ArgAcceptSecContext.class);
        ArgAcceptSecContext args = new ArgAcceptSecContext(golden.callCtx(), golden.contextHandle(),
                golden.credHandle(), Opaque.of(token), golden.inputCb(), golden.retDelegCred(), golden.options());
        assertEquals(Args.kernelAccept(token), args, "the client builder sends what the kernel sends");
        return args;
    }

    /** The whole kernel/ call record {@code prefix} (its captured xid) with {@code token}. */
    static byte[] call(String prefix, byte[] token) {
        return Wire.callRecord(Wire.xid(Wire.call("kernel", prefix)), Procedure.ACCEPT_SEC_CONTEXT,
                args(prefix, token));
    }

    /** The results of a reply to a kernel/ call. */
    static ResAcceptSecContext results(byte[] reply) {
        return Wire.results(reply, Procedure.ACCEPT_SEC_CONTEXT, ResAcceptSecContext.class);
    }

    /** The captured reply to the kernel/ call {@code prefix}, decoded. */
    static ResAcceptSecContext golden(String prefix) {
        return results(Wire.reply("kernel", prefix));
    }

    /** Upstream's reply with this run's lucid context, lifetime, output token and linux_creds_v1 option. */
    static void assertReply(ResAcceptSecContext golden, ResAcceptSecContext result, Optional<Opaque> outputToken,
                            List<GssxOption> options, String what) {
        GssxCtx ctx = result.contextHandle().orElseThrow();
        GssxCtx goldenCtx = golden.contextHandle().orElseThrow();
        assertTrue(ctx.state().isEmpty(), "a lucid context has no sealed copy: the kernel makes no per-message calls");
        ResAcceptSecContext expected = new ResAcceptSecContext(golden.status(), Optional.of(context(goldenCtx,
                ctx, goldenCtx.srcName(), ctx.lifetime())), outputToken,
                golden.delegatedCredHandle(), options);
        assertSameRecord(Wire.replyRecord(0, Procedure.ACCEPT_SEC_CONTEXT, expected),
                Wire.replyRecord(0, Procedure.ACCEPT_SEC_CONTEXT, result), Procedure.ACCEPT_SEC_CONTEXT, what);
        assertLifetime(ctx.lifetime());
    }

    /** linux_lucid_v1: 52 bytes for aes256, host-endian flags, endtime, send_seq, enctype, then the raw key. */
    static void assertLucid(ResAcceptSecContext result, int flags) {
        byte[] lucid = result.contextHandle().orElseThrow().exportedContextToken().toByteArray();
        assertEquals(52, lucid.length, "20 header bytes and a 32-byte aes256 key");
        assertEquals(flags, le32(lucid, 0), "lucid flags");
        long endtime = Integer.toUnsignedLong(le32(lucid, 4));
        assertTrue(endtime > System.currentTimeMillis() / 1000, "endtime is the ticket's end, in the future");
        assertEquals(AES256_CTS_HMAC_SHA1_96, le32(lucid, 16), "enctype");
    }

    /** The capture's option name with {@code user}'s local ids: uid, gid, N, N groups, as host-endian u32s. */
    static List<GssxOption> credsOption(ResAcceptSecContext golden, LocalUser user) {
        Opaque name = golden.options().getFirst().option();
        List<Integer> groups = LocalGroups.of(user.name());
        ByteBuffer value = ByteBuffer.allocate(4 * (3 + groups.size())).order(ByteOrder.LITTLE_ENDIAN);
        value.putInt(user.uid()).putInt(user.gid()).putInt(groups.size());
        groups.forEach(value::putInt);
        return List.of(new GssxOption(name, Opaque.of(value.array())));
    }

    /** Kerby issues 1-day tickets: a lifetime is positive and at most a day (plus MIT's clock-skew slack). */
    static void assertLifetime(long seconds) {
        assertTrue(seconds > 0 && seconds <= 86_400 + 300, "lifetime " + seconds);
    }
}
