package dev.gssproxy4j.server.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant NOW = T0.plusSeconds(10);
    static final Instant EXPIRY = T0.plus(Duration.ofDays(30));
    static final Binding ALICE = Binding.of("nfs-server", 1000);
    static final byte[] PAYLOAD = {1, 2, 3, 4};

    @TempDir
    Path dir;

    @Test
    void createsA0600FileInA0700DirectoryWithOneActiveKey() throws IOException {
        Path file = dir.resolve("state/keys/handles.keyring");

        Keyring keyring = Keyring.loadOrCreate(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(1, keyring.entries().size());
        assertEquals(KeyringEntry.State.ACTIVE, keyring.activeKey().state());
        assertEquals(file, keyring.file().orElseThrow());
        assertTrue(Files.readString(file).startsWith(KeyringFormat.MAGIC + "\n"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void reloadedKeyringOpensHandlesSealedBeforeRestart() throws Exception {
        Path file = dir.resolve("handles.keyring");
        byte[] sealed = new HandleSealer(Keyring.loadOrCreate(file))
                .seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);

        Keyring restarted = Keyring.loadOrCreate(file);

        HandleSealer.Opened opened = new HandleSealer(restarted).open(HandleKind.CREDENTIAL, ALICE, sealed, NOW);
        assertArrayEquals(PAYLOAD, opened.payload());
    }

    @Test
    void rotationKeepsOldHandlesOpenAndSealsNewOnesWithTheNewKey() throws Exception {
        Path file = dir.resolve("handles.keyring");
        Keyring keyring = Keyring.loadOrCreate(file, Clock.fixed(T0, ZoneOffset.UTC));
        HandleSealer sealer = new HandleSealer(keyring);
        int oldId = keyring.activeKey().id();
        byte[] before = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);

        KeyringEntry fresh = keyring.rotate();
        byte[] after = sealer.seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);

        assertEquals(oldId + 1, fresh.id());
        assertEquals(fresh.id(), SealedLayout.keyId(after));
        assertEquals(KeyringEntry.State.RETIRED, keyring.key(oldId).orElseThrow().state());
        assertEquals(T0, keyring.key(oldId).orElseThrow().retiredAt().orElseThrow());
        HandleSealer reloaded = new HandleSealer(Keyring.loadOrCreate(file));
        assertArrayEquals(PAYLOAD, reloaded.open(HandleKind.CREDENTIAL, ALICE, before, NOW).payload());
        assertArrayEquals(PAYLOAD, reloaded.open(HandleKind.CREDENTIAL, ALICE, after, NOW).payload());
        assertEquals(fresh.id(), Keyring.loadOrCreate(file).activeKey().id());
    }

    @Test
    void pruneDropsOnlyKeysRetiredBeforeTheCutoff() throws Exception {
        MutableClock clock = new MutableClock(T0);
        Keyring keyring = Keyring.loadOrCreate(dir.resolve("k"), clock);
        int first = keyring.activeKey().id();
        byte[] old = new HandleSealer(keyring).seal(HandleKind.CREDENTIAL, ALICE, EXPIRY, PAYLOAD);
        keyring.rotate(); // first retired at T0
        clock.now = T0.plus(Duration.ofDays(2));
        int second = keyring.activeKey().id();
        keyring.rotate(); // second retired at T0 + 2 days

        List<KeyringEntry> removed = keyring.pruneRetiredBefore(T0.plus(Duration.ofDays(1)));

        assertEquals(List.of(first), removed.stream().map(KeyringEntry::id).toList());
        assertTrue(keyring.key(first).isEmpty());
        assertTrue(keyring.key(second).isPresent());
        assertTrue(Keyring.loadOrCreate(dir.resolve("k")).key(first).isEmpty(), "pruning is persisted");
        HandleException e = assertThrows(HandleException.class,
                () -> new HandleSealer(keyring).open(HandleKind.CREDENTIAL, ALICE, old, NOW));
        assertEquals(HandleException.Reason.UNKNOWN_KEY, e.reason());
    }

    @Test
    void rotateIfOlderThanRotatesOnlyAnOldKey() throws Exception {
        MutableClock clock = new MutableClock(T0);
        Keyring keyring = Keyring.ephemeral(clock);
        int first = keyring.activeKey().id();
        clock.now = T0.plus(Duration.ofDays(89));
        assertFalse(keyring.rotateIfOlderThan(Duration.ofDays(90)));
        clock.now = T0.plus(Duration.ofDays(90));
        assertTrue(keyring.rotateIfOlderThan(Duration.ofDays(90)));
        assertNotEquals(first, keyring.activeKey().id());
    }

    @Test
    void refusesAGroupOrWorldReadableKeyringNamingChmod() throws IOException {
        Path file = dir.resolve("handles.keyring");
        Keyring.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        IOException e = assertThrows(IOException.class, () -> Keyring.loadOrCreate(file));

        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThrows(IOException.class, () -> Keyring.loadOrCreate(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Keyring.loadOrCreate(file);
    }

    @Test
    void refusesAKeyringOwnedByAnotherUid() throws IOException {
        assumeTrue(KeyringFile.currentUid() == 0, "only root can give a file to another uid");
        Path file = dir.resolve("handles.keyring");
        Keyring.loadOrCreate(file);
        Files.setAttribute(file, "unix:uid", 65534);

        IOException e = assertThrows(IOException.class, () -> Keyring.loadOrCreate(file));

        assertTrue(e.getMessage().contains("owned by uid 65534"), e.getMessage());
        assertTrue(e.getMessage().contains("chown 0 " + file), e.getMessage());
    }

    @Test
    void refusesASymbolicLink() throws IOException {
        Path real = dir.resolve("real.keyring");
        Keyring.loadOrCreate(real);
        Path link = Files.createSymbolicLink(dir.resolve("link.keyring"), real);

        IOException e = assertThrows(IOException.class, () -> Keyring.loadOrCreate(link));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void damagedKeyringIsRefusedWithoutQuotingKeys() throws IOException {
        Path file = dir.resolve("handles.keyring");
        Keyring.loadOrCreate(file);
        String good = Files.readString(file);
        String secretLine = good.lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow();
        String secret = secretLine.substring(secretLine.lastIndexOf(' ') + 1);
        String truncatedKey = secret.substring(0, 20);

        Files.writeString(file, good.replace(secret, truncatedKey));
        IOException e = assertThrows(IOException.class, () -> Keyring.loadOrCreate(file));

        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
        assertFalse(e.getMessage().contains(truncatedKey), e.getMessage());
    }

    @Test
    void refusesBadHeadersDuplicateIdsAndActiveCounts() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String active = "key 7 2030-01-01T00:00:00Z active - " + key + "\n";
        String retired = "key 7 2030-01-01T00:00:00Z retired 2030-01-02T00:00:00Z " + key + "\n";
        assertDamaged("gssproxy4j-keyring 2\n" + active, "line 1");
        assertDamaged(KeyringFormat.MAGIC + "\n" + active + active, "appears twice");
        assertDamaged(KeyringFormat.MAGIC + "\n" + retired, "0 active keys");
        assertDamaged(KeyringFormat.MAGIC + "\n" + active.replace(" - ", " 2030-01-02T00:00:00Z "), "line 2");
        assertDamaged(KeyringFormat.MAGIC + "\nkey 7 yesterday active - " + key + "\n", "ISO-8601");
        assertDamaged(KeyringFormat.MAGIC + "\nkey -7 2030-01-01T00:00:00Z active - " + key + "\n", "unsigned");
    }

    @Test
    void formatRoundTripsEveryField() throws IOException {
        Keyring keyring = Keyring.ephemeral(Clock.fixed(T0, ZoneOffset.UTC));
        keyring.rotate();
        List<KeyringEntry> decoded = KeyringFormat.decode(KeyringFormat.encode(keyring.entries()), "test");
        assertEquals(keyring.entries().toString(), decoded.toString());
        for (int i = 0; i < decoded.size(); i++) {
            assertArrayEquals(keyring.entries().get(i).keyBytes(), decoded.get(i).keyBytes());
        }
    }

    @Test
    void toStringPrintsIdsButNoKeyMaterial() throws IOException {
        Keyring keyring = Keyring.ephemeral();
        keyring.rotate();
        for (KeyringEntry entry : keyring.entries()) {
            String base64 = Base64.getEncoder().encodeToString(entry.keyBytes());
            assertFalse(keyring.toString().contains(base64));
            assertFalse(entry.toString().contains(base64));
            assertTrue(keyring.toString().contains(Integer.toUnsignedString(entry.id())), keyring.toString());
        }
        assertTrue(keyring.toString().contains("ephemeral"));
    }

    @Test
    void ephemeralKeyringsHaveNoFileAndDifferentKeys() {
        Keyring a = Keyring.ephemeral();
        Keyring b = Keyring.ephemeral();
        assertTrue(a.file().isEmpty());
        assertFalse(java.util.Arrays.equals(a.activeKey().keyBytes(), b.activeKey().keyBytes()));
    }

    private static void assertDamaged(String content, String expected) {
        IOException e = assertThrows(IOException.class,
                () -> KeyringFormat.decode(content.getBytes(StandardCharsets.UTF_8), "test"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
