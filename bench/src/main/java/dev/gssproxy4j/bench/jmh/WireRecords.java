package dev.gssproxy4j.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The golden records of {@code shared/wire} (whole records, record mark included). The folder is
 * {@code <sharedDir>/wire}, with {@code sharedDir} from the benchmark parameter {@code sharedDir} when set
 * ({@code -p sharedDir=/path/to/shared}), else from the system property {@code gssproxy4j.sharedDir}, which
 * {@code bench/run} sets to the checkout's sibling {@code shared} folder. (Tests use testkit's
 * {@code CapturedRecords}; a benchmark takes its folder as a JMH parameter first.)
 */
final class WireRecords {

    static final String PROPERTY = "gssproxy4j.sharedDir";
    private static final int RECORD_MARK_BYTES = 4;

    private WireRecords() {
    }

    /** The RPC message of {@code wire/<relative>} without its 4-byte record mark. */
    static byte[] message(String sharedDirParam, String relative) {
        String sharedDir = sharedDirParam == null || sharedDirParam.isEmpty()
                ? System.getProperty(PROPERTY) : sharedDirParam;
        if (sharedDir == null) {
            throw new IllegalStateException("where is shared/wire? Set -D" + PROPERTY + "=/path/to/shared or the"
                    + " JMH parameter -p sharedDir=/path/to/shared (bench/run sets it)");
        }
        Path file = Path.of(sharedDir, "wire", relative);
        try {
            byte[] record = Files.readAllBytes(file);
            return Arrays.copyOfRange(record, RECORD_MARK_BYTES, record.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden record " + file + " (is " + PROPERTY
                    + " the shared folder that holds wire/?)", e);
        }
    }
}
