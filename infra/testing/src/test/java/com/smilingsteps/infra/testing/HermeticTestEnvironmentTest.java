package com.smilingsteps.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Tests must pass with an operator's {@code .env} exported in the shell (issue 19, item 7). The
 * root pom keeps those variables out of every test JVM; this test keeps its list complete and
 * checks that it works: run it with {@code set -a; . ./.env.example; set +a} and none arrive here.
 */
class HermeticTestEnvironmentTest {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern ENV_EXAMPLE_LINE = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=");

    @Test
    void everyOperatorAndServiceVariableIsKeptFromTests() throws IOException {
        Path root = repositoryRoot();
        Set<String> needed = new TreeSet<>(matches(ENV_EXAMPLE_LINE, Files.readString(root.resolve(".env.example"))));
        try (Stream<Path> files = Files.walk(root, 6)) {
            for (Path file : files.filter(HermeticTestEnvironmentTest::isServiceConfig).toList()) {
                needed.addAll(matches(ENV_REFERENCE, Files.readString(file)));
            }
        }
        Set<String> excluded = excludedInRootPom(Files.readString(root.resolve("pom.xml")));
        needed.removeAll(excluded);
        assertEquals(Set.of(), needed, "add these to <hermetic.excluded-env> in the root pom.xml");
    }

    @Test
    void noneOfThemReachesThisJvm() throws IOException {
        Set<String> leaked = new TreeSet<>(excludedInRootPom(Files.readString(repositoryRoot().resolve("pom.xml"))));
        leaked.retainAll(System.getenv().keySet());
        assertTrue(leaked.isEmpty(), "reached a test JVM: " + leaked);
    }

    private static Set<String> excludedInRootPom(String pom) {
        Matcher list = Pattern.compile("<hermetic.excluded-env>([^<]*)</hermetic.excluded-env>").matcher(pom);
        assertTrue(list.find(), "root pom.xml has no <hermetic.excluded-env>");
        return Arrays.stream(list.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isServiceConfig(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.endsWith("src/main/resources/application.properties") && !path.contains("/node_modules/")
                && !path.contains("/target/");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static Path repositoryRoot() {
        return RepositoryRoot.find();
    }
}
