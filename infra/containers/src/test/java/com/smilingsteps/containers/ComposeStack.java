package com.smilingsteps.containers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docker-compose.yml plus the stand-in override, run by docker-compose v1 over podman's socket under
 * one project name, with the test's .env file.
 */
final class ComposeStack {

    static final String PROJECT = "ssv-containers-it";

    /** One container of the project: its name, compose service and health. */
    record Container(String name, String service, String state, String health) {
    }

    private final Podman podman;
    private final Path envFile;

    ComposeStack(Podman podman, Path envFile) {
        this.podman = podman;
        this.envFile = envFile;
    }

    Podman.Result compose(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "--env-file", envFile.toString(),
                "-f", "docker-compose.yml", "-f", Podman.PODMAN_DIR.resolve("docker-compose.containers-it.yml").toString()));
        command.addAll(List.of(args));
        return podman.run(timeout, command);
    }

    /** Starts {@code services} (and what they depend on). */
    void up(List<String> services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-build"));
        args.addAll(services);
        compose(Duration.ofMinutes(10), args.toArray(String[]::new)).orFail("docker-compose up");
    }

    /**
     * Scales running services, touching nothing else: docker-compose v1 over podman's API sees the
     * running dependencies' images as changed and would recreate them (losing the stand-ins' state).
     */
    void scale(Map<String, Integer> scale) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-build", "--no-recreate", "--no-deps"));
        scale.forEach((service, n) -> args.addAll(List.of("--scale", service + "=" + n)));
        args.addAll(scale.keySet());
        compose(Duration.ofMinutes(10), args.toArray(String[]::new)).orFail("docker-compose up --scale");
    }

    void down() {
        compose(Duration.ofMinutes(5), "down", "-v", "--remove-orphans");
    }

    List<Container> containers() {
        String names = podman.podman("ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT)
                .orFail("podman ps").output().strip();
        List<Container> containers = new ArrayList<>();
        if (names.isEmpty()) {
            return containers;
        }
        List<String> args = new ArrayList<>(List.of("inspect", "--format",
                "{{.Name}}|{{index .Config.Labels \"com.docker.compose.service\"}}|{{.State.Status}}|{{.State.Health.Status}}"));
        args.addAll(List.of(names.split("\\s+")));
        for (String line : podman.podman(args.toArray(String[]::new)).orFail("podman inspect").output().strip().split("\n")) {
            String[] f = line.split("\\|", -1);
            containers.add(new Container(f[0].replaceFirst("^/", ""), f[1], f[2], f[3]));
        }
        return containers;
    }

    List<Container> running(String service) {
        return containers().stream().filter(c -> c.service().equals(service) && c.state().equals("running")).toList();
    }

    /**
     * Waits until every container reports healthy, failing at once with its log when one exited
     * (a service that cannot start); {@code stopped}: services the test stopped on purpose.
     */
    Map<String, String> awaitHealthy(Duration timeout, String... stopped) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> health = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            health.clear();
            List<Container> all = containers();
            for (Container c : all) {
                if (List.of(stopped).contains(c.service())) {
                    continue;
                }
                if (c.state().equals("exited")) {
                    throw new AssertionError(c.name() + " exited:\n" + logs(c.name()));
                }
                health.put(c.name(), c.state().equals("running") ? c.health() : c.state());
            }
            if (!health.isEmpty() && health.values().stream().allMatch("healthy"::equals)) {
                return health;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("not every container became healthy within " + timeout + ": " + health + "\n"
                + compose(Duration.ofMinutes(1), "ps").output());
    }

    String logs(String container) {
        return Podman.tail(podman.podman("logs", "--tail", "80", container).output());
    }
}
