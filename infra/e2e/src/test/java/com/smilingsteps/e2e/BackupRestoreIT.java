package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.devstack.DevStack;
import com.smilingsteps.devstack.StackPorts;

/**
 * docs/operations.md §6 for the dev stack: its durable state is the MongoDB-wire server's H2 file
 * plus the stack's secrets (the PII key and the token signing key: a backup without them cannot
 * read phone numbers or keep sessions signed in). Backed up with the writers stopped, restored
 * into an empty data directory on other ports, the restored system serves the same sessions to
 * the same people.
 */
class BackupRestoreIT {

    @Test
    void aRestoredStackServesTheSameSessions() throws Exception {
        Path repoRoot = Path.of(System.getProperty("e2e.repoRoot", "../..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("e2e.dataDir", "target/stack")).toAbsolutePath().resolveSibling("backup-restore");
        deleteRecursively(work);
        Path backup = work.resolve("backup");
        Api.PaidSession paid;
        JsonNode before;
        Map<String, String> limits = Map.of("GATEWAY_SIGN_IN_LIMIT", "100000");
        try (E2eStack stack = E2eStack.start(repoRoot, work.resolve("original"), limits)) {
            paid = stack.api().paidSession(stack.admin(), "Backup");
            before = stack.api().session(paid.client(), paid.id());
            // the backup: writers stopped, then the files (the wire server flushes as each write lands)
            stack.devStack().stopService("session-service");
            stack.devStack().stopService("notification-service");
            Path state = work.resolve("original/state");
            copy(state.resolve("mongo"), backup.resolve("mongo"));
            for (String secret : List.of("secrets.properties", "jwt-signing-key.pem")) {
                Files.copy(state.resolve(secret), backup.resolve(secret));
            }
        }

        Path restored = work.resolve("restored");
        copy(backup, restored);
        StackPorts ports = StackPorts.free();
        try (DevStack stack = DevStack.start(new DevStack.Options(work.resolve("original/apps"), restored, ports, false, limits))) {
            Api api = new Api(stack.gatewayUrl(), ports.pop3());
            Api.Account client = api.login(paid.client().email(), paid.client().password());
            JsonNode after = api.session(client, paid.id());
            assertEquals("Confirmed", after.path("status").asText(), after.toString());
            for (String field : List.of("id", "status", "sessionDate", "price", "psychologistId")) {
                assertEquals(before.path(field), after.path(field), field + " after the restore");
            }
            Api.Account psychologist = api.login(paid.psychologist().email(), paid.psychologist().password());
            assertEquals(paid.id(), api.session(psychologist, paid.id()).path("id").asText(),
                    "the psychologist sees the session too");
            assertTrue(api.post("/api/video-calls/generate-room/" + paid.id(), client.token(), null).path("ticket").isTextual(),
                    "and can still be joined");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
