package dev.gssproxy4j.cli;

import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.dump.WireCheck;
import dev.gssproxy4j.protocol.dump.WireDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gssproxy4j wire decode}: pretty-prints captured GSS-Proxy records and checks the codec on them. */
@Command(name = "wire", description = "Work with captured GSS-Proxy records.",
        mixinStandardHelpOptions = true, subcommands = WireCommand.Decode.class)
final class WireCommand {

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Pretty-print whole records (4-byte record mark, RPC header, arguments or results) as "
                    + "captured on a GSS-Proxy socket: every field by its gss_proxy.x name.",
                    "Tokens, keys and handles are shown as length and short hash unless --show-secrets.",
                    "Replies do not name their procedure: it is taken from the file name "
                            + "(e.g. 04-ACCEPT_SEC_CONTEXT.reply.bin) or from the matching .call.bin file.",
                    "Exit status: 0 all fine, 1 a record re-encodes differently (--check), 2 a record does not "
                            + "decode."})
    static final class Decode implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Record files, or folders to search for "
                + "*.call.bin and *.reply.bin.")
        List<Path> files;

        @Option(names = "--check", description = "Re-encode each record and report whether the bytes are identical.")
        boolean check;

        @Option(names = "--show-secrets", description = "Print tokens, keys and handle bytes in hex.")
        boolean showSecrets;

        @Mixin
        DebugOption debug;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int worst = 0;
            int identical = 0;
            int differ = 0;
            int undecodable = 0;
            for (Path file : expand(files)) {
                byte[] record = Files.readAllBytes(file);
                Optional<Procedure> hint = hint(file);
                if (check) {
                    WireCheck.Result result = WireCheck.check(record, hint);
                    out.println(file + ": " + result.describe());
                    switch (result) {
                        case WireCheck.Identical i -> identical++;
                        case WireCheck.Differs d -> {
                            differ++;
                            worst = Math.max(worst, 1);
                        }
                        case WireCheck.DoesNotDecode n -> {
                            undecodable++;
                            worst = 2;
                        }
                    }
                } else {
                    out.println("==== " + file + " (" + record.length + " bytes)");
                    out.println(WireDump.describe(record, hint, showSecrets));
                }
            }
            if (check) {
                out.println(identical + " identical, " + differ + " differ, " + undecodable + " do not decode");
            }
            return worst;
        }

        private static List<Path> expand(List<Path> paths) throws IOException {
            List<Path> result = new ArrayList<>();
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> walk = Files.walk(path)) {
                        walk.filter(p -> p.toString().endsWith(".call.bin") || p.toString().endsWith(".reply.bin"))
                                .sorted().forEach(result::add);
                    }
                } else {
                    result.add(path);
                }
            }
            return result;
        }

        /** The procedure of a reply: from its name, else from the call file beside it. */
        private static Optional<Procedure> hint(Path file) {
            String name = file.getFileName().toString();
            Optional<Procedure> named = Procedure.fromFileName(name);
            if (named.isPresent() || !name.endsWith(".reply.bin")) {
                return named;
            }
            Path call = file.resolveSibling(name.replace(".reply.bin", ".call.bin"));
            try {
                return Files.isReadable(call) ? WireDump.procedureOfCall(Files.readAllBytes(call)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
