package com.smilingsteps.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.FreePorts;

/**
 * What operators run, run: the five images built from their own Dockerfiles, docker-compose.yml
 * (with the stand-in override) brought up under podman until every container is healthy by its own
 * check, a booking paid and joined through the gateway container, signaling and notification scaled
 * to two, a signaling container stopped under a connected client, and an alert mailed when coturn
 * stops. Prints the time to healthy and the image sizes. Opt-in: skipped where podman is missing,
 * required in CI ({@code CI=true}; .ci/run installs podman).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerStackIT {

    private static final String TAG = "containers-it";
    private static final String STAND_INS = "localhost/smilingsteps-stand-ins:" + TAG;
    private static final String ADMIN_EMAIL = "admin@smilingsteps.test";
    private static final String ADMIN_PASSWORD = "Admin-pass-" + UUID.randomUUID();
    private static final String ONCALL = "oncall@smilingsteps.test";
    /** Host ports docker-compose.yml publishes at fixed numbers (127.0.0.1 only). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Integer> FIXED_PORTS = Map.of("prometheus", 9090, "alertmanager", 9093, "mailpit", 8025);

    private static Path work;
    private static Podman podman;
    private static ComposeStack stack;
    private static DarajaStandIn daraja;
    private static String gatewayUrl;
    private static Api api;
    private static long coturnStoppedAt;

    @BeforeAll
    static void buildImages() throws Exception {
        String why = "podman, docker-compose or debootstrap is not installed (infra/containers/README.md; .ci/run installs them)";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Podman.installed(), why);
        }
        Assumptions.assumeTrue(Podman.installed(), why);
        FIXED_PORTS.forEach((service, port) -> assertTrue(FreePorts.isFree(port),
                "port " + port + " (" + service + " in docker-compose.yml) is taken on this machine"));
        work = Files.createTempDirectory("containers-it-");
        podman = Podman.start(work);

        long start = System.nanoTime();
        podman.run(Duration.ofMinutes(15), List.of("bash", Podman.PODMAN_DIR.resolve("prepare.sh").toString()))
                .orFail("prepare.sh (base images)");
        System.out.printf("[containers] base images ready in %d s%n", seconds(start));

        start = System.nanoTime();
        Path context = Path.of(System.getProperty("stand-ins.dir"));
        Files.copy(Path.of(System.getProperty("stand-ins.jar")), context.resolve("lib/infra-containers.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String script : List.of("kafka-stand-in.sh", "mailpit-readyz.sh")) {
            Files.copy(Podman.PODMAN_DIR.resolve(script), context.resolve(script), StandardCopyOption.REPLACE_EXISTING);
        }
        podman.podman("build", "-q", "-t", STAND_INS, "-f", Podman.PODMAN_DIR.resolve("Containerfile.stand-ins").toString(),
                context.toString()).orFail("stand-in image");
        System.out.printf("[containers] stand-in image (Kafka, MongoDB-wire, GreenMail, coturn, prometheus, alertmanager) in %d s%n",
                seconds(start));

        for (String service : Repo.SERVICES) {
            start = System.nanoTime();
            // the service's own Dockerfile; only its pinned base is swapped for the local stand-in
            podman.podman("build", "-q", "--build-arg", "BASE_IMAGE=localhost/openjdk-17-runtime:bookworm",
                    "-t", image(service), "-f", service + "/src/main/docker/Dockerfile.jvm", service)
                    .orFail("image of " + service);
            System.out.printf("[containers] %-26s built in %3d s, %s%n", service, seconds(start), size(image(service)));
        }
        System.out.printf("[containers] %-26s %s (base image of the five: %s)%n", "stand-ins", size(STAND_INS),
                size("localhost/openjdk-17-runtime:bookworm"));
        StackEnvironment environment = StackEnvironment.write(podman, work, TAG, ADMIN_EMAIL, ADMIN_PASSWORD, ONCALL);
        gatewayUrl = environment.gatewayUrl();
        api = new Api(gatewayUrl, Mailpit::linkIn);
        daraja = environment.daraja();
        stack = new ComposeStack(podman, environment.envFile());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (stack != null) {
            stack.down();
        }
        if (daraja != null) {
            daraja.close();
        }
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    @Order(1)
    void imagesRunAsNonRootFromAPinnedBaseAndCarryNoSecrets() throws Exception {
        Pattern secret = Pattern.compile("(?i)(SECRET|PASSWORD|PASSKEY|_KEY|TOKEN)=[^ \"]+|PRIVATE KEY");
        for (String service : Repo.SERVICES) {
            String dockerfile = Files.readString(Repo.root().resolve(service + "/src/main/docker/Dockerfile.jvm"));
            assertTrue(Pattern.compile("(?m)^ARG BASE_IMAGE=\\S+@sha256:[0-9a-f]{64}$").matcher(dockerfile).find(),
                    service + ": the base image is pinned by digest");
            assertEquals("185", podman.podman("image", "inspect", "--format", "{{.Config.User}}", image(service))
                    .orFail("inspect").output().strip(), service + " runs as uid 185");
            String history = podman.podman("history", "--no-trunc", "--format", "{{.CreatedBy}}", image(service))
                    .orFail("history").output();
            Matcher m = secret.matcher(history);
            assertFalse(m.find(), service + ": a layer carries " + (m.hitEnd() ? "" : m.group()));
            String env = podman.podman("image", "inspect", "--format", "{{json .Config.Env}}", image(service)).output();
            assertFalse(secret.matcher(env).find(), service + ": image environment " + env);
        }
    }

    @Test
    @Order(2)
    void theComposeStackComesUpHealthyByItsOwnHealthChecks() throws Exception {
        long start = System.nanoTime();
        stack.down(); // what a crashed earlier run may have left
        stack.up(upServices());
        Map<String, String> health = stack.awaitHealthy(Duration.ofMinutes(8));
        System.out.printf("[containers] %d containers healthy %d s after docker-compose up%n", health.size(), seconds(start));
        for (String service : Repo.SERVICES) {
            for (ComposeStack.Container c : stack.running(service)) {
                assertEquals("true", podman.podman("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", c.name())
                        .output().strip(), c.name() + ": read-only root file system");
                assertEquals("185", podman.exec(c.name(), "id -u").output().strip(), c.name() + " runs as uid 185");
                // from the image's copy: /tmp is noexec (docker-compose.yml), so one unpacked there could not map
                assertEquals(0, podman.exec(c.name(),
                        "grep -qs /deployments/native/libnetty_transport_native_epoll /proc/[0-9]*/maps").exit(),
                        c.name() + ": Netty's epoll library is loaded from /deployments/native (the service kit's"
                                + " socket transport)\n" + stack.logs(c.name()));
                // the Dockerfiles' collector and heap share reached the JVM through run-java.sh (the last
                // -XX:MaxRAMPercentage wins over run-java.sh's own 80)
                String jvm = podman.exec(c.name(), "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done"
                        + " | grep -- '-jar'").output();
                assertTrue(jvm.contains("-XX:+UseSerialGC") && !jvm.contains("-XX:+UseParallelGC")
                        && jvm.contains("-XX:MaxRAMPercentage=50 -XX:InitialRAMPercentage=50"), c.name() + " runs " + jvm);
                // and the JVM really runs it: the serial collector's old generation is "Tenured Gen"
                // (the parallel one's "PS Old Gen")
                assertTrue(scrape(c.name(), Repo.port(service)).lines()
                        .anyMatch(l -> l.startsWith("jvm_memory_max_bytes{") && l.contains("id=\"Tenured Gen\"")),
                        c.name() + ": the serial collector's old generation in /q/metrics");
            }
        }
    }

    /**
     * podman 4.3 once reported healthy for checks that never ran: each container's own health command
     * must pass in it now, and the services' must fail against a port nothing listens on.
     */
    @Test
    @Order(3)
    void everyHealthCommandPassesInItsContainerAndCanFail() throws Exception {
        for (ComposeStack.Container c : stack.containers()) {
            JsonNode test = JSON.readTree(podman.podman("inspect", "--format", "{{json .Config.Healthcheck.Test}}", c.name())
                    .orFail("inspect").output());
            assertEquals("CMD-SHELL", test.get(0).asText(), c.name() + ": " + test);
            String command = test.get(1).asText();
            Podman.Result passing = podman.exec(c.name(), command);
            assertEquals(0, passing.exit(), c.name() + ": `" + command + "` fails: " + passing.output());
            if (Repo.SERVICES.contains(c.service())) {
                String wrongPort = command.replace("/" + Repo.port(c.service()), "/1");
                assertNotEquals(command, wrongPort);
                assertNotEquals(0, podman.exec(c.name(), wrongPort).exit(), c.name() + ": the check cannot fail: " + wrongPort);
            }
        }
    }

    @Test
    @Order(4)
    void aClientRegistersBooksPaysAndJoinsThroughTheGatewayContainer() throws Exception {
        Api.Account admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.PaidSession paid = api.paidSession(admin, "Containers");
        JsonNode room = api.post("/api/video-calls/generate-room/" + paid.id(), paid.psychologist().token(), null);
        assertFalse(room.path("ticket").asText().isEmpty(), room.toString());
        try (GatewaySocket psychologist = GatewaySocket.open(gatewayUrl, paid.psychologist().token())) {
            psychologist.send("{\"type\":\"join-room\",\"ticket\":\"" + room.path("ticket").asText() + "\"}");
            psychologist.await("existing-participants");
        }
        // the booking confirmation reached the mail server (to both parties)
        Mailpit.await(m -> m.path("to").toString().contains(paid.client().email())
                && m.path("subject").asText().equals("Your session is confirmed"), Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void scaledOutTheGatewaySpreadsSocketsAndAReminderGoesOnce() throws Exception {
        // coturn stops now; the alert it causes is read at the end (it must fire for 2 minutes first)
        stack.compose(Duration.ofMinutes(2), "stop", "coturn").orFail("stop coturn");
        coturnStoppedAt = System.nanoTime();

        stack.scale(Map.of("signaling-service", 2, "notification-service", 2));
        stack.awaitHealthy(Duration.ofMinutes(4), "coturn");
        List<ComposeStack.Container> signaling = stack.running("signaling-service");
        assertEquals(2, signaling.size(), signaling.toString());
        assertEquals(2, stack.running("notification-service").size());

        String token = api.newClient("Spread").token();
        List<GatewaySocket> sockets = new ArrayList<>();
        try {
            Map<String, Double> connections = new LinkedHashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // the gateway re-resolves the name every few seconds: keep opening until both have some
            while (System.nanoTime() < deadline) {
                sockets.add(GatewaySocket.open(gatewayUrl, token));
                for (ComposeStack.Container c : signaling) {
                    connections.put(c.name(), metric(c.name(), 8082, "signaling_connections"));
                }
                if (sockets.size() >= 4 && connections.values().stream().allMatch(n -> n > 0)) {
                    break;
                }
                Thread.sleep(1000);
            }
            System.out.printf("[containers] %d WebSockets through the gateway, per signaling container: %s%n",
                    sockets.size(), connections);
            assertTrue(connections.values().stream().allMatch(n -> n > 0), "every replica holds sockets: " + connections);
        } finally {
            sockets.forEach(GatewaySocket::close);
        }

        // starts in 10 minutes: the 15-minute reminder is due at once, and both replicas sweep
        Api.Account admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.Account psychologist = api.newPsychologist(admin, "Dr Reminder");
        Api.Account client = api.newClient("Reminder");
        String id = api.book(admin, client, psychologist, Duration.ofMinutes(10)).path("id").asText();
        api.payAndAwaitConfirmed(client, id);
        Mailpit.await(m -> isReminderTo(m, client.email()), Duration.ofSeconds(90));
        Thread.sleep(10_000); // both replicas have swept several times since
        long reminders = Mailpit.messages().stream().filter(m -> isReminderTo(m, client.email())).count();
        assertEquals(1, reminders, "one reminder to the client from two notification-service replicas");
    }

    @Test
    @Order(6)
    void aClientOfAStoppedSignalingContainerRejoinsThroughTheOther() throws Exception {
        Api.Account admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        Api.PaidSession paid = api.paidSession(admin, "Failover");
        String token = paid.psychologist().token();
        GatewaySocket socket = GatewaySocket.open(gatewayUrl, token);
        socket.send(joinRoom(paid.id(), token));
        socket.await("existing-participants");
        String holder = null;
        for (ComposeStack.Container c : stack.running("signaling-service")) {
            if (metric(c.name(), 8082, "signaling_peers") > 0) {
                holder = c.name();
            }
        }
        assertTrue(holder != null, "one signaling container holds the participant");
        podman.podman("stop", "-t", "10", holder).orFail("stop " + holder);
        assertTrue(socket.closed().get(30, TimeUnit.SECONDS) != null, "the socket of the stopped container closed");

        // what the SPA does on a close: a fresh ticket, a new socket through the gateway, join again
        long start = System.nanoTime();
        try (GatewaySocket again = GatewaySocket.open(gatewayUrl, token)) {
            again.send(joinRoom(paid.id(), token));
            again.await("existing-participants");
        }
        System.out.printf("[containers] rejoined through the other signaling container in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Test
    @Order(7)
    void stoppingCoturnMailsTheOnCallAddress() throws Exception {
        JsonNode alert = Mailpit.await(m -> m.path("to").toString().contains(ONCALL)
                && m.path("subject").asText().contains("TurnServerNotReady"), Duration.ofMinutes(7));
        System.out.printf("[containers] alert email %d s after coturn stopped: %s%n", seconds(coturnStoppedAt),
                alert.path("subject").asText());
        assertTrue(alert.path("subject").asText().startsWith("[CRITICAL]"), alert.toString());
    }

    // ------------------------------------------------------------------ helpers

    private static String joinRoom(String sessionId, String token) {
        String ticket = api.post("/api/video-calls/generate-room/" + sessionId, token, null).path("ticket").asText();
        return "{\"type\":\"join-room\",\"ticket\":\"" + ticket + "\"}";
    }

    private static boolean isReminderTo(JsonNode mail, String email) {
        return mail.path("to").toString().contains(email) && mail.path("subject").asText().equals("Video Call Starting Soon");
    }

    /** A metric's value summed over its series, scraped inside the container. */
    private static double metric(String container, int port, String name) {
        return scrape(container, port).lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The service's /q/metrics, scraped inside the container. */
    private static String scrape(String container, int port) {
        return podman.exec(container, "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + port
                + " && printf \"GET /q/metrics HTTP/1.0\\r\\n\\r\\n\" >&3 && cat <&3'").orFail("scrape").output();
    }

    private static List<String> upServices() {
        // everything but Grafana, which has no stand-in (Debian does not package it)
        List<String> services = new ArrayList<>(List.of("mongodb", "kafka", "coturn", "mailpit", "prometheus",
                "alertmanager", "blackbox-exporter"));
        services.addAll(Repo.SERVICES);
        return services;
    }

    private static String image(String service) {
        return "smilingsteps/" + service + ":" + TAG;
    }

    private static String size(String image) {
        long bytes = Long.parseLong(podman.podman("image", "inspect", "--format", "{{.Size}}", image).orFail("size").output().strip());
        return String.format("%.0f MB", bytes / 1e6);
    }

    private static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }
}
