package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.bench.Flags;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bench/run fuzz}: an end-to-end, structure-aware fuzzer against a real daemon process. It starts a
 * throwaway realm and our daemon ({@code serve -i}, as admins run it, with glibc's heap checks), builds valid
 * calls for that realm through the daemon, mutates them (and the records captured in {@code shared/wire}) and
 * reports every way the daemon fails a hostile local caller: dying, SYSTEM_ERR, hanging, growing. See
 * {@link #USAGE}. Exit status: 0 no findings, 1 findings, 2 usage, 3 the harness itself failed.
 */
public final class FuzzCommand {

    static final String USAGE = """
            usage: bench/run fuzz [--calls N] [--seconds S] [--connections C] [--seed X] [--rss-limit-mib M]
                                  [--out DIR] [--keep-going] [--timeout 10s] [--keep-recent 64] [--skip REGEX]
                   bench/run fuzz --replay FILE.call.bin...
              --calls N        stop after N calls (default 20000; unlimited with only --seconds)
              --seconds S      stop after S seconds (10, 90s, 5m)
              --connections C  calls in flight at once, one connection each (default 4)
              --seed X         call n's mutation is a function of X and n (default: the clock; printed)
              --rss-limit-mib  daemon RSS above this is a finding (default 512)
              --out DIR        reproduction files (default: a new temporary directory)
              --keep-going     restart the daemon after a crash and count findings instead of stopping
              --timeout        a call without a reply for this long is a hang (default 10s)
              --keep-recent    calls saved from before a crash (default 64)
              --skip REGEX     do not send calls whose input class matches (known findings not fixed yet),
                               e.g. --skip 'ctx-token|name_type'; they still use up their call numbers
              --replay         send saved records to a fresh daemon and say how it answered or died
            Findings: the daemon died, an RPC SYSTEM_ERR, a hang, RSS over the limit, a malformed reply.
            Exit status: 0 none, 1 findings, 2 usage, 3 the fuzzer itself failed.
            The daemon runs with glibc's heap checks (MALLOC_CHECK_=3, MALLOC_PERTURB_=165, libc_malloc_debug);
            FUZZ_MALLOC_CHECKS=0 in the environment turns them off (faster, finds less).
            """;

    private FuzzCommand() {
    }

    public static void main(String[] args) {
        List<String> list = List.of(args);
        if (list.contains("--help") || list.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        int status;
        try {
            status = !list.isEmpty() && list.getFirst().equals("--replay")
                    ? Replay.run(replayFiles(list.subList(1, list.size())), Files.createTempDirectory(
                            "gssproxy4j-replay-"), System.out)
                    : run(FuzzSettings.from(Flags.parse(args, FuzzSettings.WITH_VALUE, FuzzSettings.SWITCHES)),
                            System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("fuzz: " + e.getMessage());
            System.err.print(USAGE);
            status = 2;
        } catch (Exception e) {
            System.err.println("fuzz: the fuzzer failed: " + e);
            e.printStackTrace();
            status = 3;
        }
        System.exit(status); // the embedded Kerby KDC keeps non-daemon threads
    }

    static int run(FuzzSettings settings, PrintStream out) throws InterruptedException {
        out.printf("fuzz: seed %d, %s, %d connections, call timeout %s, RSS limit %d MiB%s, output %s%n",
                settings.seed(), limits(settings), settings.connections(), settings.callTimeout(),
                settings.rssLimitKb() / 1024, settings.keepGoing() ? ", keep going" : "", settings.out());
        ReproStore store = new ReproStore(settings.out(), settings.seed());
        Findings findings = new Findings(store, out);
        FuzzCampaign.Result result;
        try (FuzzRealm realm = FuzzRealm.start(); FuzzDaemon daemon = FuzzDaemon.start(realm, settings.out());
             CleanUp cleanUp = new CleanUp(daemon, realm)) {
            out.printf("fuzz: realm %s, daemon pid %d on %s%s%n", realm.name(), daemon.pid(),
                    daemon.socket(Target.ACCEPTOR).getParent(), daemon.trusted() ? " (acceptor, initiator, trusted)"
                            : " (acceptor, initiator; not root, so no trusted service)");
            SeedBuilder.Built built = SeedBuilder.build(daemon, realm.name());
            List<Seed> seeds = new ArrayList<>(built.seeds());
            int captured = CapturedSeeds.load(sharedDir().resolve("wire"), daemon.trusted(), seeds,
                    built.material());
            Material material = built.material().freeze();
            out.printf("fuzz: %d seeds (%d built through the daemon, %d captured from %s); material: %s%n",
                    seeds.size(), built.seeds().size(), captured, sharedDir().resolve("wire"), material.describe());
            MutantFactory factory = new MutantFactory(seeds, material, settings.seed());
            result = new FuzzCampaign(settings, daemon, factory, store, findings, out).run();
        }
        FuzzSummary.print(result, findings, settings, out);
        deleteIfEmpty(settings.out());
        if (result.failure().isPresent()) {
            System.err.println("fuzz: the fuzzer failed: " + result.failure().get());
            result.failure().get().printStackTrace();
            return 3;
        }
        return findings.isEmpty() ? 0 : 1;
    }

    /**
     * Stops the daemon and the realm if the fuzzer is stopped from outside (Ctrl-C, {@code timeout}): a shutdown
     * hook for the duration of the run, so that no daemon or temporary directory is left behind.
     */
    private static final class CleanUp implements AutoCloseable {

        private final Thread hook;

        CleanUp(FuzzDaemon daemon, FuzzRealm realm) {
            this.hook = Thread.ofPlatform().unstarted(() -> {
                try {
                    daemon.close();
                } finally {
                    realm.close();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook runs.
            }
        }
    }

    /**
     * {@code -Dgssproxy4j.sharedDir} (bench/run sets it), else GSSPROXY4J_SHARED_DIR, else ../shared. Not testkit's
     * {@code CapturedRecords.sharedDir()}, which fails without the records: the fuzzer runs on its built seeds alone.
     */
    static Path sharedDir() {
        String property = System.getProperty("gssproxy4j.sharedDir");
        String env = System.getenv("GSSPROXY4J_SHARED_DIR");
        return Path.of(property != null ? property : env != null ? env : "../shared").toAbsolutePath();
    }

    private static String limits(FuzzSettings settings) {
        String calls = settings.calls() == Long.MAX_VALUE ? "" : settings.calls() + " calls";
        String time = settings.duration().isZero() ? "" : settings.duration().toSeconds() + " s";
        return calls.isEmpty() ? time : time.isEmpty() ? calls : calls + " or " + time;
    }

    private static List<Path> replayFiles(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("--replay needs the .call.bin files (or directories holding them)");
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            Path path = Path.of(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> p.toString().endsWith(".call.bin")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage());
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static void deleteIfEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // Leaving an empty directory behind is harmless.
        }
    }
}
