package dev.gssproxy4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A private OpenLDAP {@code slapd} for one realm, run the way MIT's own LDAP KDB tests run one (krb5
 * {@code src/tests/t_kdb.py}): configuration, mdb database and socket inside the realm directory, listening only on
 * a private {@code ldapi://} socket (no port; the system's slapd and its {@code /etc/ldap/slapd.d} are never read or
 * touched), the Kerberos schema Debian ships with {@code krb5-kdc-ldap}, and one administrator, the database's
 * {@code rootdn}, for MIT's LDAP KDB module and {@code ldapmodify}. It runs in the foreground ({@code -d stats}, one
 * log line per LDAP operation) as a child process that {@link #close()} terminates.
 *
 * <p>slapd prints "slapd starting" after binding its socket but before {@code listen()} (t_kdb.py sleeps a second
 * for that reason); {@link #start} instead connects until the socket accepts.
 */
final class Slapd implements AutoCloseable {

    /** The database suffix, which is also MIT's Kerberos container ({@code ldap_kerberos_container_dn}). */
    static final String BASE_DN = "cn=krb5";
    static final String ADMIN_DN = "cn=admin," + BASE_DN;

    private static final Path CORE_SCHEMA = Path.of("/etc/ldap/schema/core.schema");
    private static final Path MODULE_DIR = Path.of("/usr/lib/ldap");
    private static final Path KERBEROS_SCHEMA_DOC = Path.of("/usr/share/doc/krb5-kdc-ldap/kerberos.schema.gz");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String READY_LINE = "slapd starting";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final String uri;
    private final String adminPassword;
    private final Path passwordFile;
    private final ChildProcess process;

    private Slapd(String uri, String adminPassword, Path passwordFile, ChildProcess process) {
        this.uri = uri;
        this.adminPassword = adminPassword;
        this.passwordFile = passwordFile;
        this.process = process;
    }

    /** What is missing to run one, each naming the Debian package that provides it; empty when all is there. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (Programs.find("slapd").isEmpty() || !Files.isRegularFile(CORE_SCHEMA)
                || !Files.isDirectory(MODULE_DIR)) {
            missing.add("slapd (Debian package slapd)");
        }
        if (Programs.find("ldapmodify").isEmpty()) {
            missing.add("ldapmodify (Debian package ldap-utils)");
        }
        if (kerberosSchema().isEmpty()) {
            missing.add("the Kerberos LDAP schema " + KERBEROS_SCHEMA_DOC + " (Debian package krb5-kdc-ldap)");
        }
        return missing;
    }

    /** Starts one in {@code dir} (created, mode 0700), with a fresh random administrator password. */
    static Slapd start(Path dir) {
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new RealmException("cannot run a private slapd, missing: " + String.join(", ", missing));
        }
        try {
            // only this uid reaches the socket and the files (the realm directory itself is world-readable)
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            Files.createDirectory(dir.resolve("data"));
            Path schema = dir.resolve("kerberos.schema");
            copySchema(kerberosSchema().orElseThrow(), schema);
            String password = MitKdb.randomSecret();
            // ldapmodify -y reads the whole file as the password: no trailing newline.
            Path passwordFile = writePrivate(dir.resolve("admin.pw"), password);
            Path config = writePrivate(dir.resolve("slapd.conf"), config(dir, schema, password));
            Path socket = dir.resolve("socket");
            String uri = "ldapi://" + percentEncoded(socket.toString());
            ChildProcess process = ChildProcess.command(Programs.require("slapd", "slapd").toString(),
                            "-d", "stats", "-f", config.toString(), "-h", uri)
                    .output(dir, "slapd")
                    .start();
            try {
                process.awaitOutput(READY_LINE, START_TIMEOUT);
                awaitListening(process, socket);
                return new Slapd(uri, password, passwordFile, process);
            } catch (RuntimeException e) {
                process.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up slapd in " + dir, e);
        }
    }

    /** The {@code ldapi://} URL of the socket, for {@code ldap_servers}. */
    String uri() {
        return uri;
    }

    /** The administrator's password, for MIT's {@code kdb5_ldap_util stashsrvpw}. */
    String adminPassword() {
        return adminPassword;
    }

    /** Applies {@code ldif} (LDIF change records) with {@code ldapmodify} as the administrator. */
    void modify(String ldif) {
        ChildProcess.command(Programs.require("ldapmodify", "ldap-utils").toString(), "-H", uri,
                        "-x", "-D", ADMIN_DN, "-y", passwordFile.toString())
                .stdin(ldif)
                .run(Kinit.TIMEOUT)
                .requireSuccess();
    }

    @Override
    public void close() {
        process.close();
    }

    private static String config(Path dir, Path kerberosSchema, String password) {
        // MIT's kerberos.schema uses attribute types of core.schema (cn, ...); mdb is a module on Debian. Only the
        // rootdn (whom no ACL restricts) may read the keys: slapd's default without "access" lines is read for all.
        return """
                include %1$s
                include %2$s
                pidfile %3$s/slapd.pid
                modulepath %4$s
                moduleload back_mdb
                database mdb
                suffix "%5$s"
                rootdn "%6$s"
                rootpw %7$s
                directory %3$s/data
                index krbPrincipalName eq
                access to * by * none
                """.formatted(CORE_SCHEMA, kerberosSchema, dir, MODULE_DIR, BASE_DN, ADMIN_DN, password);
    }

    private static Optional<Path> kerberosSchema() {
        Path plain = Path.of(KERBEROS_SCHEMA_DOC.toString().replaceFirst("\\.gz$", ""));
        return Files.isRegularFile(KERBEROS_SCHEMA_DOC) ? Optional.of(KERBEROS_SCHEMA_DOC)
                : Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static void copySchema(Path from, Path to) throws IOException {
        try (InputStream raw = Files.newInputStream(from);
             InputStream in = from.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            Files.copy(in, to);
        }
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /** RFC 4516 escaping of a socket path as the host part of an {@code ldapi://} URL ({@code /} is {@code %2F}). */
    private static String percentEncoded(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= 500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 500);
    }

    /** Connects until slapd has called {@code listen()} on its bound socket (ECONNREFUSED until then). */
    private static void awaitListening(ChildProcess process, Path socket) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new ChildProcessException("slapd did not listen on " + socket + ": " + e.getMessage()
                            + "; stderr: " + tail(process.stderr()));
                }
            }
            try {
                // the same 10 ms poll as ChildProcess.awaitOutput: slapd gives no other signal
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChildProcessException("interrupted while waiting for slapd", e);
            }
        }
    }
}
