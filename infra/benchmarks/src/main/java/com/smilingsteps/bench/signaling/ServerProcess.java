package com.smilingsteps.bench.signaling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.smilingsteps.bench.memory.MemoryCgroup;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.TestJwt;

/** A packaged service (signaling-service, the gateway) as a child process, with its CPU time and RSS read from /proc. */
public final class ServerProcess implements AutoCloseable {

    /** Linux clock ticks per second (getconf CLK_TCK), 100 on every kernel we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private final Process process;
    public final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path jar, int port, List<String> jvmArgs, Map<String, String> env, Path log,
            String healthPath)
            throws IOException, InterruptedException {
        return start(jar, port, jvmArgs, env, log, healthPath, null);
    }

    /** ... inside {@code memory} (a deployment's memory limit), or unconfined when it is null. */
    public static ServerProcess start(Path jar, int port, List<String> jvmArgs, Map<String, String> env, Path log,
            String healthPath, MemoryCgroup memory)
            throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -B -DskipTests package -pl <its module>");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(memory == null ? command : memory.wrap(command))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitReady(log, healthPath);
        return server;
    }

    public long pid() {
        return process.pid();
    }

    /** utime + stime of the process in microseconds. */
    public long cpuMicros() {
        return cpuMicros(pid());
    }

    public static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state is [0], utime is field 14 of the line → [11], stime → [12]
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size in MiB. */
    public double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Double.NaN;
    }

    long openFiles() {
        try (var files = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private void awaitReady(Path log, String healthPath) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + healthPath)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("process not ready within 90 s; see " + log);
    }

    /**
     * For signaling-service: waits up to {@code max} for its membership to turn local (a lone instance
     * does so about 7 s after start, gauge {@code signaling_membership_local}) and says which mode it
     * is in, so a figure is never taken on the start-up path by mistake. Jars without the gauge say so.
     */
    public String awaitLocalMembership(Duration max) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + max.toNanos();
        String mode = "unknown";
        while (System.nanoTime() < deadline) {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                if (!metrics.contains("signaling_membership_local")) {
                    return "relay (this build has no local mode)";
                }
                if (metrics.contains("signaling_membership_local 1.0")) {
                    return "local";
                }
                mode = "relay";
            } catch (IOException e) {
                mode = "unknown (" + e.getMessage() + ")";
            }
            Thread.sleep(250);
        }
        return mode + " (still, after " + max.toSeconds() + " s)";
    }

    /** Stops the process and waits for it: the next run must not share the machine with it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A module's packaged {@code quarkus-run.jar}, looked for from here up to the repository root. */
    public static Path packagedJar(String module) {
        String relative = module + "/target/quarkus-app/quarkus-run.jar";
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(relative + " not found: ./mvnw -B -DskipTests package -pl " + module + " -am");
    }

    /** The packaged gateway in front of one upstream ({@link #gatewayInFrontOf}), on a free port, logging to a temporary file. */
    public static ServerProcess startGateway(int upstreamPort, List<String> jvm) throws IOException, InterruptedException {
        return startGateway(upstreamPort, jvm, TestJwt.jwksFile().toUri().toString());
    }

    /** ... with its verification keys at {@code jwksLocation} (a file URI, or an http URL as deployed). */
    public static ServerProcess startGateway(int upstreamPort, List<String> jvm, String jwksLocation)
            throws IOException, InterruptedException {
        Path jar = packagedJar("gateway");
        Path log = Files.createTempFile("bench-gateway-", ".log");
        System.out.printf("gateway %s, log %s, keys %s%n", jar, log, jwksLocation);
        Map<String, String> env = new HashMap<>(gatewayInFrontOf(upstreamPort));
        env.put("JWT_VERIFY_KEYS", jwksLocation);
        return start(jar, FreePorts.next(), jvm, env, log, "/q/health/live");
    }

    /** The environment of a gateway whose every upstream is the signaling instance on {@code signalingPort}. */
    public static Map<String, String> gatewayInFrontOf(int signalingPort) {
        String signaling = "http://127.0.0.1:" + signalingPort;
        return Map.of("JWT_VERIFY_KEYS", TestJwt.jwksFile().toUri().toString(),
                "SIGNALING_SERVICE_URL", signaling, "SESSION_SERVICE_URL", signaling,
                "TURN_SERVICE_URL", signaling, "NOTIFICATION_SERVICE_URL", signaling,
                "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false",
                // the benchmarks measure cost per message, not the per-socket frame rate's pacing
                "GATEWAY_WEBSOCKET_FRAMES_PER_SECOND", "1000000", "GATEWAY_WEBSOCKET_FRAMES_BURST", "1000000");
    }
}
