package com.smilingsteps.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.FreePorts;

/**
 * The packaged application as the dev stack runs it (QUARKUS_PROFILE=devstack): it verifies its
 * own tokens through its own JWKS URL, and creates the bootstrap admin from the environment.
 */
class DevStackStartupIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bootsWithTheDevStackEnvironmentAndVerifiesTokensThroughItsOwnJwks() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path key = Files.createTempFile("devstack-signing-", ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        int port = FreePorts.next();
        String base = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("devstack-start-", ".log");
        Process process = null;
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("QUARKUS_PROFILE", "devstack",
                    "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "MONGODB_URI", mongo.connectionString(),
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePorts.next(),
                    "JWT_VERIFY_KEYS", base + "/api/auth/jwks",
                    "JWT_SIGNING_KEY_FILE", key.toString(),
                    "PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                    "MPESA_CALLBACK_SECRET", "dev-callback-secret",
                    "APP_PUBLIC_URL", "http://localhost:8080"));
            builder.environment().putAll(Map.of("BOOTSTRAP_ADMIN_EMAIL", "admin@devstack.test",
                    "BOOTSTRAP_ADMIN_PASSWORD", "devstack-admin-1"));
            builder.environment().keySet().removeIf(name -> name.startsWith("MPESA_CONSUMER"));
            process = builder.start();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> login = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && process.isAlive()) {
                try {
                    login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"admin@devstack.test\",\"password\":\"devstack-admin-1\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(500);
                }
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(login != null, "the service did not come up:\n" + output);
            assertEquals(200, login.statusCode(), login.body());
            JsonNode body = JSON.readTree(login.body());
            assertEquals("admin", body.path("user").path("role").asText());

            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users/me"))
                    .header("Authorization", "Bearer " + body.path("token").asText()).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body() + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            assertEquals("admin@devstack.test", JSON.readTree(me.body()).path("email").asText());
            String logged = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(!logged.contains("devstack-admin-1"), "no secret in the log");
            // Its own keys are fetched once it listens: a fetch before that failed, and tokens were
            // refused until the retry a second later (the first /me after a quick login got 401).
            assertTrue(!logged.contains("verification keys not fetched"), logged);
        } finally {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
            Files.deleteIfExists(key);
            Files.deleteIfExists(log);
        }
    }
}
