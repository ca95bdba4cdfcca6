package com.smilingsteps.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.smilingsteps.infra.embedded.Coturn;
import com.smilingsteps.infra.embedded.FreePorts;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real coturn on loopback holding the current and the previous secret (a rotation in progress),
 * with a TLS listener on a self-signed certificate made by openssl, and the service pointed at it.
 * Fails the test run when coturn is not installed: CI installs it, so a skip would hide a gap.
 * Tests read the ports and secrets back from the service's config ({@code turn.*}).
 */
public class CoturnResource implements QuarkusTestResourceLifecycleManager {

    public static final String CURRENT_SECRET = "current-test-secret";
    public static final String PREVIOUS_SECRET = "previous-test-secret";
    public static final String REALM = "turn.smilingsteps.test";

    private static Coturn coturn;

    @Override
    public synchronized Map<String, String> start() {
        if (coturn == null || !coturn.isAlive()) {
            coturn = startCoturn();
        }
        int port = coturn.port();
        int tlsPort = coturn.settings().tls().orElseThrow().port();
        return Map.of(
                "turn.secret", CURRENT_SECRET,
                "turn.previous-secret", PREVIOUS_SECRET,
                "turn.urls", String.join(",", urls(port, tlsPort)));
    }

    public static List<String> urls(int port, int tlsPort) {
        return List.of("turn:127.0.0.1:" + port + "?transport=udp", "turn:127.0.0.1:" + port + "?transport=tcp",
                "turns:127.0.0.1:" + tlsPort + "?transport=tcp");
    }

    private static Coturn startCoturn() {
        if (!Coturn.isInstalled()) {
            throw new IllegalStateException("turnserver is not installed: apt-get install -y coturn (CI installs it)");
        }
        try {
            Path dir = Files.createTempDirectory("turn-tls-");
            Path certificate = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key.toString(), "-out", certificate.toString(), "-days", "1", "-subj", "/CN=localhost")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile())
                    .start();
            if (openssl.waitFor() != 0) {
                throw new IllegalStateException("openssl could not make a test certificate: " + dir.resolve("openssl.log"));
            }
            int relayBase = Math.min(FreePorts.next(), 65_000);
            Coturn started = Coturn.start(new Coturn.Settings(FreePorts.next(), List.of(CURRENT_SECRET, PREVIOUS_SECRET),
                    REALM, relayBase, relayBase + 30,
                    Optional.of(new Coturn.TlsFiles(FreePorts.next(), certificate, key))));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "coturn-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // one coturn per test JVM, stopped by the shutdown hook
    }
}
