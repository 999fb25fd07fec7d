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
 * a message before it sends it does. {@code --shared-connection} has all the client threads share one connection
 * ({@link SharedConnection}, a multiplexing client) instead of one each; the server then answers the requests it
 * finds together with one write.
 *
 * <p>Flags: {@code --threads 4} {@code --bytes 1200} {@code --work-us 0,20} {@code --client-work-us 0}
 * {@code --duration 8s} {@code --warmup 3s} {@code --shared-connection}.
 */
public final class EchoFloor {

    private EchoFloor() {}

    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("threads", "bytes", "work-us", "client-work-us",
                "duration", "warmup"), Set.of("shared-connection"));
        int threads = flags.integer("threads", 4);
        int bytes = flags.integer("bytes", 1200);
        List<Integer> works = flags.integers("work-us", List.of(0, 20));
        int clientWorkMicros = flags.integer("client-work-us", 0);
        long clientWork = Work.iterationsFor(clientWorkMicros * 1000L);
        Duration duration = flags.duration("duration", Duration.ofSeconds(8));
        Duration warmup = flags.duration("warmup", Duration.ofSeconds(3));
        boolean shared = flags.isSet("shared-connection");
        Path dir = Files.createTempDirectory("gssproxy4j-echo");
        System.out.println("| work µs | client work µs | threads | connections | bytes | round trips/s "
                + "| server CPU µs/round trip | beyond the work µs | client CPU µs/round trip |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int work : works) {
            Path socket = dir.resolve("echo-" + work + ".sock");
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), EchoServer.class.getName(), socket.toString(),
                    Integer.toString(bytes), Integer.toString(work));
            try (ChildProcess server = ChildProcess.command(command).start()) {
                server.awaitOutput("listening", Duration.ofSeconds(30));
                Result result = run(socket, threads, shared, bytes, clientWork, warmup, duration, server.pid());
                double trips = Math.max(1, result.trips());
                double cpuPerTrip = result.serverCpuNanos() / 1e3 / trips;
                System.out.printf("| %d | %d | %d | %d | %d | %.0f | %.1f | %.1f | %.1f |%n", work,
                        clientWorkMicros, threads, shared ? 1 : threads, bytes, result.trips() / result.seconds(),
                        cpuPerTrip, cpuPerTrip - work, result.clientCpuNanos() / 1e3 / trips);
            } finally {
                Files.deleteIfExists(socket);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** Round trips in the measured time, that time, and the server's and this (client) process's CPU over it. */
    private record Result(long trips, double seconds, long serverCpuNanos, long clientCpuNanos) {}

    private static Result run(Path socket, int threads, boolean shared, int bytes, long clientWork,
                              Duration warmup, Duration duration, long serverPid)
            throws InterruptedException, IOException {
        LongAdder trips = new LongAdder();
        CountDownLatch done = new CountDownLatch(threads);
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        try (SharedConnection connection = shared ? new SharedConnection(socket, threads, bytes) : null) {
            for (int t = 0; t < threads; t++) {
                int index = t;
                clients.add(Thread.ofPlatform().start(() -> {
                    try {
                        if (connection != null) {
                            callShared(connection, index, bytes, clientWork, measureFrom, end, trips);
                        } else {
                            callOwn(socket, bytes, clientWork, measureFrom, end, trips);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        done.countDown();
                    }
                }));
            }
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            long me = ProcessHandle.current().pid();
            long serverBefore = ProcFs.cpuNanos(serverPid);
            long clientBefore = ProcFs.cpuNanos(me);
            long begin = System.nanoTime();
            done.await();
            long serverCpu = ProcFs.cpuNanos(serverPid) - serverBefore;
            long clientCpu = ProcFs.cpuNanos(me) - clientBefore;
            double seconds = (System.nanoTime() - begin) / 1e9;
            for (Thread client : clients) {
                client.join();
            }
            return new Result(trips.sum(), seconds, serverCpu, clientCpu);
        }
    }

    /** A client thread with a connection of its own: write the request, read the reply, again until {@code end}. */
    private static void callOwn(Path socket, int bytes, long clientWork, long measureFrom, long end,
                                LongAdder trips) throws IOException {
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
        }
    }

    /** A client thread of a {@link SharedConnection}: the same loop, its requests and replies multiplexed. */
    private static void callShared(SharedConnection connection, int index, int bytes, long clientWork,
                                   long measureFrom, long end, LongAdder trips) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(bytes);
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            Work.compute(clientWork);
            request.clear();
            connection.call(index, request);
            if (now >= measureFrom) {
                trips.increment();
            }
        }
    }
}
