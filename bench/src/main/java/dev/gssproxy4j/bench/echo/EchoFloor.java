package dev.gssproxy4j.bench.echo;

import dev.gssproxy4j.bench.Flags;
import dev.gssproxy4j.bench.ProcFs;
import dev.gssproxy4j.testkit.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bench/run echo}: what one call through an AF_UNIX socket to another process costs this machine before any
 * GSS work, the floor under every daemon's per-call figures. Client threads (in this JVM, each with its own
 * connection) send a request of {@code --bytes} and wait for it to come back from {@link EchoServer} (a process of
 * its own, a platform thread per connection), which computes {@code --work-us} per request as a daemon's call would.
 * Prints, per work time, round trips per second and the server's CPU per round trip: what is beyond the work is
 * the cost of the socket and of the two thread wake-ups a call needs (on a VM, largely the hypervisor's).
 * {@code --client-work-us} has each client thread compute that long before each request, as a program that wraps
 * a message before it sends it does.
 *
 * <p>Flags: {@code --threads 4} {@code --bytes 1200} {@code --work-us 0,20} {@code --client-work-us 0}
 * {@code --duration 8s} {@code --warmup 3s}.
 */
public final class EchoFloor {

    private EchoFloor() {}

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("threads", "bytes", "work-us", "client-work-us",
                "duration", "warmup"), Set.of());
        int threads = flags.integer("threads", 4);
        int bytes = flags.integer("bytes", 1200);
        List<Integer> works = flags.integers("work-us", List.of(0, 20));
        int clientWorkMicros = flags.integer("client-work-us", 0);
        long clientWork = Work.iterationsFor(clientWorkMicros * 1000L);
        Duration duration = flags.duration("duration", Duration.ofSeconds(8));
        Duration warmup = flags.duration("warmup", Duration.ofSeconds(3));
        Path dir = Files.createTempDirectory("gssproxy4j-echo");
        System.out.println("| work µs | client work µs | threads | bytes | round trips/s "
                + "| server CPU µs/round trip | beyond the work µs |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int work : works) {
            Path socket = dir.resolve("echo-" + work + ".sock");
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), EchoServer.class.getName(), socket.toString(),
                    Integer.toString(bytes), Integer.toString(work));
            try (ChildProcess server = ChildProcess.command(command).start()) {
                server.awaitOutput("listening", Duration.ofSeconds(30));
                Result result = run(socket, threads, bytes, clientWork, warmup, duration, server.pid());
                double cpuPerTrip = result.serverCpuNanos() / 1e3 / Math.max(1, result.trips());
                System.out.printf("| %d | %d | %d | %d | %.0f | %.1f | %.1f |%n", work, clientWorkMicros,
                        threads, bytes, result.trips() / result.seconds(), cpuPerTrip, cpuPerTrip - work);
            } finally {
                Files.deleteIfExists(socket);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Round trips in the measured time, that time, and the server's CPU over it. */
    private record Result(long trips, double seconds, long serverCpuNanos) {}

    private static Result run(Path socket, int threads, int bytes, long clientWork, Duration warmup,
                              Duration duration, long serverPid) throws InterruptedException {
        LongAdder trips = new LongAdder();
        CountDownLatch done = new CountDownLatch(threads);
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(Thread.ofPlatform().start(() -> {
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    ByteBuffer request = ByteBuffer.allocate(bytes);
                    ByteBuffer reply = ByteBuffer.allocate(bytes);
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        Work.compute(clientWork);
                        request.clear();
                        while (request.hasRemaining()) {
                            channel.write(request);
                        }
                        reply.clear();
                        while (reply.hasRemaining()) {
                            if (channel.read(reply) < 0) {
                                throw new IOException("the echo server closed the connection");
                            }
                        }
                        if (now >= measureFrom) {
                            trips.increment();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    done.countDown();
                }
            }));
        }
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        long cpuBefore = ProcFs.cpuNanos(serverPid);
        long begin = System.nanoTime();
        done.await();
        long cpu = ProcFs.cpuNanos(serverPid) - cpuBefore;
        double seconds = (System.nanoTime() - begin) / 1e9;
        for (Thread client : clients) {
            client.join();
        }
        return new Result(trips.sum(), seconds, cpu);
    }
}
