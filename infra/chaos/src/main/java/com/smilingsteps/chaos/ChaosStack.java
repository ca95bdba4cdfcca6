package com.smilingsteps.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.smilingsteps.devstack.DevSecrets;
import com.smilingsteps.devstack.DevStack;
import com.smilingsteps.devstack.ServiceProcess;
import com.smilingsteps.devstack.StackPorts;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.e2e.TestSpaBuild;
import com.smilingsteps.infra.embedded.Coturn;
import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.EmbeddedSmtp;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.embedded.Processes;
import com.smilingsteps.infra.embedded.StackStart;

/**
 * The system as operators run it, for fault scenarios: the packaged services as separate JVMs on
 * the embedded Kafka, MongoDB-wire server (on disk, so it can be restarted on the same data) and
 * GreenMail, with two replicas of the services that scale out (signaling, notification) behind
 * one gateway. Every server and process can be stopped, killed and started again on its ports.
 */
public final class ChaosStack implements AutoCloseable {

    public static final String SESSION = "session-service";
    public static final String SIGNALING_A = "signaling-a";
    public static final String SIGNALING_B = "signaling-b";
    public static final String TURN = "turn-credentials-service";
    public static final String NOTIFICATION_A = "notification-a";
    public static final String NOTIFICATION_B = "notification-b";
    public static final String GATEWAY = "gateway";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(480);
    /** Every service, both replicas of the scaled ones, and coturn: what the calls and the soak need. */
    public static final Set<String> ALL = Set.of(SESSION, SIGNALING_A, SIGNALING_B, TURN, NOTIFICATION_A, NOTIFICATION_B,
            GATEWAY);
    /**
     * Bookings and mail only (scenarios 4 and 5): four JVMs instead of seven and no coturn, which
     * halves the start on two cores; the gateway still names both signaling instances, unused here.
     */
    public static final Set<String> BOOKING_AND_MAIL = Set.of(SESSION, NOTIFICATION_A, NOTIFICATION_B, GATEWAY);

    private final Path repoRoot;
    private final Path dataDir;
    private final Set<String> running;
    private final StackPorts ports = StackPorts.free();
    private final int signalingB = FreePorts.next();
    private final int notificationB = FreePorts.next();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private DevSecrets secrets;
    private EmbeddedMongo mongo;
    private EmbeddedKafka kafka;
    private EmbeddedSmtp smtp;
    private Optional<Coturn> coturn = Optional.empty();
    private Coturn.Settings coturnSettings;
    private Api api;

    private ChaosStack(Path repoRoot, Path dataDir, Set<String> running) {
        this.repoRoot = repoRoot;
        this.dataDir = dataDir;
        this.running = running;
    }

    /** Starts everything on free ports with its state in {@code dataDir} (emptied first). */
    public static ChaosStack start(Path repoRoot, Path dataDir) {
        return start(repoRoot, dataDir, ALL);
    }

    /** Starts the named services ({@link #ALL}, {@link #BOOKING_AND_MAIL}) and the servers they need. */
    public static ChaosStack start(Path repoRoot, Path dataDir, Set<String> services) {
        return StackStart.orClose(new ChaosStack(repoRoot, dataDir, services), ChaosStack::startAll);
    }

