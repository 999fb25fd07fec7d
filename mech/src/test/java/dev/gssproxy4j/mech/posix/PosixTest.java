package dev.gssproxy4j.mech.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {

    @Test
    void setenvIsVisibleToLibcGetenvAndUnsetenvRemovesIt() {
        String name = "GSSPROXY4J_POSIX_TEST";
        Posix.setenv(name, "first");
        Posix.setenv(name, "second=with=equals");
        assertEquals(Optional.of("second=with=equals"), Posix.getenv(name));
        Posix.unsetenv(name);
        assertEquals(Optional.empty(), Posix.getenv(name));
    }

    @Test
    void getuidIsTheUidTheKernelShowsForThisProcess() throws Exception {
        assertEquals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"), Posix.getuid());
    }

    @Test
    void setenvRejectsAnInvalidNameWithErrno() {
        PosixException e = assertThrows(PosixException.class, () -> Posix.setenv("BAD=NAME", "x"));
        assertEquals(22, e.errno());
        assertTrue(e.getMessage().contains("Invalid argument"), e.getMessage());
    }

    @Test
    void statAgreesWithTheJdkAndSeesEveryKindOfChange() throws Exception {
        Path file = Files.createTempFile("gssproxy4j-stat", ".keytab");
        try {
            Files.write(file, new byte[] {5, 2});
            FileStamp first = Posix.stat(file.toString()).orElseThrow();
            java.util.Map<String, Object> jdk = Files.readAttributes(file, "unix:ino,size,lastModifiedTime,ctime");
            assertEquals(((Number) jdk.get("ino")).longValue(), first.inode());
            assertEquals(2, first.size());
            assertEquals(((java.nio.file.attribute.FileTime) jdk.get("lastModifiedTime")).to(
                    java.util.concurrent.TimeUnit.NANOSECONDS), first.modifiedNanos());
            assertEquals(((java.nio.file.attribute.FileTime) jdk.get("ctime")).to(
                    java.util.concurrent.TimeUnit.NANOSECONDS), first.changedNanos());
            assertEquals(first, Posix.stat(file.toString()).orElseThrow(), "nothing changed");

            // a rewrite that puts the old modification time back still changes the status-change time
            java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(file, old);
            FileStamp backdated = Posix.stat(file.toString()).orElseThrow();
            Files.write(file, new byte[] {5, 3});
            Files.setLastModifiedTime(file, old);
            FileStamp rewritten = Posix.stat(file.toString()).orElseThrow();
            assertEquals(backdated.modifiedNanos(), rewritten.modifiedNanos());
            assertEquals(backdated.size(), rewritten.size());
            assertTrue(rewritten.changedNanos() >= backdated.changedNanos());
        } finally {
            Files.delete(file);
        }
        assertEquals(Optional.empty(), Posix.stat(file.toString()));
    }

    @Test
    void openForReadingRefusesALinkDoesNotWaitForAFifoAndTheOwnerHasTheSize(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("ccache"), new byte[] {1, 2, 3});
        int fd = Posix.openExistingForReading(file.toString());
        try {
            FileOwner owner = Posix.owner(fd);
            assertTrue(owner.regular());
            assertEquals(3, owner.size());
            assertEquals(Files.getAttribute(file, "unix:uid"), owner.uid());
        } finally {
            Posix.close(fd);
        }
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertEquals(40, assertThrows(PosixException.class,
                () -> Posix.openExistingForReading(link.toString())).errno(), "ELOOP");
        assertEquals(2, assertThrows(PosixException.class,
                () -> Posix.openExistingForReading(dir.resolve("absent").toString())).errno(), "ENOENT");
        Path fifo = dir.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        int fifoFd = Posix.openExistingForReading(fifo.toString()); // O_NONBLOCK: no writer needed
        try {
            assertEquals(false, Posix.owner(fifoFd).regular());
        } finally {
            Posix.close(fifoFd);
        }
    }

    @Test
    void peerCredentialsOfALocalConnectionAreOurOwn() throws Exception {
        Path dir = Files.createTempDirectory("gssproxy4j-posix");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel client = SocketChannel.open(address); SocketChannel accepted = server.accept()) {
                PeerCredentials peer = Posix.peerCredentials(fd(accepted));
                assertEquals(peer, Posix.peerCredentials(fd(client)), "both ends are this process");
                assertEquals(ProcessHandle.current().pid(), peer.pid());
                PasswdEntry me = Posix.getpwnam(System.getProperty("user.name")).orElseThrow();
                assertEquals(me.uid(), peer.uid());
                // No assertion on the label itself: it depends on the LSM of the machine (none, AppArmor, SELinux).
                Posix.peerSecurityContext(fd(accepted));
            }
        } finally {
            Files.deleteIfExists(dir.resolve("s"));
            Files.delete(dir);
        }
    }

    @Test
    void datagramReachesAnAfUnixDatagramSocket() throws Exception {
        Path dir = Files.createTempDirectory("gssproxy4j-dgram");
        Path socket = dir.resolve("notify.sock");
        PosixException missing = assertThrows(PosixException.class,
                () -> Posix.sendDatagram(socket.toString(), "READY=1".getBytes()));
        assertTrue(missing.getMessage().contains("No such file or directory"), missing.getMessage());

        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "python3 receives the datagram");
        Process receiver = new ProcessBuilder(python.toString(), "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                print("bound", flush=True)
                print(s.recv(4096).decode(), flush=True)
                """, socket.toString()).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(receiver.getInputStream()))) {
            assertEquals("bound", out.readLine());
            Posix.sendDatagram(socket.toString(), "READY=1\nSTATUS=Running".getBytes());
            assertEquals("READY=1", out.readLine());
            assertEquals("STATUS=Running", out.readLine());
        } finally {
            receiver.destroy();
        }
    }

    @Test
    void socketInfoTellsAListeningUnixSocketAndItsPathFromAConnection() throws Exception {
        Path dir = Files.createTempDirectory("gssproxy4j-sockinfo");
        Path path = dir.resolve("listen.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            SocketInfo listening = Posix.socketInfo(fd(server));
            assertTrue(listening.isUnixStream(), listening.toString());
            assertTrue(listening.listening());
            assertEquals(Optional.of(path.toString()), listening.path());
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                SocketInfo connected = Posix.socketInfo(fd(client));
                assertTrue(connected.isUnixStream());
                assertTrue(!connected.listening(), "a connected socket does not listen");
                assertEquals(Optional.empty(), connected.path(), "the client end is unnamed");
            }
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
        PosixException closed = assertThrows(PosixException.class, () -> Posix.socketInfo(-1));
        assertEquals(9, closed.errno());
    }

    @Test
    void replaceDescriptorMovesASocketOntoAnotherNumberAndClosesTheOld() throws Exception {
        Path dir = Files.createTempDirectory("gssproxy4j-dup");
        Path first = dir.resolve("first.sock");
        Path second = dir.resolve("second.sock");
        try (ServerSocketChannel a = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ServerSocketChannel b = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            a.bind(UnixDomainSocketAddress.of(first));
            b.bind(UnixDomainSocketAddress.of(second));
            int copy = Posix.duplicate(fd(a));
            assertTrue(copy >= 3 && copy != fd(a));
            assertEquals(Optional.of(first.toString()), Posix.socketInfo(copy).path());

            Posix.replaceDescriptor(copy, fd(b));
            assertEquals(Optional.of(first.toString()), Posix.socketInfo(fd(b)).path(), "b's number now holds a's socket");
            assertEquals(9, assertThrows(PosixException.class, () -> Posix.socketInfo(copy)).errno(), "copy is closed");
        } finally {
            Files.deleteIfExists(first);
            Files.deleteIfExists(second);
            Files.delete(dir);
        }
    }

    @Test
    void peerCredentialsOfABadDescriptorNameErrno() {
        PosixException e = assertThrows(PosixException.class, () -> Posix.peerCredentials(-1));
        assertEquals(9, e.errno());
        assertTrue(e.getMessage().contains("getsockopt(SO_PEERCRED)"), e.getMessage());
    }

    @Test
    void rootPasswdEntryAndGroups() {
        PasswdEntry root = Posix.getpwnam("root").orElseThrow();
        assertEquals(0, root.uid());
        assertEquals(0, root.gid());
        assertEquals("/root", root.home());
        assertEquals(root, Posix.getpwuid(0).orElseThrow());
        int[] groups = Posix.getgrouplist("root", root.gid());
        assertTrue(Arrays.stream(groups).anyMatch(g -> g == 0), Arrays.toString(groups));
    }

    @Test
    void unknownUserIsEmpty() {
        assertEquals(Optional.empty(), Posix.getpwnam("no-such-user-gssproxy4j"));
        assertEquals(Optional.empty(), Posix.getpwuid(2_000_000_123));
        assertArrayEquals(new int[] {4242}, Posix.getgrouplist("no-such-user-gssproxy4j", 4242));
    }

    /** The fd of a JDK channel (needs --add-exports java.base/sun.nio.ch, which surefire passes). */
    private static int fd(java.nio.channels.Channel channel) throws ReflectiveOperationException {
        return (int) Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal").invoke(channel);
    }
}
