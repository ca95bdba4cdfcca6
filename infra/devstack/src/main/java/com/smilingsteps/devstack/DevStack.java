package com.smilingsteps.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.smilingsteps.infra.embedded.Coturn;
import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.EmbeddedSmtp;
import com.smilingsteps.infra.embedded.StackStart;

/**
 * The whole system on embedded servers: Kafka (KRaft), a MongoDB-wire server persisted to disk,
 * GreenMail, coturn when installed, and the five services as child JVMs. Closing it stops every
 * process it started. Used by {@code ./devstack.sh} and by the end-to-end tests.
 */
public final class DevStack implements AutoCloseable {

    public static final List<String> TOPICS = List.of(
            "session-events", "session-events.dlq", "call-events", "audit-events", "signaling.relay", "signaling-instances",
            "account-events", "account-events.dlq");

    /** What to start and where: {@code repoRoot} holds the built modules, {@code dataDir} the state. */
    public record Options(Path repoRoot, Path dataDir, StackPorts ports, boolean withCoturn,
            Map<String, String> extraEnvironment, java.io.PrintStream progress) {

        public Options(Path repoRoot, Path dataDir, StackPorts ports, boolean withCoturn, Map<String, String> extraEnvironment) {
            this(repoRoot, dataDir, ports, withCoturn, extraEnvironment,
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        }
    }

    private final Options options;
    private final List<AutoCloseable> servers = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private DevSecrets secrets;
    private Optional<Coturn> coturn = Optional.empty();
    private Duration startupTime;

    private DevStack(Options options) {
        this.options = options;
    }

    public static DevStack start(Options options) {
        return StackStart.orClose(new DevStack(options), DevStack::startAll);
    }

    private void startAll() {
        long started = System.nanoTime();
        StackPorts ports = options.ports();
        Path data = options.dataDir();
        secrets = DevSecrets.loadOrCreate(data);

        EmbeddedMongo mongo = EmbeddedMongo.persistent(data.resolve("mongo/data.mv"), ports.mongo());
        servers.add(mongo);
        EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
        servers.add(kafka);
        kafka.createTopics(TOPICS.stream().collect(java.util.stream.Collectors.toMap(t -> t, t -> 1)));
        EmbeddedSmtp smtp = EmbeddedSmtp.on(ports.smtp(), ports.pop3(), ports.imap());
        servers.add(smtp);
        if (options.withCoturn() && Coturn.isInstalled()) {
            List<String> turnSecrets = new ArrayList<>(List.of(secrets.get("TURN_SECRET")));
            Optional.ofNullable(options.extraEnvironment().get("TURN_PREVIOUS_SECRET")).ifPresent(turnSecrets::add);
            Coturn turn = Coturn.start(new Coturn.Settings(ports.turn(), turnSecrets, "smilingsteps.local",
                    ports.relayMin(), ports.relayMax(), Optional.empty()));
            servers.add(turn);
            coturn = Optional.of(turn);
        }

        Map<String, String> env = environment(mongo, kafka, smtp);
        Path logs = data.resolve("logs");
        addService("session-service", ports.session(), env, logs);
        addService("signaling-service", ports.signaling(), env, logs);
        addService("turn-credentials-service", ports.turnCredentials(), env, logs);
        addService("notification-service", ports.notification(), env, logs);
        addService("gateway", ports.gateway(), env, logs);
        services.values().forEach(ServiceProcess::start);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
            options.progress().println(String.format("  %-26s UP after %.1f s", service.name(),
                    (System.nanoTime() - started) / 1e9));
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    private void addService(String name, int port, Map<String, String> env, Path logs) {
        Path jar = options.repoRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        services.put(name, new ServiceProcess(name, jar, port, logs.resolve(name + ".log"), env));
    }

    private Map<String, String> environment(EmbeddedMongo mongo, EmbeddedKafka kafka, EmbeddedSmtp smtp) {
        return serviceEnvironment(secrets, options.ports(), mongo, kafka, smtp, coturn, options.extraEnvironment());
    }

    /** What every service of a stack on these servers and ports is started with. */
    public static Map<String, String> serviceEnvironment(DevSecrets secrets, StackPorts ports, EmbeddedMongo mongo,
            EmbeddedKafka kafka, EmbeddedSmtp smtp, Optional<Coturn> coturn, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(secrets.environment());
        env.put("QUARKUS_PROFILE", "devstack");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MONGODB_URI", mongo.connectionString());
        env.put("JWT_VERIFY_KEYS", "http://127.0.0.1:" + ports.session() + "/api/auth/jwks");
        env.put("JWT_ISSUER", "smiling-steps-video");
        env.put("JWT_AUDIENCE", "smiling-steps-api");
        env.put("APP_PUBLIC_URL", "http://localhost:" + ports.gateway());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtp.smtpPort()));
        env.put("SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.session());
        env.put("SIGNALING_SERVICE_URL", "http://127.0.0.1:" + ports.signaling());
        env.put("TURN_SERVICE_URL", "http://127.0.0.1:" + ports.turnCredentials());
        env.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + ports.notification());
        env.put("TURN_URLS", coturn.map(turn -> "stun:127.0.0.1:" + turn.port()
                + ",turn:127.0.0.1:" + turn.port() + "?transport=udp"
                + ",turn:127.0.0.1:" + turn.port() + "?transport=tcp").orElse(""));
        env.putAll(extra);
        return env;
    }

