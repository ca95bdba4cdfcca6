package com.smilingsteps.infra.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs Debian's coturn ({@code turnserver}) with a generated loopback configuration using the
 * TURN REST API shared-secret scheme. Loopback peers are allowed here only: this variant is for
 * the dev stack and tests, never for production (see {@code infra/coturn/turnserver.conf}).
 */
public final class Coturn implements AutoCloseable {

    /** What to start: secrets first-is-current, the rest still accepted (rotation). */
    public record Settings(int port, List<String> secrets, String realm, int minRelayPort, int maxRelayPort,
            Optional<TlsFiles> tls) {
    }

    public record TlsFiles(int port, Path certificate, Path privateKey) {
    }

    private final Settings settings;
    private final Process process;
    private final Path workDir;

    private Coturn(Settings settings, Process process, Path workDir) {
        this.settings = settings;
        this.process = process;
        this.workDir = workDir;
    }

    /** The {@code turnserver} binary on the PATH (Debian installs it in /usr/bin), if coturn is installed. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "turnserver");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static boolean isInstalled() {
        return binary().isPresent();
    }

    public static Coturn start(Settings settings) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "turnserver is not installed (apt-get install -y coturn)"));
        try {
            Path workDir = Files.createTempDirectory("coturn-");
            Path config = workDir.resolve("turnserver.conf");
            Files.writeString(config, configuration(settings, workDir));
            Process process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("turnserver.log").toFile())
                    .start();
            Coturn coturn = new Coturn(settings, process, workDir);
            coturn.awaitListening(Duration.ofSeconds(15));
            return coturn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start coturn", e);
        }
    }

    /** The loopback configuration: coturn's hardening options, but loopback peers allowed. */
    public static String configuration(Settings settings, Path workDir) {
        List<String> lines = new ArrayList<>(List.of(
                "listening-ip=127.0.0.1",
                "relay-ip=127.0.0.1",
                "listening-port=" + settings.port(),
                "min-port=" + settings.minRelayPort(),
                "max-port=" + settings.maxRelayPort(),
                "realm=" + settings.realm(),
                "use-auth-secret",
                "fingerprint",
                "no-dtls",
                "no-cli",
                "no-multicast-peers",
                "allow-loopback-peers",
                "no-software-attribute",
                "log-file=stdout",
                "simple-log",
                "pidfile=" + workDir.resolve("turnserver.pid"),
                "userdb=" + workDir.resolve("turnserver.db")));
        for (String secret : settings.secrets()) {
            lines.add("static-auth-secret=" + secret);
        }
        if (settings.tls().isPresent()) {
            TlsFiles tls = settings.tls().get();
            lines.add("tls-listening-port=" + tls.port());
            lines.add("cert=" + tls.certificate().toAbsolutePath());
            lines.add("pkey=" + tls.privateKey().toAbsolutePath());
        } else {
            lines.add("no-tls");
        }
        return String.join("\n", lines) + "\n";
    }

    public Settings settings() {
        return settings;
    }

    public int port() {
        return settings.port();
    }

    public Path log() {
        return workDir.resolve("turnserver.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("turnserver exited with " + process.exitValue() + "; log: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", settings.port()), 200);
                return;
            } catch (IOException notYet) {
                Processes.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("turnserver did not listen on " + settings.port() + "; log: " + log());
    }

    @Override
    public void close() {
        Processes.stop(process, 5);
    }
}
