package com.smilingsteps.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.smilingsteps.infra.embedded.FreePorts;

/** One service started from its packaged application (target/quarkus-app), as the container image runs it. */
final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    private final Process process;
    private final Path log;

    private PackagedService(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static Path jar(String service) {
        return Repo.file(service + "/target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the service in the production profile with only the given environment (plus its port;
     * {@code {port}} in a value stands for it, e.g. a service's own JWKS URL).
     */
    static PackagedService start(String service, Map<String, String> env) {
        Path jar = jar(service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw -B verify builds them before this module)");
        }
        int port = FreePorts.next();
        try {
            Path log = Files.createDirectories(Path.of("target", "packaged-services")).resolve(service + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("JWT_") || k.startsWith("KAFKA_"));
            env.forEach((k, v) -> builder.environment().put(k, v.replace("{port}", String.valueOf(port))));
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            return new PackagedService(service, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /q/health/live answers 200. */
    PackagedService awaitLive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (get("/q/health/live", null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become live in " + timeout + ":\n" + logTail());
    }

    HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/q/metrics", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " /q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    String logTail() {
        try {
            String text = Files.readString(log);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
