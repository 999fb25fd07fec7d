package dev.gssproxy4j.protocol.dump;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gssproxy4j.protocol.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks the dumper against the independent decoder that wrote {@code shared/wire/*}{@code /decoded.txt}
 * (a stdlib Python tool): every {@code offset name = ...} line there must appear in our dump with the same offset
 * and field name. This pins field names to {@code gss_proxy.x} and field order to the wire.
 */
class DecodedTxtTest {

    private static final Pattern FIELD = Pattern.compile("^\\s*(\\d+)\\s+([A-Za-z_]+) = ");

    static Stream<String> decodedRecords() {
        return Golden.valid().stream();
    }

    @ParameterizedTest
    @MethodSource("decodedRecords")
    void everyFieldOfDecodedTxtIsDumpedAtTheSameOffset(String name) throws IOException {
        List<String> expected = fieldsOf(name);
        assertTrue(expected.size() >= 4, "decoded.txt has too few fields for " + name);
        String dump = WireDump.describe(Golden.read(name), Golden.procedure(name), false);
        List<String> ours = new ArrayList<>();
        for (String line : dump.split("\n")) {
            Matcher m = FIELD.matcher(line);
            if (m.find()) {
                ours.add(m.group(1) + " " + m.group(2));
            }
        }
        List<String> missing = expected.stream().filter(field -> !ours.contains(field)).toList();
        if (!missing.isEmpty()) {
            fail(name + ": fields of decoded.txt missing from our dump (offset name): " + missing + "\n" + dump);
        }
    }

    /** The {@code offset name} pairs of one record's section of its folder's decoded.txt. */
    private static List<String> fieldsOf(String name) throws IOException {
        String folder = name.substring(0, name.indexOf('/'));
        String file = name.substring(name.indexOf('/') + 1);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Golden.wireDir().resolve(folder).resolve("decoded.txt"))) {
            if (line.startsWith("==== ")) {
                current = new ArrayList<>();
                sections.put(line.substring(5, line.indexOf(' ', 5)), current);
            } else if (current != null) {
                Matcher m = FIELD.matcher(line);
                if (m.find()) {
                    current.add(m.group(1) + " " + m.group(2));
                }
            }
        }
        return Optional.ofNullable(sections.get(file))
                .orElseThrow(() -> new AssertionError("no section for " + file + " in " + folder + "/decoded.txt"));
    }
}
