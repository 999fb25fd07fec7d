package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.rpc.OpaqueAuth;
import dev.gssproxy4j.rpc.RpcCall;
import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrDecodeException;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The calls captured from real peers in {@code shared/wire} ({@code <sharedDir>/wire/<scenario>/*.call.bin}) as
 * extra seeds, and their replies as extra material. They belong to another realm and another daemon's keys, so
 * they mostly fail, but they carry what real clients send (the kernel's options, the interposer's NULs, upstream's
 * exported contexts and lucid contexts) and the error cases of {@code errors/} (wrong program, AUTH_SYS, broken
 * framing), which no call built here has.
 */
final class CapturedSeeds {

    private CapturedSeeds() {
    }

    /** Adds the seeds of {@code wireDir} to {@code seeds} and its replies to {@code material}; returns the count. */
    static int load(Path wireDir, boolean trusted, List<Seed> seeds, Material material) {
        if (!Files.isDirectory(wireDir)) {
            return 0;
        }
        int count = 0;
        for (Path file : files(wireDir)) {
            String name = file.getFileName().toString();
            String scenario = file.getParent().getFileName().toString();
            Target target = target(scenario, trusted);
            byte[] record = read(file);
            if (name.endsWith(".call.bin")) {
                seeds.add(seed("wire/" + scenario + "/" + name.replace(".call.bin", ""), target, record));
                count++;
            } else if (name.endsWith(".reply.bin")) {
                Procedure.fromFileName(name).ifPresent(p -> harvestReply(p, record, material));
            }
        }
        return count;
    }

    private static Seed seed(String name, Target target, byte[] record) {
        if (record.length < 4 || ByteBuffer.wrap(record).getInt() != (0x8000_0000 | (record.length - 4))) {
            return new Seed.Raw(name, target, Opaque.of(record)); // not one whole last fragment: framing cases
        }
        try {
            DecodedMessage message = GssProxyMessages.decodeMessage(record, 4, record.length, Optional.empty(),
                    XdrLimits.DEFAULT);
            if (message.header() instanceof RpcCall call && call.credential().equals(OpaqueAuth.NONE)
                    && call.verifier().equals(OpaqueAuth.NONE) && call.rpcVersion() == RpcCall.RPC_VERSION
                    && message.body() instanceof DecodedMessage.Args args) {
                return new Seed.Call(name, target, args.procedure(), args.args());
            }
        } catch (XdrDecodeException | IllegalArgumentException e) {
            // Not decodable (the errors/ cases): a raw seed.
        }
        return new Seed.Raw(name, target, Opaque.of(record));
    }

    private static void harvestReply(Procedure procedure, byte[] record, Material material) {
        try {
            GssProxyMessages.decodeReply(procedure, Arrays.copyOfRange(record, 4, record.length))
                    .result().ifPresent(material::harvest);
        } catch (XdrDecodeException | IllegalArgumentException e) {
            // An error reply carries nothing worth swapping in.
        }
    }

    /** kernel/ and errors/ were captured against a trusted service, accept/ an acceptor, init/ an initiator. */
    private static Target target(String scenario, boolean trusted) {
        return switch (scenario) {
            case "kernel", "errors" -> trusted ? Target.TRUSTED : Target.ACCEPTOR;
            case "init" -> Target.INITIATOR;
            default -> Target.ACCEPTOR;
        };
    }

    private static List<Path> files(Path wireDir) {
        try (Stream<Path> walk = Files.walk(wireDir, 2)) {
            return walk.filter(p -> p.toString().endsWith(".bin") && !p.toString().contains("/raw/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the captured records in " + wireDir, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the captured record " + file, e);
        }
    }
}
