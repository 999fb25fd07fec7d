package dev.gssproxy4j.bench.jgss;

import dev.gssproxy4j.bench.ProcFs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The measured program of {@link JgssCompare}, run in a JVM configured for one way of doing Kerberos: only
 * {@code org.ietf.jgss}, so the same code runs on the gssproxy4j provider, on the JDK's native provider with MIT's
 * interposer, and on the JDK's own krb5. Each thread repeats for a fixed time either a whole context (initiate,
 * accept, the initiator's last leg; {@code contexts}) or, on one context per thread, a 1 KiB message wrapped by the
 * initiator and unwrapped by the acceptor ({@code messages}). Prints one line:
 * {@code ops N seconds S p50us X p99us Y daemoncpuus D jvmcpuus J}: D and J are the CPU time of the daemon
 * ({@code -Dbench.daemonPid}, 0 without it) and of this JVM during the measured run, per operation, so that neither
 * start-up nor the JIT's compilations in the warm-up count; exits 1 with the error if any operation fails.
 *
 * <p>Arguments: {@code contexts|messages}, threads, seconds, service ({@code HTTP@localhost}), and optionally
 * warm-up seconds: the same workload first runs that long unmeasured, so that the figures are the JIT-compiled
 * steady state of every configuration (the provider is Java code; MIT's library is compiled already).
 *
 * <p>Where the JDK's own krb5 initiates or accepts, it does so as Java services do, in a JAAS {@link Subject}:
 * {@code -Dbench.jaas.ccache=PATH} logs the initiator in from that ticket cache and {@code -Dbench.jaas.keytab=PATH}
 * the acceptor with that keytab ({@code Krb5LoginModule}); with {@code javax.security.auth.useSubjectCredsOnly=true}
 * the JDK then keeps the service tickets it gets in the initiator's Subject and reuses them, as MIT keeps them in
 * the ticket cache, instead of asking the KDC for one per context.
 */
public final class JgssWorkload {

    private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    private static final int MAX_SAMPLES_PER_THREAD = 1 << 20;
    /** The JAAS Subjects the JDK's krb5 runs in (null: none, the configuration does not use the JDK's krb5). */
    private static Subject initiatorSubject;
    private static Subject acceptorSubject;

    private JgssWorkload() {}

    public static void main(String[] args) throws Exception {
        boolean contexts = args[0].equals("contexts");
        int threads = Integer.parseInt(args[1]);
        long nanos = Long.parseLong(args[2]) * 1_000_000_000L;
        String service = args[3];
        long warmupNanos = args.length > 4 ? Long.parseLong(args[4]) * 1_000_000_000L : 0;
        String ccache = System.getProperty("bench.jaas.ccache");
        String keytab = System.getProperty("bench.jaas.keytab");
        initiatorSubject = ccache == null ? null : login(Map.of("useTicketCache", "true", "ticketCache", ccache,
                "doNotPrompt", "true"));
        acceptorSubject = keytab == null ? null : login(Map.of("useKeyTab", "true", "keyTab", keytab,
                "storeKey", "true", "doNotPrompt", "true", "isInitiator", "false", "principal", "*"));
        GSSManager manager = GSSManager.getInstance();
        GSSName target = manager.createName(service, GSSName.NT_HOSTBASED_SERVICE);
        establish(manager, target); // a first check that the configuration works
        if (warmupNanos > 0) { // the JIT compiles the hot paths; not measured
            run(manager, target, contexts, threads, warmupNanos);
        }
        long daemonPid = Long.getLong("bench.daemonPid", 0);
        long daemonCpu = daemonPid == 0 ? 0 : ProcFs.cpuNanos(daemonPid);
        long jvmCpu = ProcFs.cpuNanos(ProcessHandle.current().pid());
        long begin = System.nanoTime();
        long[] all = run(manager, target, contexts, threads, nanos);
        double seconds = (System.nanoTime() - begin) / 1e9;
        // each thread's messages run also established a context (contexts: nothing else): at most a few per mille
        double ops = Math.max(1, all.length);
        double daemonPerOp = daemonPid == 0 ? 0 : (ProcFs.cpuNanos(daemonPid) - daemonCpu) / 1e3 / ops;
        double jvmPerOp = (ProcFs.cpuNanos(ProcessHandle.current().pid()) - jvmCpu) / 1e3 / ops;
        System.out.printf("ops %d seconds %.3f p50us %.1f p99us %.1f daemoncpuus %.1f jvmcpuus %.1f%n", all.length,
                seconds, percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3, daemonPerOp, jvmPerOp);
    }

    /** {@code threads} threads doing the workload for {@code nanos}; every operation's latency, sorted. */
    private static long[] run(GSSManager manager, GSSName target, boolean contexts, int threads, long nanos)
            throws InterruptedException {
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[threads];
        Throwable[] failure = new Throwable[1];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[MAX_SAMPLES_PER_THREAD];
            samples.add(latencies);
            int index = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    GSSContext[] pair = contexts ? null : establish(manager, target);
                    byte[] message = new byte[1024];
                    long end = System.nanoTime() + nanos;
                    int n = 0;
                    for (long now = System.nanoTime(); now < end && n < latencies.length; ) {
                        if (contexts) {
                            for (GSSContext c : establish(manager, target)) {
                                c.dispose();
                            }
                        } else {
                            byte[] token = pair[0].wrap(message, 0, message.length, new MessageProp(0, true));
                            pair[1].unwrap(token, 0, token.length, new MessageProp(0, false));
                        }
                        long after = System.nanoTime();
                        latencies[n++] = after - now;
                        now = after;
                    }
                    counts[index] = n;
                } catch (Exception | Error e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }));
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure[0] != null) {
            System.out.println("FAILED: " + failure[0]);
            System.exit(1);
        }
        return merge(samples, counts);
    }

    /** A mutual krb5 context, initiator and acceptor, both in this JVM. */
    private static GSSContext[] establish(GSSManager manager, GSSName target) throws GSSException {
        GSSContext initiator = manager.createContext(target, KRB5, null, GSSContext.DEFAULT_LIFETIME);
        initiator.requestMutualAuth(true);
        initiator.requestConf(true);
        GSSContext acceptor = manager.createContext((GSSCredential) null);
        byte[] token = as(initiatorSubject, () -> initiator.initSecContext(new byte[0], 0, 0));
        while (token != null) {
            byte[] request = token;
            token = as(acceptorSubject, () -> acceptor.acceptSecContext(request, 0, request.length));
            if (token != null) {
                byte[] reply = token;
                token = as(initiatorSubject, () -> initiator.initSecContext(reply, 0, reply.length));
            }
        }
        if (!initiator.isEstablished() || !acceptor.isEstablished()) {
            throw new IllegalStateException("the context did not complete");
        }
        return new GSSContext[] {initiator, acceptor};
    }

    /** A JAAS login with the JDK's {@code Krb5LoginModule} and {@code options}. */
    private static Subject login(Map<String, String> options) throws LoginException {
        Configuration krb5 = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
        LoginContext login = new LoginContext("bench", new Subject(), null, krb5);
        login.login();
        return login.getSubject();
    }

    /** {@code call} in {@code subject} (as is, if null); a GSSException comes out as itself. */
    private static <T> T as(Subject subject, Callable<T> call) throws GSSException {
        if (subject == null) {
            try {
                return call.call();
            } catch (GSSException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return Subject.callAs(subject, call);
        } catch (CompletionException e) {
            if (e.getCause() instanceof GSSException gss) {
                throw gss;
            }
            throw e;
        }
    }

    private static long[] merge(List<long[]> samples, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(samples.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static Oid oid(String dotted) {
        try {
            return new Oid(dotted);
        } catch (GSSException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
