package com.smilingsteps.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * podman and docker-compose v1 on this machine, as the notes in infra/containers/README.md set them
 * up: the containers.conf of src/test/podman (runc, netavark, the file-limit defaults), podman's
 * Docker-compatible socket for docker-compose, and the health-check pump (no systemd here).
 */
final class Podman implements AutoCloseable {

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Result(int exit, String output) {
        Result orFail(String what) {
            if (exit != 0) {
                throw new IllegalStateException(what + " failed (exit " + exit + "):\n" + tail(output));
            }
            return this;
        }
    }

    static final Path PODMAN_DIR = Repo.root().resolve("infra/containers/src/test/podman");

    private final Path work;
    private final Map<String, String> environment = new HashMap<>();
    private Process socketService;
    private Process healthPump;

    private Podman(Path work) {
        this.work = work;
        environment.put("CONTAINERS_CONF", PODMAN_DIR.resolve("containers.conf").toString());
        environment.put("DOCKER_HOST", "unix://" + work.resolve("podman.sock"));
    }

    static boolean installed() {
        return onPath("podman") && onPath("docker-compose") && onPath("debootstrap");
    }

    /** Starts podman's Docker API socket and the health-check pump. */
    static Podman start(Path work) throws Exception {
        Podman podman = new Podman(work);
        podman.socketService = podman.process(List.of("podman", "system", "service", "--time=0",
                "unix://" + work.resolve("podman.sock")), work.resolve("podman-service.log"));
        podman.healthPump = podman.process(List.of("sh", PODMAN_DIR.resolve("health-pump.sh").toString()),
                work.resolve("health-pump.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(work.resolve("podman.sock"))) {
            if (System.nanoTime() > deadline || !podman.socketService.isAlive()) {
                throw new IllegalStateException("podman system service did not start: "
                        + Files.readString(work.resolve("podman-service.log")));
            }
            Thread.sleep(100);
        }
        return podman;
    }

    Map<String, String> environment() {
        return environment;
    }

    Result run(Duration timeout, List<String> command) {
        return run(timeout, command, Map.of());
    }

    Result run(Duration timeout, List<String> command, Map<String, String> extraEnvironment) {
        try {
            Path log = Files.createTempFile(work, "command-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().putAll(extraEnvironment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + ":\n" + tail(Files.readString(log)));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return run(Duration.ofMinutes(10), command);
    }

    /** A shell command inside a running container (as its own user). */
    Result exec(String container, String shellCommand) {
        return podman("exec", container, "sh", "-c", shellCommand);
    }

    private Process process(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : new Process[] {healthPump, socketService}) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }

    static String tail(String text) {
        return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
    }
}
