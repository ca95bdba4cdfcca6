package com.smilingsteps.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.Coturn;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.turn.credentials.TurnClient;
import com.smilingsteps.turn.credentials.TurnRestCredentials;
import com.smilingsteps.turn.health.StunBindingClient;

/**
 * The production coturn configuration ({@code infra/coturn/turnserver.conf}, started through
 * {@code run-turnserver.sh}) on loopback, with only ports, certificate paths and the listening
 * address changed for the test: minted credentials (current and previous secret) allocate, but
 * relaying to a loopback peer is refused, as it must be for any private address.
 */
class ProductionCoturnConfigTest {

    private static final String CURRENT = "production-current";
    private static final String PREVIOUS = "production-previous";

    private static Process turnserver;
    private static Path runtime;
    private static int port;

    @BeforeAll
    static void startProductionConfig() throws Exception {
        if (!Coturn.isInstalled()) {
            throw new IllegalStateException("turnserver is not installed: apt-get install -y coturn (CI installs it)");
        }
        Path coturnDir = repositoryFile("infra/coturn");
        Path work = Files.createTempDirectory("coturn-prod-");
        runtime = work.resolve("run");
        Path certificate = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                certificate.toString(), "-days", "1", "-subj", "/CN=localhost");
        port = FreePorts.next();
        int relay = Math.min(FreePorts.next(), 65_000);
        String config = Files.readString(coturnDir.resolve("turnserver.conf"))
                .replace("listening-port=3478", "listening-port=" + port + "\nlistening-ip=127.0.0.1")
                .replace("tls-listening-port=443", "tls-listening-port=" + FreePorts.next())
                .replace("min-port=49152", "min-port=" + relay)
                .replace("max-port=49999", "max-port=" + (relay + 20))
                .replace("cert=/etc/coturn/tls/fullchain.pem", "cert=" + certificate)
                .replace("pkey=/etc/coturn/tls/privkey.pem", "pkey=" + key)
                .replace("pidfile=/var/tmp/turnserver.pid", "pidfile=" + work.resolve("pid"))
                .replace("userdb=/var/tmp/turnserver.db", "userdb=" + work.resolve("db"));
        Path testConfig = work.resolve("turnserver.conf");
        Files.writeString(testConfig, config);
        ProcessBuilder builder = new ProcessBuilder("sh", coturnDir.resolve("run-turnserver.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("turnserver.log").toFile());
        builder.environment().put("TURN_SECRET", CURRENT);
        builder.environment().put("TURN_PREVIOUS_SECRET", PREVIOUS);
        builder.environment().put("TURN_CONFIG", testConfig.toString());
        builder.environment().put("TURN_RUNTIME_DIR", runtime.toString());
        turnserver = builder.start();
        awaitListening(port, work.resolve("turnserver.log"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (turnserver != null) {
            turnserver.destroy();
            if (!turnserver.waitFor(5, TimeUnit.SECONDS)) {
                turnserver.destroyForcibly();
            }
        }
    }

    @Test
    void credentialsFromBothSecretsAllocateButLoopbackPeersAreForbidden() {
        for (String secret : new String[] { CURRENT, PREVIOUS }) {
            TurnRestCredentials.Credential credential = new TurnRestCredentials(secret, Duration.ofHours(2))
                    .mint("prod-user", Instant.now());
            TurnClient.Outcome outcome = TurnClient.allocate(credential.username(), credential.password(), port,
                    TurnClient.Transport.UDP);
            assertFalse(outcome.output().contains("Cannot complete Allocation"), outcome.output());
            assertTrue(outcome.output().contains("403 (Forbidden IP)"), outcome.output());
        }
    }

    @Test
    void aForeignSecretIsRefused() {
        TurnRestCredentials.Credential credential = new TurnRestCredentials("not-configured", Duration.ofHours(2))
                .mint("prod-user", Instant.now());
        TurnClient.Outcome outcome = TurnClient.allocate(credential.username(), credential.password(), port,
                TurnClient.Transport.UDP);
        assertEquals(255, outcome.exitCode());
        assertTrue(outcome.output().contains("Cannot complete Allocation"), outcome.output());
    }

    @Test
    void answersTheHealthProbesStunBinding() throws Exception {
        assertTrue(StunBindingClient.bind(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2))
                .mappedAddress().getAddress().isLoopbackAddress());
    }

    @Test
    void theRenderedConfigurationWithTheSecretsIsPrivate() throws IOException {
        Path rendered = runtime.resolve("turnserver.conf");
        assertTrue(Files.readString(rendered).contains("static-auth-secret=" + PREVIOUS));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(rendered));
    }

    private static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve(relative);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static void awaitListening(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!turnserver.isAlive()) {
                throw new IllegalStateException("turnserver exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("turnserver did not listen: " + Files.readString(log));
    }
}
