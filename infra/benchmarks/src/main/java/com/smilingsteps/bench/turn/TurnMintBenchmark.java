package com.smilingsteps.bench.turn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import com.smilingsteps.bench.memory.ImageJvm;
import com.smilingsteps.bench.memory.MemoryCgroup;
import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.JwksServer;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * Mint throughput and latency of {@code GET /api/video-calls/config}: closed-loop clients, each
 * request as a random one of many users, every response checked for a TURN credential. The started
 * service's per-user limit (20 a minute) is lifted: at saturation each of 20,000 users mints about 30
 * times a minute, and runs of 90–120 s were refused 1–3 % of their mints before.
 *
 * <p>Default: starts the packaged turn-credentials-service ({@code ./mvnw -q -DskipTests package
 * -pl turn-credentials-service}) against an embedded Kafka (audit records are really published)
 * and test-signed tokens, and measures it directly. {@code --url http://127.0.0.1:8080
 * --tokens-file tokens.txt} measures a running stack instead (for example through the gateway),
 * with bearer tokens it accepts, one per line. {@code --via-gateway} also starts the packaged gateway
 * ({@code ./mvnw -q -DskipTests package -pl gateway}) in front of the service, its per-IP limit on
 * {@code /api/video-calls} lifted, and sends every request through it.
 *
 * <p>Options: {@code --clients 32 --warmup-seconds 5 --seconds 15 --users 20000}; {@code --wrk} drives
 * the load with Debian's wrk ({@code -t2 -c<clients>}, each request a random user's token) instead
 * of the Java client. With the packaged service it also prints how many {@code audit-events}
 * records each mint cost (the audit pipeline's share: Kafka, session-service, MongoDB).
 * The started services run with the images' JVM options (the serial collector, a heap of half the
 * deployments' memory limit from the start, one CPU); {@code --server-jvm "<options>"} adds options
 * after them (a collector named there replaces the serial one).
 * {@code --jwks-over-http}: the started services fetch their keys from a JWKS URL, as deployed
 * (compose and Kubernetes name session-service's), instead of reading a JWKS file.
 * {@code --memory-limits}: each started service runs in a memory cgroup with its deployment's limit
 * ({@link MemoryCgroup}, root only), and the run ends by printing each one's peak.
 */
public final class TurnMintBenchmark {

    private static final String PATH = "/api/video-calls/config";
    /** {@code --jfr <dir>}: each started service records a JFR profile ({@code settings=profile}) there. */
    private static Path jfrDirectory;
    /** Where the started services get their keys: a JWKS file, or with {@code --jwks-over-http} a JWKS URL, as deployed. */
    private static String jwksLocation;
    /**
     * {@code --server-jvm "<options>"}: JVM options after the images' ({@link ImageJvm}), so they win;
     * a collector named there (e.g. {@code -XX:+UseParallelGC}) replaces the images' serial one.
     */
    private static List<String> serverJvm = List.of();
    /** With {@code --memory-limits}: each started service's memory cgroup, by module. */
    private static Map<String, MemoryCgroup> memoryCgroups;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int users = Math.max(2, Integer.parseInt(options.getOrDefault("users", "20000")));

        List<AutoCloseable> started = new ArrayList<>();
        try {
            String baseUrl;
            List<String> tokens;
            List<ProcessHandle> servers = new ArrayList<>();
            String kafkaServers = null;
            if (options.containsKey("url")) {
                baseUrl = options.get("url");
                tokens = Files.readAllLines(Path.of(options.getOrDefault("tokens-file", "tokens.txt"))).stream()
                        .map(String::trim).filter(line -> !line.isEmpty()).toList();
                System.out.printf("target: %s (running stack), %d tokens%n", baseUrl, tokens.size());
            } else {
                EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
                started.add(kafka);
                kafkaServers = kafka.bootstrapServers();
                jfrDirectory = options.containsKey("jfr") ? Path.of(options.get("jfr")) : null;
                memoryCgroups = options.containsKey("memory-limits") ? new LinkedHashMap<>() : null;
                String jvm = options.getOrDefault("server-jvm", "").trim();
                if (jvm.equals("true")) {
                    throw new IllegalArgumentException("--server-jvm needs the options, quoted as one argument");
                }
                serverJvm = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
                System.out.println("turn-credentials-service's JVM options: " + String.join(" ", jvmOptions("turn-credentials-service")));
                jwksLocation = TestJwt.jwksFile().toUri().toString();
                if (options.containsKey("jwks-over-http")) {
                    JwksServer jwks = new JwksServer();
                    started.add(jwks);
                    jwksLocation = jwks.url();
                }
                System.out.println("keys: " + jwksLocation);
                int port = FreePorts.next();
                Process service = startJar("turn-credentials-service", port, Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "TURN_SECRET", "bench-secret-" + System.nanoTime(),
                        // each user mints about 30 times a minute here, over the service's 20
                        "TURN_RATE_LIMIT_REQUESTS", "1000000000",
                        "TURN_URLS", "turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp"));
                started.add(() -> stopProcess(service));
                baseUrl = "http://127.0.0.1:" + port;
                awaitHealthy(baseUrl + "/q/health/ready", service);
                servers.add(service.toHandle());
                if (options.containsKey("via-gateway")) {
                    int gatewayPort = FreePorts.next();
                    Process gateway = startJar("gateway", gatewayPort, Map.of(
                            "SESSION_SERVICE_URL", baseUrl, "SIGNALING_SERVICE_URL", baseUrl,
                            "TURN_SERVICE_URL", baseUrl, "NOTIFICATION_SERVICE_URL", baseUrl,
                            "GATEWAY_VIDEO_CALLS_LIMIT", "1000000000",
                            "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false"));
                    started.add(() -> stopProcess(gateway));
                    baseUrl = "http://127.0.0.1:" + gatewayPort;
                    awaitHealthy(baseUrl + "/q/health/live", gateway);
                    servers.add(gateway.toHandle());
                }
                tokens = new ArrayList<>(users);
                for (int i = 0; i < users; i++) {
                    tokens.add(TestJwt.accessToken("bench-user-" + i, i % 2 == 0 ? "client" : "psychologist"));
                }
                OpenSessions.publishFor(kafka.bootstrapServers(), users);
                // the first and the last session published: applied in order on each partition
                OpenSessions.awaitApplied(baseUrl, PATH, tokens.get(0));
                OpenSessions.awaitApplied(baseUrl, PATH, tokens.get(users % 2 == 0 ? users - 2 : users - 3));
                System.out.printf("target: %s (packaged turn-credentials-service%s, embedded Kafka), %d users%n",
                        baseUrl, servers.size() > 1 ? " behind the packaged gateway" : "", users);
            }
            AuditRecords audit = kafkaServers == null ? null : new AuditRecords(kafkaServers);
            if (options.containsKey("wrk")) {
                WrkLoad.run(baseUrl + PATH, tokens, clients, warmupSeconds, seconds, servers, audit);
            } else {
                run(baseUrl, tokens, clients, warmupSeconds, seconds, servers, audit);
            }
            if (memoryCgroups != null) {
                memoryCgroups.forEach((module, cgroup) -> System.out.printf("memory, %s: %s%n", module, cgroup.report()));
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            if (memoryCgroups != null) {
                for (MemoryCgroup cgroup : memoryCgroups.values()) {
                    cgroup.close();
                }
            }
        }
    }

    /** {@code servers}: the processes this run started (service, gateway), empty for a running stack. */
    private static void run(String baseUrl, List<String> tokens, int clients, int warmupSeconds, int seconds,
            List<ProcessHandle> servers, AuditRecords audit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(baseUrl + PATH);
        Recorder recorder = new Recorder(3);
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + seconds);

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < stopAt) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + tokens.get(random.nextInt(tokens.size())))
                            .timeout(Duration.ofSeconds(10)).GET().build();
                    long start = System.nanoTime();
                    String failure;
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        failure = response.statusCode() != 200 ? "HTTP " + response.statusCode()
                                : response.body().contains("\"credential\"") ? null : "200 without a credential";
                    } catch (IOException e) {
                        failure = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long took = System.nanoTime() - start;
                    if (failure == null) {
                        recorder.recordValue(took);
                        ok.increment();
                    } else {
                        failures.computeIfAbsent(failure, f -> new LongAdder()).increment();
                    }
                }
            });
        }
        // warm-up: the JIT and the connection pool settle; its figures are dropped
        Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
        recorder.reset();
        ok.reset();
        failures.clear();
        long measureStart = System.nanoTime();
        Duration cpuBefore = cpu(servers);
        long auditBefore = audit == null ? 0 : audit.count();
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - measureStart) / 1e9;
        Duration serverCpu = cpu(servers).minus(cpuBefore);
        Histogram histogram = recorder.getIntervalHistogram();

        System.out.printf("clients %d, measured %.1f s after %d s warm-up%n", clients, elapsed, warmupSeconds);
        System.out.printf("mint requests/s: %.0f (%d ok)%n", ok.sum() / elapsed, ok.sum());
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()));
        System.out.printf("failures: %s%n", failures.isEmpty() ? "none" : new TreeMap<>(failures));
        if (!servers.isEmpty() && ok.sum() > 0) {
            // CPU per request depends far less than requests/s on what else the machine is running
            System.out.printf("%s CPU: %.1f s, %.0f us per request (machine load average %.1f on %d cores)%n",
                    servers.size() > 1 ? "service + gateway" : "service",
                    serverCpu.toNanos() / 1e9, serverCpu.toNanos() / 1e3 / ok.sum(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        }
        if (audit != null && ok.sum() > 0) {
            audit.print(auditBefore, ok.sum());
        }
    }

    static Duration cpu(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The images' options with {@code module}'s memory limit, then {@code --server-jvm}'s. */
    private static List<String> jvmOptions(String module) {
        return ImageJvm.options(ImageJvm.memoryLimit(module), serverJvm);
    }

    /** Starts {@code <module>/target/quarkus-app/quarkus-run.jar} trusting the test-signed tokens. */
    private static Process startJar(String module, int port, Map<String, String> environment) throws IOException {
        Path jar = repositoryFile(module + "/target/quarkus-app/quarkus-run.jar");
        Path log = Files.createTempFile(module + "-bench-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions(module));
        if (jfrDirectory != null) {
            Files.createDirectories(jfrDirectory);
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + jfrDirectory.resolve(module + ".jfr").toAbsolutePath());
        }
        command.addAll(List.of("-jar", jar.toString()));
        if (memoryCgroups != null) {
            MemoryCgroup cgroup = MemoryCgroup.create(module, MemoryCgroup.bytes(ImageJvm.memoryLimit(module)));
            memoryCgroups.put(module, cgroup);
            command = cgroup.wrap(command);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("JWT_VERIFY_KEYS", jwksLocation);
        env.putAll(environment);
        System.out.println(module + " log: " + log);
        return builder.start();
    }

    private static void awaitHealthy(String healthUrl, Process server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException(healthUrl + ": the process exited with " + server.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(healthUrl + " did not answer 200 within 60 s");
    }

    private static void stopProcess(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found: build it with "
                    + "./mvnw -q -DskipTests package -pl <module>");
        }
        return dir.resolve(relative);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option [value], got " + args[i]);
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        return options;
    }
}
