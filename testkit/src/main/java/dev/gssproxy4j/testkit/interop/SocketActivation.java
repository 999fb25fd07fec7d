package dev.gssproxy4j.testkit.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a program the way systemd starts a socket-activated service ({@code sd_listen_fds(3)}): the sockets of
 * the unit are bound and listening before the program runs, and it finds them as descriptors 3, 4, ... with
 * {@code LISTEN_FDS} = their number and {@code LISTEN_PID} = its own pid. A JVM cannot hand descriptors to a child
 * ({@link ProcessBuilder} closes all but 0-2), so a few lines of Perl (Debian's Essential {@code perl-base}) play
 * systemd: they bind each socket with the unit's mode, move it to its number, set the variables to their own pid
 * and {@code exec} the program, which keeps that pid. Put {@link #command} after {@code setpriv} (as
 * {@code ChildProcess.asUser} does) to run it as another user, as a user unit would.
 */
public final class SocketActivation {

    /** One descriptor to pass. */
    public sealed interface Passed permits Listening, OpenFile {}

    /** A listening AF_UNIX stream socket bound to {@code path} with {@code mode} (e.g. "0600"), as ListenStream=. */
    public record Listening(Path path, String mode) implements Passed {
        public Listening {
            if (!mode.matches("0[0-7]{3}")) {
                throw new IllegalArgumentException("a mode like 0600, not " + mode);
            }
        }
    }

    /** A file opened for reading: not a socket at all, as a broken unit might pass. */
    public record OpenFile(Path path) implements Passed {}

    private static final String PLAY_SYSTEMD = """
            use strict; use warnings; use Socket; use POSIX ();
            my @specs; while (@ARGV && $ARGV[0] ne '--') { push @specs, shift @ARGV } shift @ARGV;
            my @held; my $high = 100;
            for my $spec (@specs) {
                my $fh;
                if ($spec =~ /^listen:([0-7]+):(.+)$/s) {
                    my ($mode, $path) = (oct($1), $2);
                    socket($fh, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!\\n";
                    unlink $path;
                    bind($fh, pack_sockaddr_un($path)) or die "bind $path: $!\\n";
                    chmod($mode, $path) or die "chmod $path: $!\\n";
                    listen($fh, 16) or die "listen $path: $!\\n";
                } elsif ($spec =~ /^file:(.+)$/s) {
                    open($fh, '<', $1) or die "open $1: $!\\n";
                } else { die "bad spec $spec\\n" }
                defined POSIX::dup2(fileno($fh), $high++) or die "dup2: $!\\n";
                push @held, $fh;
            }
            for my $i (0 .. $#specs) {
                defined POSIX::dup2(100 + $i, 3 + $i) or die "dup2: $!\\n";
                POSIX::close(100 + $i);
            }
            $ENV{LISTEN_FDS} = scalar @specs; $ENV{LISTEN_PID} = $$; delete $ENV{LISTEN_FDNAMES};
            exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\\n";
            """;

    private SocketActivation() {
    }

    /** The command line that starts {@code command} with {@code passed} as descriptors 3, 4, ... */
    public static List<String> command(List<? extends Passed> passed, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/perl", "-e", PLAY_SYSTEMD));
        for (Passed p : passed) {
            argv.add(switch (p) {
                case Listening l -> "listen:" + l.mode() + ":" + l.path().toAbsolutePath();
                case OpenFile f -> "file:" + f.path().toAbsolutePath();
            });
        }
        argv.add("--");
        argv.addAll(command);
        return argv;
    }
}
