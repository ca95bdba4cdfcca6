package com.smilingsteps.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.smilingsteps.devstack.DevStack;
import com.smilingsteps.devstack.StackPorts;

/**
 * The whole system for end-to-end runs: a {@link DevStack} on free ports with coturn, plus what a
 * test needs to drive it (the REST client, the first admin). Every request of a run comes from
 * 127.0.0.1, so the per-IP limits meant for the internet (sign-in, video-call API, TURN minting)
 * are raised: the tests check calls, not the limiters (those have their own service tests).
 */
public final class E2eStack implements AutoCloseable {

    private final DevStack stack;
    private final Api api;

    private E2eStack(DevStack stack, Path spaTestBuild) {
        this.stack = stack;
        this.api = new Api(stack.gatewayUrl(), stack.ports().pop3());
        TestSpaBuild.register(stack.gatewayUrl(), spaTestBuild);
    }

    public static final List<String> SERVICES = List.of(
            "session-service", "signaling-service", "turn-credentials-service", "notification-service", "gateway");

    /**
     * Starts a fresh stack with its state under {@code dataDir} (emptied first). The services run
     * from a copy of their packaged apps taken now, so a rebuild of a module during the run
     * cannot pull a jar from under a running (or restarting) service. Browser contexts opened
     * through {@link Participant} get the SPA's test build (see {@link TestSpaBuild}).
     */
    public static E2eStack start(Path repoRoot, Path dataDir, Map<String, String> extraEnvironment) {
        deleteRecursively(dataDir);
        Path apps = snapshotApps(repoRoot, dataDir.resolve("apps"));
        Path spaTestBuild = dataDir.resolve("webui-e2e");
        copyRecursively(TestSpaBuild.locate(repoRoot), spaTestBuild);
        StackPorts free = StackPorts.free();
        // Every call allocates a few relay ports (pre-call TURN check, UDP and TCP, both peers): room for many calls.
        StackPorts ports = new StackPorts(free.gateway(), free.session(), free.signaling(), free.turnCredentials(),
                free.notification(), free.mongo(), free.kafka(), free.kafkaController(), free.smtp(), free.pop3(),
                free.imap(), free.turn(), free.relayMin(), free.relayMin() + 199);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_SIGN_IN_LIMIT", "100000");
        env.put("GATEWAY_REFRESH_LIMIT", "100000");
        env.put("GATEWAY_VIDEO_CALLS_LIMIT", "100000");
        env.put("TURN_RATE_LIMIT_REQUESTS", "100000");
        env.put("GATEWAY_CORS_ORIGINS", "http://localhost:" + ports.gateway());
        env.putAll(extraEnvironment);
        return new E2eStack(DevStack.start(new DevStack.Options(apps, dataDir.resolve("state"), ports, true, env)), spaTestBuild);
    }

    public DevStack devStack() {
        return stack;
    }

    /** The gateway as the browser sees it: {@code http://localhost:<port>} (a secure context for getUserMedia). */
    public String baseUrl() {
        return stack.gatewayUrl();
    }

    public Api api() {
        return api;
    }

    public Api.Account admin() {
        return api.login(stack.secrets().get("BOOTSTRAP_ADMIN_EMAIL"), stack.secrets().get("BOOTSTRAP_ADMIN_PASSWORD"));
    }

    /** The coturn port, to recognise relay candidates that go through it. */
    public int turnPort() {
        return stack.coturn().orElseThrow(() -> new IllegalStateException(
                "coturn is not running: apt-get install -y coturn (CI installs it)")).port();
    }

    @Override
    public void close() {
        TestSpaBuild.unregister(stack.gatewayUrl());
        stack.close();
    }

    private static Path snapshotApps(Path repoRoot, Path apps) {
        for (String service : SERVICES) {
            Path app = repoRoot.resolve(service).resolve("target/quarkus-app");
            if (!Files.exists(app.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(app.toAbsolutePath().normalize() + " is missing: build the services first "
                        + "(./mvnw -B -DskipTests install; ./mvnw verify packages them before it reaches infra/e2e)");
            }
            copyRecursively(app, apps.resolve(service).resolve("target/quarkus-app"));
        }
        return apps;
    }

    private static void copyRecursively(Path from, Path to) {
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " (is a build rewriting it right now?)", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
