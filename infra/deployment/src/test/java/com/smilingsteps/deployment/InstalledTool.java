package com.smilingsteps.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line checker from a Debian package (promtool, amtool, docker-compose, turnserver):
 * tests that need one skip with the install command where it is missing, except in CI
 * ({@code CI=true}), where .ci/run installs it and a missing tool is a failure.
 */
final class InstalledTool {

    /** What a command printed (stdout and stderr) and how it exited. */
    record Result(int exit, String output) {
    }

    private InstalledTool() {
    }

    static void require(String command, String install) {
        boolean installed = onPath(command);
        String why = command + " is not installed (" + install + "; .ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, why);
        }
        Assumptions.assumeTrue(installed, why);
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), Map.of());
    }
}
