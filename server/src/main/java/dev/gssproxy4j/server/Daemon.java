package dev.gssproxy4j.server;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.server.cache.AcceptorNames;
import dev.gssproxy4j.server.cache.CredCache;
import dev.gssproxy4j.server.cache.KeytabMirrors;
import dev.gssproxy4j.server.cache.LiveContexts;
import dev.gssproxy4j.server.config.ConfigException;
import dev.gssproxy4j.server.config.ConfigLoader;
import dev.gssproxy4j.server.config.ConfigProblem;
import dev.gssproxy4j.server.config.ConnectionSettings;
import dev.gssproxy4j.server.config.Defaults;
import dev.gssproxy4j.server.config.EtcUserDirectory;
import dev.gssproxy4j.server.config.GssProxyConfig;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.server.dispatch.HandlerTable;
import dev.gssproxy4j.server.dispatch.Policy;
import dev.gssproxy4j.server.dispatch.RpcDispatcher;
import dev.gssproxy4j.server.fair.GssCalls;
import dev.gssproxy4j.server.log.DaemonLog;
import dev.gssproxy4j.server.os.ActivatedSockets;
import dev.gssproxy4j.server.os.KernelNfsd;
import dev.gssproxy4j.server.os.RunAsUser;
import dev.gssproxy4j.server.os.SystemdNotify;
import dev.gssproxy4j.server.seal.HandleSealer;
import dev.gssproxy4j.server.seal.Keyring;
import dev.gssproxy4j.server.shared.ServerResources;
import dev.gssproxy4j.server.stats.CallStats;
import dev.gssproxy4j.server.stats.StatsReport;
import dev.gssproxy4j.server.stats.StatsSocket;
import dev.gssproxy4j.server.transport.SocketPeerCredentials;
import dev.gssproxy4j.server.transport.Transport;
import dev.gssproxy4j.server.transport.TransportLimits;
import dev.gssproxy4j.server.transport.UnixSocketServer;
import dev.gssproxy4j.xdr.XdrLimits;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running daemon: loads the configuration, opens the keyring, listens on every socket the configuration
 * names, and serves until {@link #close()}. {@link #reload()} is SIGHUP: the new configuration is loaded and
 * validated first and swapped in as a whole, so calls in flight finish on the configuration they started with,
 * and a configuration that fails to load is refused with its reasons while the old one stays.
 *
 * <p>Sockets systemd passed ({@link ActivatedSockets}) are served as they are, each under the configured socket
 * with its path; the others are bound. In user mode ({@link UserProxy}) there is no configuration file, SIGHUP
 * does nothing (as upstream ignores it), and a socket-activated user daemon stops by itself after
 * {@code --idle-timeout} without a request ({@link IdleTimeout}).
 */
public final class Daemon implements AutoCloseable {

    private final DaemonOptions options;
    /** The connection limits the transport was built with (a reload cannot change them). */
    private final ConnectionSettings startConnections;
    private final ConfigLoader loader;
    private final AtomicReference<Policy> policy;
    private final UnixSocketServer server;
    private final ServerResources resources;
    private final KernelNfsd kernel = new KernelNfsd(KernelNfsd.USE_GSS_PROXY);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SystemdNotify systemd = SystemdNotify.fromEnvironment();
    private final CallStats stats;
    /** The account the daemon dropped to and its program lookup thread, with {@code run_as_user}; else null. */
    private final RunAsUser runAs;
    /** The admin socket {@code gssproxy4j stats} reads; opened once the daemon serves. */
    private StatsSocket statsSocket;
    /** Present in a socket-activated user daemon with a non-zero {@code --idle-timeout}. */
    private final Optional<IdleTimeout> idle;

    private Daemon(DaemonOptions options, ConfigLoader loader, GssProxyConfig config,
                   ServerResources resources, UnixSocketServer server, AtomicReference<Policy> policy,
                   CallStats stats, RunAsUser runAs, Optional<IdleTimeout> idle) {
        this.options = options;
        this.idle = idle;
        this.stats = stats;
        this.runAs = runAs;
        this.startConnections = config.connections();
        this.loader = loader;
        this.resources = resources;
        this.server = server;
        this.policy = policy;
        policy.set(Policy.of(config));
    }

    /**
     * Starts a daemon whose procedures are served by {@code handlers} (e.g. {@code Handlers.all()}), on the sockets
     * systemd passed if it did ({@code LISTEN_FDS}), else on sockets it binds.
     *
     * @throws ConfigException if the configuration does not load (the CLI prints every problem and exits 1)
     * @throws IOException     if the keyring or a socket cannot be set up, or systemd passed a socket that no
     *                         configured socket names
     */
    public static Daemon start(DaemonOptions options, HandlerTable handlers)
            throws ConfigException, IOException {
        try (ActivatedSockets passed = ActivatedSockets.fromEnvironment()) {
            return start(options, handlers, passed);
        }
    }

    private static Daemon start(DaemonOptions options, HandlerTable handlers, ActivatedSockets passed)
            throws ConfigException, IOException {
        if (!options.userProxy()) {
            // Our own libgssapi must never loop back into a proxy through the interposer plugin (upstream does
            // this). A user daemon may chain on to the system daemon, so upstream leaves it alone there.
            Posix.setenv("GSS_USE_PROXY", "NO");
        }
        ConfigLoader loader = new ConfigLoader();
        GssProxyConfig config = options.userProxy()
                ? UserProxy.config(options, passed, System.getenv(), ownUid())
                : load(loader, options);
        DaemonLog.setLevel(config.debugLevel());
        if (config.debugLevel() > 0) {
            DaemonLog.debug(1, "Debug Level changed to " + config.debugLevel());
        }
        report(config.warnings());
        // upstream stops an idle user daemon only when systemd started it, so that systemd can start it again
        Optional<IdleTimeout> idle = options.userProxy() && !passed.isEmpty() && !options.idleTimeout().isZero()
                ? Optional.of(new IdleTimeout(options.idleTimeout())) : Optional.empty();
        Keyring keyring = Keyring.loadOrCreate(config.keyring());
        Gss gss = Gss.get();
        ServerResources resources = new ServerResources(gss, new HandleSealer(keyring),
                EtcUserDirectory.system(), Clock.systemUTC(), new CredCache(CredCache.DEFAULT_CAPACITY),
                new KeytabMirrors(gss, Clock.systemUTC(), KeytabMirrors.capacityFromSystemProperty()),
                new GssCalls(config.workerThreads(), config.connections().maxQueuedCallsPerUid()),
                new AcceptorNames(AcceptorNames.DEFAULT_CAPACITY), new LiveContexts(LiveContexts.DEFAULT_CAPACITY));
        AtomicReference<Policy> policy = new AtomicReference<>();
        CallStats stats = new CallStats(System.currentTimeMillis());
        RpcDispatcher dispatcher = new RpcDispatcher(policy::get, handlers, resources,
                XdrLimits.DEFAULT, GssProxyMessages.MAX_RECORD, stats);
        Transport.RecordHandler handler = idle.map(i -> i.watching(dispatcher)).orElse(dispatcher);
        RunAsUser runAs = config.runAsUser().isPresent() ? new RunAsUser() : null;
        UnixSocketServer server = new UnixSocketServer(handler,
                SocketPeerCredentials.create(runAs != null ? runAs : SocketPeerCredentials::program),
                transportLimits(config.connections(), config.workerThreads()));
        Daemon daemon = new Daemon(options, loader, config, resources, server, policy, stats, runAs, idle);
        if (runAs != null) {
            server.holdAccepting();
        }
        try {
            daemon.apply(config, Set.of(), passed);
            requireAllClaimed(passed);
            daemon.openStatsSocket(config.mainSocket());
            if (runAs != null) { // the sockets are bound and the keyring open: leave root now, as upstream does
                runAs.drop(config.runAsUser().get());
                DaemonLog.debug(1, "Dropped privileges to " + config.runAsUser().get());
                server.startAccepting();
            }
        } catch (IOException | RuntimeException e) {
            daemon.close();
            throw e;
        }
        DaemonLog.debug(1, "Initialization complete.");
        daemon.systemd.ready(config.services().size());
        idle.ifPresent(i -> i.start(daemon::stopIdle));
        return daemon;
    }

    private static int ownUid() {
        return Posix.getuid();
    }

    /** A socket systemd passed that no configured socket names would queue connections nobody accepts. */
    private static void requireAllClaimed(ActivatedSockets passed) throws IOException {
        if (!passed.isEmpty()) {
            ActivatedSockets.Passed first = passed.unclaimed().getFirst();
            throw new IOException("systemd passed the socket " + first.path() + " (descriptor " + first.fd()
                    + "), but neither -s nor any service's socket = names it; add it to the configuration or remove "
                    + "its ListenStream= from the socket unit");
        }
    }

    /**
     * The transport's limits: its defaults with the configured per-uid connections and timeouts, and as many calls
     * of one connection at once as there are GSS permits ({@code worker threads}), but no more than its uid may
     * queue for them ({@code max_queued_calls_per_uid}): more would only wait for a permit, and a pipelining client
     * must not have its own calls refused as the queue's overflow.
     */
    static TransportLimits transportLimits(ConnectionSettings settings, int gssPermits) {
        TransportLimits defaults = TransportLimits.defaults(GssProxyMessages.MAX_RECORD);
        return defaults.withConnections(defaults.maxConnections(), settings.maxConnectionsPerUid(),
                        defaults.reservedForRoot())
                .withDeadlines(settings.requestTimeout(), settings.requestTimeout(), settings.idleTimeout())
                .withCallsPerConnection(Math.max(1, Math.min(gssPermits, settings.maxQueuedCallsPerUid())));
    }

    /**
     * Publishes the counters that live outside the dispatcher and opens the admin socket beside the main socket
     * (a daemon that cannot open it still serves, and says why).
     */
    private void openStatsSocket(Path mainSocket) {
        stats.gauge("gssproxy4j_connections_open", server::openConnections);
        stats.gauge("gssproxy4j_cache_hits_total{cache=\"acceptor_credentials\"}", resources.credCache()::hits);
        stats.gauge("gssproxy4j_cache_misses_total{cache=\"acceptor_credentials\"}", resources.credCache()::misses);
        stats.gauge("gssproxy4j_cache_hits_total{cache=\"acceptor_names\"}", resources.acceptorNames()::hits);
        stats.gauge("gssproxy4j_cache_misses_total{cache=\"acceptor_names\"}", resources.acceptorNames()::misses);
        stats.gauge("gssproxy4j_cache_hits_total{cache=\"contexts\"}", resources.liveContexts()::hits);
        stats.gauge("gssproxy4j_cache_misses_total{cache=\"contexts\"}", resources.liveContexts()::misses);
        stats.gauge("gssproxy4j_keytab_copies_total", resources.keytabMirrors()::copiesMade);
        Path path = StatsSocket.besideMainSocket(mainSocket.toAbsolutePath());
        try {
            statsSocket = StatsSocket.open(path, SocketPeerCredentials.create(),
                    ownUid(),
                    () -> StatsReport.render(stats, System.currentTimeMillis()));
        } catch (IOException e) {
            DaemonLog.error(e.getMessage() + "; gssproxy4j stats will not work");
        }
    }

    /** The admin socket's path, if it is open. */
    public Optional<Path> statsSocket() {
        return Optional.ofNullable(statsSocket).map(StatsSocket::path);
    }

    /** The configuration now in force. */
    public GssProxyConfig config() {
        return policy.get().config();
    }

    /** The sockets being served. */
    public Set<String> sockets() {
        return server.sockets();
    }

    /**
     * Re-reads the configuration (SIGHUP). Returns false, keeping the old configuration, if the new one fails to
     * load; the reasons are logged.
     */
    public synchronized boolean reload() {
        if (options.userProxy()) {
            DaemonLog.debug(2, "Received SIGHUP; ignored in user mode, which has no configuration file");
            return true;
        }
        DaemonLog.debug(1, "Received SIGHUP; re-reading config.");
        systemd.reloading();
        try {
            return reloadNow();
        } finally {
            systemd.ready(config().services().size());
        }
    }

    private boolean reloadNow() {
        GssProxyConfig next;
        try {
            next = load(loader, options);
        } catch (ConfigException e) {
            DaemonLog.error("Error reading new configuration on SIGHUP; keeping old configuration instead!");
            report(e.errors());
            return false;
        }
        Set<String> before = server.sockets();
        try {
            apply(next, before, ActivatedSockets.none());
        } catch (IOException e) {
            DaemonLog.error("Error applying new configuration on SIGHUP (" + e.getMessage()
                    + "); keeping old configuration instead!");
            return false;
        }
        DaemonLog.setLevel(next.debugLevel());
        report(next.warnings());
        if (!next.connections().equals(startConnections)) {
            DaemonLog.error("max_connections_per_uid, max_queued_calls_per_uid, request_timeout and"
                    + " connection_idle_timeout take effect at the next start; the running daemon keeps its own");
        }
        DaemonLog.debug(1, "New config loaded successfully.");
        return true;
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Whether {@link #close()} has run (or is running). */
    public boolean isClosed() {
        return closed.get();
    }

    /** The idle timeout expired: upstream's {@code idle_terminate}, then a normal stop (exit status 0). */
    private void stopIdle() {
        long seconds = idle.orElseThrow().timeout().toSeconds();
        DaemonLog.debug(1, "Terminating, after idling for " + seconds + " seconds!");
        stop("Idle for " + seconds + " seconds, stopping");
    }

    @Override
    public void close() {
        stop("Signal received, stopping");
    }

    private void stop(String status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        systemd.stopping(status);
        idle.ifPresent(IdleTimeout::close);
        kernel.stop();
        try {
            server.close();
        } catch (IOException e) {
            DaemonLog.error("closing sockets: " + e.getMessage());
        }
        if (runAs != null) {
            runAs.close();
        }
        if (statsSocket != null) {
            try {
                statsSocket.close();
            } catch (IOException e) {
                DaemonLog.error("closing the statistics socket: " + e.getMessage());
            }
        }
        resources.credCache().close();
        resources.liveContexts().close();
        resources.keytabMirrors().close();
        stopped.countDown();
    }

    /**
     * Opens the sockets {@code config} needs (taking those systemd {@code passed} as they are), swaps it in, then
     * closes the sockets it no longer names.
     */
    private void apply(GssProxyConfig config, Set<String> previousSockets, ActivatedSockets passed)
            throws IOException {
        Set<String> wanted = new HashSet<>();
        // The main socket last: once it accepts connections, every service's own socket does too.
        for (Path socket : config.sockets().reversed()) {
            wanted.add(socket.toAbsolutePath().toString());
            Optional<ServerSocketChannel> inherited = passed.claim(socket);
            if (inherited.isPresent()) {
                server.adopt(socket, inherited.get());
                DaemonLog.debug(2, "Socket " + socket + " passed by systemd; served as it is");
            } else {
                server.listen(socket);
            }
        }
        policy.set(Policy.of(config));
        for (String old : previousSockets) {
            if (!wanted.contains(old)) {
                server.stopListening(Path.of(old));
            }
        }
        for (ServiceConfig service : config.services()) {
            DaemonLog.debug(1, "Service: " + service.name() + service.credStoreValue("keytab")
                    .map(k -> ", Keytab: " + k).orElse(""));
        }
        if (config.services().stream().anyMatch(ServiceConfig::kernelNfsd)) {
            kernel.enable();
        }
    }

    private static GssProxyConfig load(ConfigLoader loader, DaemonOptions options) throws ConfigException {
        GssProxyConfig config = loader.load(options.configFile().orElse(Defaults.MAIN_CONFIG),
                ConfigLoader.confDirFor(options.configFile(), options.configDir()).orElse(null),
                options.socket().orElse(Defaults.MAIN_SOCKET));
        if (options.debugLevel().isPresent()) {
            config = config.withDebugLevel(Math.max(config.debugLevel(), options.debugLevel().getAsInt()));
        }
        if (options.syslogStatus()) { // as upstream's: the option turns it on whatever the file says
            config = config.withSyslogStatus();
        }
        return config;
    }

    private static void report(List<ConfigProblem> problems) {
        problems.forEach(p -> DaemonLog.error(p.toString()));
    }
}
