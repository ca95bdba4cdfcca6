package com.smilingsteps.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.smilingsteps.infra.embedded.FreePorts;

/**
 * TURN over TLS (turns:) as production runs it: infra/coturn/turnserver.conf started through
 * run-turnserver.sh with a self-signed certificate made by openssl. Only the listening address, the
 * ports (443 becomes a free high port: the test must not need root or a free 443) and the file
 * paths are swapped. turnutils_uclient allocates over TLS, old TLS versions are refused, and a
 * renewed certificate is served without a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TurnTlsTest {

    private static final String SECRET = "turn-tls-test-secret";

    private static Path work;
    private static Process turnserver;
    private static int tlsPort;

    @BeforeAll
    static void startCoturnWithTheProductionConfiguration() throws Exception {
        InstalledTool.require("turnserver", "apt-get install -y coturn");
        InstalledTool.require("openssl", "apt-get install -y openssl");
        work = Files.createTempDirectory("turn-tls-");
        makeCertificate("turn-one.test");
        String production = Repo.read(Repo.file("infra/coturn/turnserver.conf"));
        assertTrue(production.contains("\ntls-listening-port=443\n"), "production listens for turns: on 443");
        tlsPort = FreePorts.next();
        int relay = Math.min(FreePorts.next(), 65_000);
        String config = production
                .replace("listening-port=3478", "listening-port=" + FreePorts.next() + "\nlistening-ip=127.0.0.1")
                .replace("tls-listening-port=443", "tls-listening-port=" + tlsPort)
                .replace("min-port=49152", "min-port=" + relay)
                .replace("max-port=49999", "max-port=" + (relay + 20))
                .replace("cert=/etc/coturn/tls/fullchain.pem", "cert=" + work.resolve("fullchain.pem"))
                .replace("pkey=/etc/coturn/tls/privkey.pem", "pkey=" + work.resolve("privkey.pem"))
                .replace("pidfile=/var/tmp/turnserver.pid", "pidfile=" + work.resolve("pid"))
                .replace("userdb=/var/tmp/turnserver.db", "userdb=" + work.resolve("db"));
        Files.writeString(work.resolve("turnserver.conf"), config);
        ProcessBuilder builder = new ProcessBuilder("sh", Repo.file("infra/coturn/run-turnserver.sh").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("turnserver.log").toFile());
        builder.environment().putAll(Map.of("TURN_SECRET", SECRET, "TURN_CONFIG", work.resolve("turnserver.conf").toString(),
                "TURN_RUNTIME_DIR", work.resolve("run").toString(), "TURN_TLS_RELOAD_EVERY", "1"));
        turnserver = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!listening(tlsPort)) {
            assertTrue(turnserver.isAlive() && System.nanoTime() < deadline, "coturn did not listen: " + log());
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (turnserver != null) {
            turnserver.destroy();
            assertTrue(turnserver.waitFor(10, TimeUnit.SECONDS), "run-turnserver.sh passes SIGTERM on to coturn");
        }
    }

    @Test
    @Order(1)
    void mintedCredentialsAllocateOverTurnsAndForeignOnesDoNot() throws Exception {
        String allocated = allocateOverTls(SECRET);
        assertFalse(allocated.contains("Cannot complete Allocation"), allocated);
        // the allocation stands; relaying to the loopback peer is refused, as for any private address
        assertTrue(allocated.contains("403 (Forbidden IP)"), allocated);
        String foreign = allocateOverTls("not-the-secret");
        assertTrue(foreign.contains("Cannot complete Allocation"), foreign);
    }

    @Test
    @Order(2)
    void tlsBelow12IsRefused() throws Exception {
        for (String version : List.of("-tls1", "-tls1_1")) {
            InstalledTool.Result old = InstalledTool.run(List.of("sh", "-c",
                    "echo | openssl s_client " + version + " -connect 127.0.0.1:" + tlsPort), Map.of());
            assertNotEquals(0, old.exit(), version + " handshake must fail: " + old.output());
        }
        InstalledTool.Result current = InstalledTool.run(List.of("sh", "-c",
                "echo | openssl s_client -tls1_2 -connect 127.0.0.1:" + tlsPort), Map.of());
        assertEquals(0, current.exit(), current.output());
    }

    @Test
    @Order(3)
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        long pid = turnserverPid();
        BigInteger before = servedCertificate().getSerialNumber();
        makeCertificate("turn-two.test");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        X509Certificate served = servedCertificate();
        while (served.getSerialNumber().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            served = servedCertificate();
        }
        assertTrue(served.getSubjectX500Principal().getName().contains("turn-two.test"), "still serving " + served.getSubjectX500Principal());
        assertEquals(pid, turnserverPid(), "the same coturn process (reloaded, not restarted)");
        assertTrue(log().contains("Reloading TLS certificates"), log());
        String allocated = allocateOverTls(SECRET);
        assertFalse(allocated.contains("Cannot complete Allocation"), allocated);
    }

    private static String allocateOverTls(String secret) throws Exception {
        String username = (Instant.now().getEpochSecond() + 600) + ":tls-user";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        InstalledTool.Result result = InstalledTool.run(List.of("timeout", "40", "turnutils_uclient", "-S", "-t", "-y",
                "-n", "1", "-m", "1", "-c", "-u", username, "-w", password, "-p", String.valueOf(tlsPort), "127.0.0.1"), Map.of());
        assertNotEquals(124, result.exit(), "turnutils_uclient hung after the TLS handshake: " + result.output());
        return result.output();
    }

    private static void makeCertificate(String host) throws Exception {
        Path key = work.resolve("privkey.new");
        Path certificate = work.resolve("fullchain.new");
        InstalledTool.Result made = InstalledTool.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + host);
        assertEquals(0, made.exit(), made.output());
        // as certbot does: the new files replace the old ones whole
        Files.move(key, work.resolve("privkey.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(certificate, work.resolve("fullchain.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The certificate coturn presents (trusting anything: the test only reads it). */
    private static X509Certificate servedCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static long turnserverPid() throws Exception {
        return Long.parseLong(Files.readString(work.resolve("pid")).strip());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String log() {
        return Repo.read(work.resolve("turnserver.log"));
    }
}
