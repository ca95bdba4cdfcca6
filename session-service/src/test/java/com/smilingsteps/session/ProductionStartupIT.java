package com.smilingsteps.session;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * The packaged application in the production profile refuses to start without its secrets and
 * without M-Pesa credentials: nothing falls back to a default or to simulated payments.
 */
class ProductionStartupIT {

    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void withoutTheSigningKeyAndSecretsTheServiceDoesNotStart() throws Exception {
        Result result = run(Map.of("MONGODB_URI", "mongodb://127.0.0.1:1", "JWT_VERIFY_KEYS", "http://127.0.0.1:1/jwks"));
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("JWT_SIGNING_KEY_FILE"), result.output());
        assertTrue(result.output().contains("PII_ENCRYPTION_KEY"), result.output());
        assertTrue(result.output().contains("MPESA_CALLBACK_SECRET"), result.output());
    }

    @Test
    void withSecretsButNoDarajaCredentialsProductionRefusesToSimulate() throws Exception {
        Path key = Files.createTempFile("prod-signing-", ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestJwt.keys().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            Result result = run(Map.of("MONGODB_URI", mongo.connectionString(),
                    "JWT_VERIFY_KEYS", "http://127.0.0.1:1/jwks",
                    "JWT_SIGNING_KEY_FILE", key.toString(),
                    "PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                    "MPESA_CALLBACK_SECRET", "a-callback-secret",
                    "APP_PUBLIC_URL", "https://video.example.test",
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"));
            assertNotEquals(0, result.exitCode());
            assertTrue(result.output().contains("M-Pesa Daraja credentials are missing"), result.output());
            assertTrue(!result.output().contains("SIMULATED"), result.output());
        } finally {
            Files.deleteIfExists(key);
        }
    }

    @Test
    void productionRefusesTheDarajaSandboxUnlessMpesaEnvironmentSaysSandbox() throws Exception {
        Path key = Files.createTempFile("prod-signing-", ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestJwt.keys().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("MONGODB_URI", mongo.connectionString(),
                    "JWT_VERIFY_KEYS", "http://127.0.0.1:1/jwks",
                    "JWT_SIGNING_KEY_FILE", key.toString(),
                    "PII_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                    "MPESA_CALLBACK_SECRET", "a-callback-secret",
                    "APP_PUBLIC_URL", "https://video.example.test",
                    "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                    "MPESA_BASE_URL", "https://sandbox.safaricom.co.ke"));
            env.putAll(Map.of("MPESA_CONSUMER_KEY", "key", "MPESA_CONSUMER_SECRET", "secret", "MPESA_SHORTCODE", "174379",
                    "MPESA_PASSKEY", "passkey"));
            Result result = run(env);
            assertNotEquals(0, result.exitCode());
            assertTrue(result.output().contains("MPESA_ENVIRONMENT=sandbox"), result.output());
        } finally {
            Files.deleteIfExists(key);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Map<String, String> env) throws IOException, InterruptedException {
        assertTrue(Files.exists(APP), "package the application first (mvn verify)");
        Path log = Files.createTempFile("prod-start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-jar", APP.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("JWT_") || name.startsWith("MPESA_")
                || name.startsWith("BOOTSTRAP_") || name.startsWith("QUARKUS_") || name.equals("PII_ENCRYPTION_KEY")
                || name.equals("APP_PUBLIC_URL") || name.equals("MONGODB_URI") || name.equals("KAFKA_BOOTSTRAP_SERVERS"));
        environment.putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                return new Result(0, "still running after 120 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
