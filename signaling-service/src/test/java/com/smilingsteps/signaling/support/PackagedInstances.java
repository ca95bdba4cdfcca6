package com.smilingsteps.signaling.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.smilingsteps.infra.testing.TestJwt;

/** Instances of the packaged service (separate JVMs) on the shared embedded Kafka, killed at the end. */
public final class PackagedInstances implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Process> started = new ArrayList<>();

    public Process start(String name, int port, String kafka) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), "package the app first");
        Path log = Path.of("target/instance-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        builder.environment().put("JWT_VERIFY_KEYS", TestJwt.jwksFile().toUri().toString());
        builder.environment().put("SIGNALING_INSTANCE_ID", name);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    public static void awaitReady(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "instance on port " + port + " exited; see target/instance-*.log");
            try {
                if (get(port, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance on port " + port + " not ready within 60 s");
    }

    /** The value of an untagged gauge in the instance's Prometheus metrics, if it has one. */
    public static OptionalDouble gauge(int port, String name) throws Exception {
        for (String line : get(port, "/q/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** Waits up to {@code within} for the gauge to read {@code value}. */
    public static void awaitGauge(int port, String name, double value, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        OptionalDouble seen = gauge(port, name);
        while (seen.isEmpty() || seen.getAsDouble() != value) {
            assertTrue(System.nanoTime() < deadline, name + " of the instance on port " + port + " is " + seen
                    + ", not " + value + " within " + within);
            Thread.sleep(100);
            seen = gauge(port, name);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
