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
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.smilingsteps.infra.embedded.FreePorts;

/** One service started from its packaged application (target/quarkus-app), as the container image runs it. */
final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    int port;
    private final Map<String, String> env;
    private Process process;
    private Path log;
    private int launches;

    private PackagedService(String name, Map<String, String> env) {
        this.name = name;
        this.env = env;
    }

    static Path jar(String service) {
        return Repo.file(service + "/target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the service in the production profile with only the given environment (plus its port;
     * {@code {port}} in a value stands for it, e.g. a service's own JWKS URL).
     */
    static PackagedService start(String service, Map<String, String> env) {
        PackagedService started = new PackagedService(service, env);
        started.launch();
        return started;
    }

    private void launch() {
        Path jar = snapshot(name).resolve("quarkus-run.jar");
        port = FreePorts.next();
        launches++;
        try {
            log = Files.createDirectories(Path.of("target", "packaged-services")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("JWT_") || k.startsWith("KAFKA_"));
            env.forEach((k, v) -> builder.environment().put(k, v.replace("{port}", String.valueOf(port))));
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A hard-linked copy of the service's target/quarkus-app, so that a rebuild of the service while
     * this test runs cannot pull files from under the running application.
     */
    private static Path snapshot(String service) {
        Path app = jar(service).getParent();
        if (!Files.isRegularFile(jar(service))) {
            throw new IllegalStateException(jar(service) + " is missing: package the services first (./mvnw -B verify builds them before this module)");
        }
        Path copy = Path.of("target", "packaged-services", service + "-app").toAbsolutePath();
        try {
            if (Files.exists(copy)) {
                try (Stream<Path> old = Files.walk(copy)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(app)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(app.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        try {
                            Files.createLink(target, source);
                        } catch (IOException | UnsupportedOperationException noLink) {
                            Files.copy(source, target);
                        }
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /q/health/live answers 200. */
    PackagedService awaitLive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && launches < 3 && logTail().contains("seems to be in use")) {
                // another process on this busy machine took the free port first: try another one
                launch();
            } else if (!process.isAlive()) {
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
