package dev.gssproxy4j.it;

import dev.gssproxy4j.testkit.ChildProcess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A local account's group list as {@code id -G} prints it: the primary gid first, then the supplementary groups,
 * the same {@code getgrouplist(3)} order upstream puts into {@code linux_creds_v1}. Asked of coreutils rather than
 * of our own FFM code, so the daemon's answer is checked against an independent source.
 */
final class LocalGroups {

    private LocalGroups() {}

    static List<Integer> of(String user) {
        String out = ChildProcess.command("id", "-G", user).run(Duration.ofSeconds(10)).requireSuccess().stdout();
        return Arrays.stream(out.strip().split("\\s+")).map(Integer::valueOf).toList();
    }
}
