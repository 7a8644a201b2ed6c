package io.innoleap.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands alone: every relative link in every Markdown file resolves to a file or
 * folder inside the repository, and no document or source names a path on a particular machine.
 */
class RepositoryDocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();
    /** Markdown links and images: [text](target) or ![alt](target). */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static List<Path> files(String... suffixes) throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !ROOT.relativize(p).toString().contains("target/"))
                    .filter(p -> !ROOT.relativize(p).startsWith(".git") && !ROOT.relativize(p).startsWith(".local-stack")
                            && !ROOT.relativize(p).startsWith(".mvn"))
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.toString().endsWith(s)))
                    .toList();
        }
    }

    @Test
    void everyRelativeLinkInTheDocsResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path md : files(".md")) {
            Matcher m = LINK.matcher(Files.readString(md, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // http(s), mailto: and in-page anchors
                }
                String file = target.replaceAll("#.*$", "");
                Path resolved = md.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(ROOT.relativize(md) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links that leave the repository or lead nowhere").isEmpty();
    }

    @Test
    void noFileNamesAPathOfOneMachineOrNotesOutsideTheRepository() throws IOException {
        List<String> offending = new ArrayList<>();
        for (Path f : files(".md", ".java", ".xml", ".yml", ".yaml", ".properties", ".json", ".sh")) {
            if (f.equals(ROOT.resolve("services/local-stack/src/test/java/io/innoleap/localstack/RepositoryDocsTest.java"))) {
                continue;
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            for (String forbidden : List.of("/work/", "../shared", "BUILD-NOTES")) {
                if (text.contains(forbidden)) {
                    offending.add(ROOT.relativize(f) + " names " + forbidden);
                }
            }
        }
        assertThat(offending).isEmpty();
    }
}
