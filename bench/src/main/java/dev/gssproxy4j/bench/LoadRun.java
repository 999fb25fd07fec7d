package dev.gssproxy4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Drives one {@link AcceptPath} with {@link RunSpec#clients()} threads, each with its own {@link AcceptPath.Worker}
 * (connection and credential, set up before the clock starts), taking tokens from a {@link TokenPool}. Closed
 * loop: each client sends its next operation when the previous one has finished. Every thread stops by itself at
 * the end of the window, when the pool is empty, or when its connection breaks.
 *
 * <p>The daemon's CPU is sampled from {@code /proc} at the end of the warm-up and after the last thread stopped;
 * operations still in flight at the warm-up boundary are not counted (at most one per client).
 */
public final class LoadRun {

    private final AcceptPath path;
    private final TokenPool pool;
    private final RunSpec spec;
    private final OptionalLong daemonPid;
    private final LongSupplier kdcRequests;
    private final ErrorLog errorLog = new ErrorLog();

    /**
     * @param daemonPid   the process whose CPU and memory to report (this process for the floor), if known
     * @param kdcRequests KDC requests since the caller's baseline (taken before the pool was made), or null when
     *                    the realm is not ours
     */
    public LoadRun(AcceptPath path, TokenPool pool, RunSpec spec, OptionalLong daemonPid, LongSupplier kdcRequests) {
        this.path = path;
        this.pool = pool;
        this.spec = spec;
        this.daemonPid = daemonPid;
        this.kdcRequests = kdcRequests;
    }

    private final class Client implements Runnable {
        final AcceptPath.Worker worker;
        final Latencies latencies;
        final CountDownLatch go;
        long warmupEnd;
        long end;
        long ops;
        long errors;
        long lastMeasuredFinish;
        boolean exhausted;

        Client(AcceptPath.Worker worker, CountDownLatch go) {
            this.worker = worker;
            this.go = go;
            this.latencies = new Latencies(pool.size() / spec.clients());
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    return;
                }
                Token token = pool.take();
                if (token == null) {
                    exhausted = true;
                    return;
                }
                boolean measured = now - warmupEnd >= 0;
                try {
                    long accept = worker.run(token);
                    if (measured) {
                        latencies.add(accept);
                        ops++;
                    }
                } catch (AcceptPath.OperationFailed e) {
                    errorLog.add(e.getMessage());
                    if (measured) {
                        errors++;
                    }
                    if (e.fatal()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    errorLog.add("unexpected " + e);
                    if (measured) {
                        errors++;
                    }
                }
                if (measured) {
                    lastMeasuredFinish = System.nanoTime();
                }
            }
        }
    }

    /** Runs to the end and returns the numbers; the workers are closed afterwards. */
    public RunResult execute() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < spec.clients(); i++) {
                clients.add(new Client(path.open(), go));
            }
            long start = System.nanoTime();
            long warmupEnd = start + spec.warmup().toNanos();
            long end = warmupEnd + spec.duration().toNanos();
            for (Client client : clients) {
                client.warmupEnd = warmupEnd;
                client.end = end;
                threads.add(Thread.ofPlatform().name(path.name() + "-client-" + threads.size()).start(client));
            }
            go.countDown();
            sleepUntil(warmupEnd);
            long selfPid = ProcessHandle.current().pid();
            long daemonCpuBefore = daemonPid.isPresent() ? ProcFs.cpuNanos(daemonPid.getAsLong()) : 0;
            long selfCpuBefore = ProcFs.cpuNanos(selfPid);
            for (Thread thread : threads) {
                thread.join();
            }
            long daemonCpu = daemonPid.isPresent() ? ProcFs.cpuNanos(daemonPid.getAsLong()) - daemonCpuBefore : -1;
            long selfCpu = ProcFs.cpuNanos(selfPid) - selfCpuBefore;
            return result(clients, warmupEnd, daemonCpu, selfCpu,
                    kdcRequests == null ? -1 : kdcRequests.getAsLong());
        } finally {
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Client client : clients) {
                client.worker.close();
            }
        }
    }

    private RunResult result(List<Client> clients, long warmupEnd, long daemonCpuNanos, long selfCpuNanos,
                             long kdc) {
        long ops = 0;
        long errors = 0;
        long lastFinish = warmupEnd;
        boolean exhausted = false;
        List<Latencies> latencies = new ArrayList<>();
        for (Client client : clients) {
            ops += client.ops;
            errors += client.errors;
            lastFinish = Math.max(lastFinish, client.lastMeasuredFinish);
            exhausted |= client.exhausted;
            latencies.add(client.latencies);
        }
        double window = (lastFinish - warmupEnd) / 1e9;
        double perOp = ops == 0 ? Double.NaN : 1e-3 / ops;
        return new RunResult(path.name(), spec, ops, errors, window, Latencies.merge(latencies),
                daemonCpuNanos < 0 ? Double.NaN : daemonCpuNanos * perOp, selfCpuNanos * perOp,
                daemonPid.isPresent() ? ProcFs.memory(daemonPid.getAsLong()) : null, kdc, pool.used(), pool.size(),
                exhausted, errorLog.snapshot());
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during the warm-up");
            }
        }
    }
}
