package dev.gssproxy4j.server.config;

import dev.gssproxy4j.server.log.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sections of the main file plus the config directory's snippets, combined as upstream's
 * {@code gp_config_from_dir} has ding-libs {@code ini_config_augment} do it:
 * <ul>
 *   <li>only files named {@code ^[0-9]{2}-.+\.conf$} are read, regular files only, in name order;</li>
 *   <li>a snippet may contain only {@code [gssproxy]} and {@code [service/...]} sections (case-sensitive); a snippet
 *       with any other section, or none, or a syntax error, is skipped as a whole with a warning;</li>
 *   <li>a section already defined by an earlier file (the main file comes first) is ignored as a whole, with a
 *       warning: across files the first definition wins, nothing is merged ({@code INI_MS_PRESERVE |
 *       INI_MS_DETECT}).</li>
 * </ul>
 * Errors in the main file are fatal; problems with snippets are warnings, because upstream only logs them.
 *
 * @param sections the combined sections in order: main file first, then snippets by name
 * @param files    the files that contributed, in the same order
 */
record ConfigSources(List<IniSection> sections, List<Path> files) {

    /** ding-libs pattern {@code "^[0-9]\{2\}-.\{1,\}\.conf$"} from {@code gp_config_from_dir}. */
    static final Pattern SNIPPET_NAME = Pattern.compile("^[0-9]{2}-.+\\.conf$", Pattern.DOTALL);

    /** Section names a snippet may contain ({@code "^gssproxy$"}, {@code "^service/.*$"}). */
    private static final Pattern SNIPPET_SECTION = Pattern.compile("^(gssproxy|service/.*)$", Pattern.DOTALL);

    /** No configuration file is anywhere near this large; refusing bigger ones bounds memory. */
    static final long MAX_FILE_BYTES = 1 << 20;

    ConfigSources {
        sections = List.copyOf(sections);
        files = List.copyOf(files);
    }

    static ConfigSources read(Path mainFile, Path confDirOrNull, Problems problems) {
        List<IniSection> sections = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Optional<String> mainText = readText(mainFile, problems, true);
        if (mainText.isPresent()) {
            sections.addAll(IniParser.parse(mainFile, mainText.get(), problems));
            files.add(mainFile);
        }
        if (confDirOrNull != null) {
            for (Path snippet : snippets(confDirOrNull, mainFile, problems)) {
                addSnippet(snippet, sections, files, problems);
            }
        }
        return new ConfigSources(sections, files);
    }

    private static List<Path> snippets(Path dir, Path mainFile, Problems problems) {
        if (!Files.isDirectory(dir)) {
            problems.warn(ConfigLocation.ofFile(dir), "config directory does not exist or is not a directory; "
                    + "no snippets added", "create it, or pass -c FILE without -C to read only the main file");
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> result = new ArrayList<>();
            for (Path p : entries.sorted().toList()) {
                if (!SNIPPET_NAME.matcher(p.getFileName().toString()).matches() || isSameFile(p, mainFile)) {
                    continue;
                }
                if (!Files.isRegularFile(p)) {
                    problems.warn(ConfigLocation.ofFile(p), "not a regular file; skipped", "");
                    continue;
                }
                result.add(p);
            }
            return result;
        } catch (IOException e) {
            problems.warn(ConfigLocation.ofFile(dir), "cannot list config directory: " + e, "");
            return List.of();
        }
    }

    private static void addSnippet(Path snippet, List<IniSection> sections, List<Path> files, Problems problems) {
        Optional<String> text = readText(snippet, problems, false);
        if (text.isEmpty()) {
            return;
        }
        Problems local = new Problems();
        List<IniSection> parsed = IniParser.parse(snippet, text.get(), local);
        for (ConfigProblem p : local.errors()) {
            problems.warn(p.where(), p.message() + "; the whole file is skipped, as upstream does", p.hint());
        }
        if (local.hasErrors()) {
            return;
        }
        if (parsed.isEmpty()) {
            problems.warn(ConfigLocation.ofFile(snippet), "no sections; file skipped",
                    "add a [service/NAME] or [gssproxy] section");
            return;
        }
        for (IniSection s : parsed) {
            if (!SNIPPET_SECTION.matcher(s.name()).matches()) {
                problems.warn(s.location(), "section not allowed in a config directory snippet; the whole file is "
                        + "skipped, as upstream does", "use only [gssproxy] and [service/NAME] (lower case)");
                return;
            }
        }
        for (IniSection s : parsed) {
            Optional<IniSection> earlier = sections.stream().filter(e -> e.hasName(s.name())).findFirst();
            if (earlier.isPresent()) {
                problems.warn(s.location(), "section already defined at " + earlier.get().location()
                        + "; this definition is ignored (across files the first one wins, nothing is merged)",
                        "move these keys into the first definition, or rename the section");
            } else {
                sections.add(s);
            }
        }
        files.add(snippet);
    }

    private static Optional<String> readText(Path file, Problems problems, boolean required) {
        ConfigLocation where = ConfigLocation.ofFile(file);
        String hint = required ? "create it (a file with just '[gssproxy]' is enough) or pass -c FILE" : "";
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                report(problems, required, where, "larger than " + MAX_FILE_BYTES + " bytes", "");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            report(problems, required, where, "not valid UTF-8 text", "save the file as UTF-8");
        } catch (IOException e) {
            report(problems, required, where, "cannot read: " + FileErrors.reason(e), e instanceof AccessDeniedException
                    ? "run the daemon as root, or make the file readable by its user" : hint);
        }
        return Optional.empty();
    }

    private static void report(Problems problems, boolean fatal, ConfigLocation where, String msg, String hint) {
        if (fatal) {
            problems.error(where, msg, hint);
        } else {
            problems.warn(where, msg + "; file skipped", hint);
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
