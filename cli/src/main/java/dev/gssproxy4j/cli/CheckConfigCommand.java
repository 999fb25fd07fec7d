package dev.gssproxy4j.cli;

import dev.gssproxy4j.server.config.Caller;
import dev.gssproxy4j.server.config.ConfigException;
import dev.gssproxy4j.server.config.ConfigExplainer;
import dev.gssproxy4j.server.config.ConfigLoader;
import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.UserDirectory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gssproxy4j check-config}: validates a configuration and explains which service a caller matches. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate gssproxy.conf (and its conf.d snippets) as the daemon would load it, print the "
                + "services with their effective settings, and, given --uid, which service that caller matches "
                + "and why.", "Exit status: 0 valid, 1 invalid."})
final class CheckConfigCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default " + "/etc/gssproxy/gssproxy.conf; alone, skips the config dir).")
    Path configFile;

    @Option(names = {"-C", "--configdir"}, paramLabel = "DIR", description = "Config directory (default /etc/gssproxy).")
    Path configDir;

    @Option(names = {"-s", "--socket"}, paramLabel = "SOCKET",
            description = "Main socket, as given to the daemon (default /var/lib/gssproxy/default.sock).")
    Path mainSocket;

    @Option(names = "--uid", paramLabel = "UID|USER", description = "Explain which service this caller matches.")
    String uid;

    @Option(names = "--program", paramLabel = "PATH", description = "The caller's program (absolute path).")
    Path program;

    @Option(names = "--caller-socket", paramLabel = "SOCKET",
            description = "The socket the caller connects to (default: the main socket).")
    Path callerSocket;

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<Path> file = Optional.ofNullable(configFile);
        Path socket = mainSocket == null ? Defaults.MAIN_SOCKET : mainSocket;
        GssProxyConfig config;
        try {
            if (callerSocket != null) {
                ConfigLoader.requireAbsoluteSocket("--caller-socket", callerSocket);
            }
            // the same loader as the daemon's: a relative -s is refused here exactly as serve refuses it
            config = new ConfigLoader().load(file.orElse(Defaults.MAIN_CONFIG),
                    ConfigLoader.confDirFor(file, Optional.ofNullable(configDir)).orElse(null), socket);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(ConfigExplainer.explainFailure(e));
            return 1;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("gssproxy4j: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println(ConfigExplainer.explain(config, caller(socket)));
        return 0;
    }

    private Optional<Caller> caller(Path mainSocketPath) {
        if (uid == null) {
            return Optional.empty();
        }
        int id = uid.chars().allMatch(Character::isDigit) ? Integer.parseUnsignedInt(uid)
                : UserDirectory.system().byName(uid).map(UserDirectory.User::uid).orElseThrow(() ->
                        new picocli.CommandLine.ParameterException(spec.commandLine(), "no local user named " + uid));
        return Optional.of(Caller.of(id, -1, 0, program, null, callerSocket == null ? mainSocketPath : callerSocket));
    }
}