    private void startAll() {
        // the browser calls (scenarios 3 and 6) load the SPA's test build: fail now if the gateway was packaged without it
        if (running.contains(SIGNALING_A)) {
            TestSpaBuild.register(gatewayUrl(), TestSpaBuild.locate(repoRoot));
        }
        deleteRecursively(dataDir);
        secrets = DevSecrets.loadOrCreate(dataDir);
        mongo = EmbeddedMongo.persistent(mongoFile(), ports.mongo());
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), ports.kafka(), ports.kafkaController());
        kafka.createTopics(DevStack.TOPICS.stream().collect(Collectors.toMap(t -> t, t -> 1)));
        smtp = EmbeddedSmtp.on(ports.smtp(), ports.pop3(), ports.imap());
        if (running.contains(SIGNALING_A) && Coturn.isInstalled()) {
            coturnSettings = new Coturn.Settings(ports.turn(), List.of(secrets.get("TURN_SECRET")), "smilingsteps.local",
                    ports.relayMin(), ports.relayMin() + 199, Optional.empty());
            coturn = Optional.of(Coturn.start(coturnSettings));
        }

        Map<String, String> extra = new LinkedHashMap<>();
        // every request comes from 127.0.0.1: the per-IP limits meant for the internet would refuse the load
        extra.put("GATEWAY_SIGN_IN_LIMIT", "1000000");
        extra.put("GATEWAY_REFRESH_LIMIT", "1000000");
        extra.put("GATEWAY_VIDEO_CALLS_LIMIT", "1000000");
        extra.put("TURN_RATE_LIMIT_REQUESTS", "1000000");
        extra.put("SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
        extra.put("GATEWAY_CORS_ORIGINS", "http://localhost:" + ports.gateway());
        extra.put("SIGNALING_SERVICE_URL", url(ports.signaling()) + "," + url(signalingB));
        extra.put("NOTIFICATION_SERVICE_URL", url(ports.notification()) + "," + url(notificationB));
        // scenario 1 books sessions ~15 min ahead so that their reminders fall due during the run
        // (production: 2 h notice, booking.notice)
        extra.put("BOOKING_NOTICE", "PT5M");
        // reminders are sent by a scheduler; once a second keeps the scenarios short
        extra.put("NOTIFICATION_DISPATCH_EVERY", "1s");
        // a killed replica's leased jobs wait out the lease (production: 2 min); retries keep production's backoff
        extra.put("NOTIFICATION_DISPATCH_LEASE", "30s");
        // production's value (a %prod setting; the services run the devstack profile, which audits every denial):
        // a flood of one caller's identical denials is one record and a count per 10 s, not a record each
        extra.put("AUDIT_AGGREGATE_DENIALS_WITHIN", "10s");
        Map<String, String> env = DevStack.serviceEnvironment(secrets, ports, mongo, kafka, smtp, coturn, extra);

        add(SESSION, SESSION, ports.session(), env, Map.of());
        add(SIGNALING_A, "signaling-service", ports.signaling(), env, Map.of("SIGNALING_INSTANCE_ID", SIGNALING_A));
        add(SIGNALING_B, "signaling-service", signalingB, env, Map.of("SIGNALING_INSTANCE_ID", SIGNALING_B));
        add(TURN, TURN, ports.turnCredentials(), env, Map.of());
        add(NOTIFICATION_A, "notification-service", ports.notification(), env, Map.of());
        add(NOTIFICATION_B, "notification-service", notificationB, env, Map.of());
        add(GATEWAY, GATEWAY, ports.gateway(), env, Map.of());
        // session-service first: the others fetch its JWKS, and seven JVMs booting at once on two
        // cores take longer than two waves
        restart(SESSION);
        services.values().stream().filter(s -> !s.name().equals(SESSION)).forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(READY_TIMEOUT));
        api = new Api(gatewayUrl(), smtp.pop3Port());
    }

    private void add(String name, String module, int port, Map<String, String> env, Map<String, String> own) {
        if (!running.contains(name)) {
            return;
        }
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.putAll(own);
        services.put(name, new ServiceProcess(name, jar, port, dataDir.resolve("logs").resolve(name + ".log"),
                environment));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private Path mongoFile() {
        return dataDir.resolve("mongo/data.mv");
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    /** A signaling instance's own WebSocket URL, bypassing the gateway. */
    public String signalingUrl(String instance) {
        return url(service(instance).port());
    }

    public Api api() {
        return api;
    }

    public Api.Account admin() {
        return api.login(secrets.get("BOOTSTRAP_ADMIN_EMAIL"), secrets.get("BOOTSTRAP_ADMIN_PASSWORD"));
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedSmtp smtp() {
        return smtp;
    }

    public String mongoConnectionString() {
        return mongo.connectionString();
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        return new ArrayList<>(services.values());
    }

    /** Starts a stopped or killed service again and waits until it is ready. */
    public void restart(String name) {
        ServiceProcess service = service(name);
        service.start();
        service.awaitReady(READY_TIMEOUT);
    }

    /** Starts the service again if an earlier scenario killed it (each scenario wants both replicas). */
    public void ensureRunning(String name) {
        if (!service(name).isAlive()) {
            restart(name);
        }
    }

    /** Stops the MongoDB-wire server (its file stays) and starts it again on the same port and data. */
    public synchronized void stopMongo() {
        mongo.close();
    }

    public synchronized void startMongo() {
        mongo = EmbeddedMongo.persistent(mongoFile(), ports.mongo());
    }

    /** Stops coturn and starts it again on the same ports and secret (relayed calls must ICE-restart). */
    public synchronized void restartCoturn(Duration down) {
        Coturn running = coturn.orElseThrow(() -> new IllegalStateException(
                "coturn is not running: apt-get install -y coturn (CI installs it)"));
        running.close();
        Processes.sleep(down.toMillis());
        coturn = Optional.of(Coturn.start(coturnSettings));
    }

    /** Waits until every service answers ready again (after a fault), returning how long that took. */
    public Duration awaitAllReady(Duration timeout) {
        long started = System.nanoTime();
        services.values().forEach(s -> s.awaitReady(timeout));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    @Override
    public synchronized void close() {
        TestSpaBuild.unregister(gatewayUrl());
        services.values().parallelStream().forEach(ServiceProcess::stop);
        for (AutoCloseable server : new AutoCloseable[] { coturn.orElse(null), smtp, kafka, mongo }) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + server.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
