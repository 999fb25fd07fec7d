package dev.gssproxy4j.bench.fuzz;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The findings of a run, grouped by {@link Finding#signature()}: a {@code --keep-going} survey finds the same bug
 * hundreds of times, so only the first {@link #SAVED_PER_SIGNATURE} of each signature get reproduction files and
 * the rest are counted. Every finding is printed and logged to {@code findings.txt} as it happens.
 */
final class Findings {

    static final int SAVED_PER_SIGNATURE = 3;

    /** One signature: its first finding and how often it occurred. */
    record Group(Finding first, long count) {
    }

    private final ReproStore store;
    private final PrintStream out;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    Findings(ReproStore store, PrintStream out) {
        this.store = store;
        this.out = out;
    }

    /** A directory for the inputs of a finding with {@code signature}, if it is among the first few. */
    synchronized Optional<Path> directoryFor(String signature, Finding.Kind kind, long callIndex) {
        Group group = groups.get(signature);
        return group == null || group.count() < SAVED_PER_SIGNATURE ? Optional.of(store.findingDir(kind, callIndex))
                : Optional.empty();
    }

    synchronized void add(Finding finding) {
        add(finding, List.of());
    }

    /** As {@link #add(Finding)}, printing {@code daemonLog} (the daemon's last stderr lines) under it. */
    synchronized void add(Finding finding, List<String> daemonLog) {
        groups.merge(finding.signature(), new Group(finding, 1), (a, b) -> new Group(a.first(), a.count() + 1));
        store.log(finding);
        out.println("fuzz: FINDING " + finding.kind() + " at call " + finding.callIndex() + ": "
                + finding.inputClass() + " -- " + finding.detail()
                + finding.saved().map(p -> " (saved in " + p + ")").orElse(""));
        if (!daemonLog.isEmpty()) {
            out.println("fuzz:   end of the daemon's stderr:");
            daemonLog.forEach(line -> out.println("fuzz:   | " + line));
        }
    }

    synchronized boolean isEmpty() {
        return groups.isEmpty();
    }

    synchronized List<Group> groups() {
        return List.copyOf(new ArrayList<>(groups.values()));
    }

    synchronized long total() {
        return groups.values().stream().mapToLong(Group::count).sum();
    }
}
