package com.smilingsteps.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private E2eStack(DevStack stack) {
        this.stack = stack;
        this.api = new Api(stack.gatewayUrl());
    }

    /** Starts a fresh stack with its state under {@code dataDir} (emptied first). */
    public static E2eStack start(Path repoRoot, Path dataDir, Map<String, String> extraEnvironment) {
        if (!Files.exists(repoRoot.resolve("gateway/target/quarkus-app/quarkus-run.jar"))) {
            throw new IllegalStateException("the services are not packaged under " + repoRoot.toAbsolutePath().normalize()
                    + ": run ./mvnw -B -DskipTests install first (./mvnw verify packages them before infra/e2e)");
        }
        deleteRecursively(dataDir);
        StackPorts free = StackPorts.free();
        // Every call allocates a few relay ports (pre-call TURN check, UDP and TCP, both peers): room for many calls.
        StackPorts ports = new StackPorts(free.gateway(), free.session(), free.signaling(), free.turnCredentials(),
                free.notification(), free.mongo(), free.kafka(), free.kafkaController(), free.smtp(), free.pop3(),
                free.imap(), free.turn(), free.relayMin(), free.relayMin() + 199);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_SIGN_IN_LIMIT", "100000");
        env.put("GATEWAY_VIDEO_CALLS_LIMIT", "100000");
        env.put("TURN_RATE_LIMIT_REQUESTS", "100000");
        env.put("GATEWAY_CORS_ORIGINS", "http://localhost:" + ports.gateway());
        env.putAll(extraEnvironment);
        return new E2eStack(DevStack.start(new DevStack.Options(repoRoot, dataDir, ports, true, env)));
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
        stack.close();
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
