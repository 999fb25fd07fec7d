package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.client.Args;
import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.CredElement;
import dev.gssproxy4j.protocol.CredUsage;
import dev.gssproxy4j.protocol.GssxCred;
import dev.gssproxy4j.protocol.GssxCtx;
import dev.gssproxy4j.protocol.GssxName;
import dev.gssproxy4j.protocol.Oids;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgGetMic;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ArgUnwrap;
import dev.gssproxy4j.protocol.proc.ArgWrapSizeLimit;
import dev.gssproxy4j.xdr.Opaque;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seeds shaped like the ones the fuzzer builds through a daemon (handles, contexts, exported names), with made-up
 * bytes, so that the mutators can be tested without a realm or a daemon.
 */
final class TestSeeds {

    private TestSeeds() {
    }

    /** An RFC 2743 section 3.2 exported name of {@code name} for krb5. */
    static Opaque exportedName(String name) {
        byte[] oid = Oids.KRB5.toByteArray();
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer token = ByteBuffer.allocate(4 + 2 + oid.length + 4 + text.length);
        token.put((byte) 4).put((byte) 1).putShort((short) (oid.length + 2)).put((byte) 6).put((byte) oid.length)
                .put(oid).putInt(text.length).put(text);
        return Opaque.of(token.array());
    }

    static List<Seed> seeds() {
        Random random = new Random(7);
        GssxName alice = new GssxName(Opaque.utf8("alice@TEST"), Oids.KRB5_NT_PRINCIPAL_NAME,
                exportedName("alice@TEST"), Opaque.of(bytes(random, 60)), List.of(), List.of());
        GssxName host = new GssxName(Opaque.utf8("host/localhost@TEST"), Oids.KRB5_NT_PRINCIPAL_NAME,
                exportedName("host/localhost@TEST"), Opaque.EMPTY, List.of(), List.of());
        GssxCtx context = new GssxCtx(Opaque.of(bytes(random, 300)), Opaque.EMPTY, false, Oids.KRB5, alice, host,
                86400, 0x1b6, false, true, List.of());
        GssxCred cred = new GssxCred(host, List.of(new CredElement(host, Oids.KRB5, CredUsage.ACCEPT, 0,
                0xffff_ffffL, List.of())), Opaque.of(bytes(random, 211)), false);
        Opaque message = Opaque.utf8("a message");
        List<Seed> seeds = new ArrayList<>();
        seeds.add(new Seed.Call("indicate", Target.ACCEPTOR, Procedure.INDICATE_MECHS, Args.indicateMechs()));
        seeds.add(new Seed.Call("acquire", Target.ACCEPTOR, Procedure.ACQUIRE_CRED,
                Args.acquireCred(Optional.of(cred), Optional.of(Args.hostbasedService("host@localhost")),
                        Args.GSS_C_INDEFINITE, List.of(Oids.KRB5), CredUsage.ACCEPT)));
        seeds.add(new Seed.Call("accept", Target.ACCEPTOR, Procedure.ACCEPT_SEC_CONTEXT,
                Args.accept(cred, bytes(random, 700))));
        seeds.add(new Seed.Call("kernel", Target.TRUSTED, Procedure.ACCEPT_SEC_CONTEXT,
                Args.kernelAccept(bytes(random, 700))));
        seeds.add(new Seed.Call("init", Target.INITIATOR, Procedure.INIT_SEC_CONTEXT,
                Args.initContinue(context, cred, Args.hostbasedService("host@localhost"), 0x3e, bytes(random, 150))));
        seeds.add(new Seed.Call("canon", Target.ACCEPTOR, Procedure.IMPORT_AND_CANON_NAME,
                new ArgImportAndCanonName(CallCtx.EMPTY, new GssxName(alice.exportedName(), Oids.NT_EXPORT_NAME,
                        Opaque.EMPTY, Opaque.EMPTY, List.of(), List.of()), Opaque.EMPTY, List.of(), List.of())));
        seeds.add(new Seed.Call("localname", Target.ACCEPTOR, Procedure.IMPORT_AND_CANON_NAME,
                Args.localname(alice)));
        seeds.add(new Seed.Call("get-mic", Target.ACCEPTOR, Procedure.GET_MIC,
                new ArgGetMic(CallCtx.EMPTY, context, 0, message)));
        seeds.add(new Seed.Call("unwrap", Target.ACCEPTOR, Procedure.UNWRAP,
                new ArgUnwrap(CallCtx.EMPTY, context, List.of(Opaque.of(bytes(random, 80))), 0)));
        seeds.add(new Seed.Call("wrap-size-limit", Target.ACCEPTOR, Procedure.WRAP_SIZE_LIMIT,
                new ArgWrapSizeLimit(CallCtx.EMPTY, context, true, 0, 4096)));
        seeds.add(new Seed.Call("release", Target.ACCEPTOR, Procedure.RELEASE_HANDLE, Args.releaseContext(context)));
        seeds.add(new Seed.Call("wire/errors/proc-0", Target.TRUSTED, Procedure.INDICATE_MECHS,
                Args.indicateMechs()));
        seeds.add(new Seed.Raw("wire/errors/non-last-fragment", Target.TRUSTED,
                Opaque.of(new byte[] {0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8})));
        return seeds;
    }

    /** The material of {@link #seeds()}, frozen. */
    static Material material(List<Seed> seeds) {
        Material material = new Material();
        seeds.stream().filter(Seed.Call.class::isInstance).map(Seed.Call.class::cast)
                .forEach(call -> material.harvest(call.args()));
        return material.freeze();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