    public String gatewayUrl() {
        return "http://localhost:" + options.ports().gateway();
    }

    public StackPorts ports() {
        return options.ports();
    }

    public DevSecrets secrets() {
        return secrets;
    }

    public Optional<Coturn> coturn() {
        return coturn;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Stops one service (e.g. signaling mid-call in an end-to-end test); {@link #startService} brings it back. */
    public void stopService(String name) {
        service(name).stop();
    }

    public void startService(String name) {
        ServiceProcess service = service(name);
        service.start();
        service.awaitReady(Duration.ofSeconds(120));
    }

    /** Starts every service that is not running (stopped, or exited) and waits until it is ready; their names. */
    public List<String> startStopped() {
        List<String> started = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            if (!service.isAlive()) {
                startService(service.name());
                started.add(service.name());
            }
        }
        return started;
    }

    private ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    @Override
    public synchronized void close() {
        // Services first (they flush to Kafka and Mongo on the way down), then the servers in reverse order.
        services.values().parallelStream().forEach(ServiceProcess::stop);
        services.clear();
        List<AutoCloseable> reversed = new ArrayList<>(servers);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable server : reversed) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("could not stop " + server.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        servers.clear();
    }

    /** {@code ./devstack.sh}: starts everything, prints where it is, stops it all on Ctrl-C or SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        Path repoRoot = Path.of("").toAbsolutePath();
        Path dataDir = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : repoRoot.resolve(".data/devstack");
        if (Stream.of("gateway", "session-service").noneMatch(m -> Files.isDirectory(repoRoot.resolve(m)))) {
            System.err.println("run from the repository root");
            System.exit(2);
        }
        System.out.println("Starting Smiling Steps Video on embedded servers (data in " + dataDir + ") ...");
        CountDownLatch stopped = new CountDownLatch(1);
        DevStack[] holder = new DevStack[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping every process the dev stack started ...");
            synchronized (holder) {
                if (holder[0] != null) {
                    holder[0].close();
                }
            }
            stopped.countDown();
        }, "devstack-stop"));
        DevStack stack;
        try {
            stack = start(new Options(repoRoot, dataDir, StackPorts.defaults(), true, Map.of(), System.out));
        } catch (RuntimeException e) {
            System.err.println("Dev stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        synchronized (holder) {
            holder[0] = stack;
        }
        System.out.println(stack.banner());
        ConsoleWatch watch = new ConsoleWatch(stack.services.values(), System.out);
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            synchronized (holder) {
                if (!stack.services.isEmpty()) {
                    watch.poll();
                }
            }
        }
    }

    /**
     * What a new user does before anyone can book: a psychologist is bookable only with rates and
     * working hours, which nobody has on a fresh stack.
     */
    static String firstSteps(String webApp) {
        return "\n  To take a first booking:\n"
                + "    1. Log in at " + webApp + " as the first admin. Under Users, create a psychologist (without a\n"
                + "       password they get an invitation email to choose one), then press\n"
                + "       \"Set rates and hours\" (later: \"Rates and hours\" on their row) and save their rates.\n"
                + "    2. The psychologist logs in and saves weekly working hours on the \"Working hours\" tab\n"
                + "       (Nairobi time; the admin can set them in the same dialog as the rates).\n"
                + "    3. A client registers at " + webApp + "/register and opens the link in the verification email\n"
                + "       (read it from GreenMail, below); then finds the psychologist under Psychologists and books a\n"
                + "       free slot; the dev stack's simulated M-Pesa confirms the payment by itself.\n";
    }

    String banner() {
        StackPorts p = options.ports();
        StringBuilder out = new StringBuilder();
        out.append("\nAll five services are UP after ").append(String.format("%.1f", startupTime.toMillis() / 1000.0))
                .append(" s.\n\n");
        out.append("  Web app (gateway)          ").append(gatewayUrl()).append('\n');
        services.values().forEach(s -> out.append(String.format("  %-26s http://127.0.0.1:%d  (/q/health, /q/metrics, /q/openapi; log %s)%n",
                s.name(), s.port(), options.dataDir().relativize(s.log()))));
        out.append("\n  First admin                ").append(secrets.get("BOOTSTRAP_ADMIN_EMAIL")).append(" / ")
                .append(secrets.get("BOOTSTRAP_ADMIN_PASSWORD")).append('\n');
        out.append("  MongoDB (wire)             mongodb://127.0.0.1:").append(p.mongo()).append("  (persisted in ")
                .append(options.dataDir().resolve("mongo")).append(")\n");
        out.append("  Kafka (KRaft)              127.0.0.1:").append(p.kafka()).append('\n');
        out.append("  Mail (GreenMail)           SMTP 127.0.0.1:").append(p.smtp()).append(", read any mailbox over POP3 127.0.0.1:")
                .append(p.pop3()).append(" or IMAP 127.0.0.1:").append(p.imap()).append(" with the address as user and password\n");
        out.append("  TURN (coturn)              ").append(coturn.map(t -> "127.0.0.1:" + t.port() + " (udp/tcp), log " + t.log())
                .orElse("not running: turnserver is not installed (apt-get install -y coturn); peers on this machine connect directly"))
                .append('\n');
        out.append(firstSteps(gatewayUrl()));
        out.append("\nErrors from any service show below; each service's full log is in ").append(options.dataDir().resolve("logs"))
                .append(".\nCtrl-C stops everything.\n");
        return out.toString();
    }
}
