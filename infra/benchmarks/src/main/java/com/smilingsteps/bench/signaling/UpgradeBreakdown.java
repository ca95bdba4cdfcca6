package com.smilingsteps.bench.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * Where the time of a WebSocket upgrade of {@code /ws/signaling} goes (issue 16: {@code connect_ms}
 * through the gateway was 10× the seed server's). The same upgrade, timed from the request until
 * the 101 arrives, three ways: straight to signaling-service (its own share: token check, audit,
 * the socket), through the gateway with a token it has verified before (the proxy's share: route,
 * a new upstream connection, the piped upgrade), and through the gateway with a token it has never
 * seen, as the shared harness's clients are (adds the gateway's RS256 verification and its hop to a
 * worker thread). One at a time, then in bursts of {@code --burst} at once (the harness's 10 rooms
 * are 20 upgrades at once), with the CPU each process spent per upgrade.
 *
 * <p>{@code java -cp ... com.smilingsteps.bench.signaling.UpgradeBreakdown [--rounds 300] [--burst 20]
 * [--bursts 20] [--jfr <dir>]}, from a directory with {@code signaling-service} and {@code gateway}
 * packaged below it.
 */
public final class UpgradeBreakdown {

    private enum Mode {
        DIRECT("straight to signaling"), CACHED("gateway, token seen before"), FRESH("gateway, token never seen");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    private final ServerProcess signaling;
    private final ServerProcess gateway;
    private final String cachedToken = TestJwt.accessToken("upgrade-cached", "client");
    private int fresh;

    private UpgradeBreakdown(ServerProcess signaling, ServerProcess gateway) {
        this.signaling = signaling;
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "300"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "20"));
        int bursts = Integer.parseInt(options.getOrDefault("bursts", "20"));
        List<String> jvm = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC"));
        Path jfr = options.containsKey("jfr") ? Files.createDirectories(Path.of(options.get("jfr"))) : null;
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            kafka.createTopics(Map.of("signaling.relay", 1, "call-events", 1, "audit-events", 1, "session-events", 1));
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "JWT_VERIFY_KEYS", TestJwt.jwksFile().toUri().toString(),
                    "SIGNALING_MAX_CONNECTIONS_PER_USER", "1000000",
                    "SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
            Path signalingLog = Files.createTempFile("upgrade-signaling-", ".log");
            Path gatewayLog = Files.createTempFile("upgrade-gateway-", ".log");
            try (ServerProcess signaling = ServerProcess.start(ServerProcess.packagedJar("signaling-service"), FreePorts.next(),
                    withJfr(jvm, jfr, "signaling"), env, signalingLog, "/q/health/ready");
                    ServerProcess gateway = ServerProcess.start(ServerProcess.packagedJar("gateway"), FreePorts.next(),
                            withJfr(jvm, jfr, "gateway"), ServerProcess.gatewayInFrontOf(signaling.port), gatewayLog,
                            "/q/health/live")) {
                System.out.printf("signaling log %s, gateway log %s%n", signalingLog, gatewayLog);
                UpgradeBreakdown bench = new UpgradeBreakdown(signaling, gateway);
                for (Mode mode : Mode.values()) { // warm-up: the JIT, the connection paths, the token cache
                    bench.sequential(mode, Math.max(100, rounds));
                }
                System.out.printf("%nmachine load average %.1f on %d cores%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                        Runtime.getRuntime().availableProcessors());
                System.out.println("upgrade to 101, one at a time: p50 / p90 / p99 ms, CPU us per upgrade [gateway, signaling]");
                for (Mode mode : Mode.values()) {
                    bench.sequential(mode, rounds).print(mode);
                }
                System.out.printf("upgrade to 101, %d at once (%d bursts): p50 / p90 / p99 ms of each upgrade%n", burst, bursts);
                for (Mode mode : Mode.values()) {
                    bench.bursts(mode, burst, bursts).print(mode);
                }
                System.out.printf("load average after: %.1f%n",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        System.exit(0);
    }

    private record Result(Histogram latency, long gatewayCpu, long signalingCpu, int upgrades) {
        void print(Mode mode) {
            System.out.printf("  %-28s %7.2f / %7.2f / %7.2f   [%d, %d]%n", mode.label,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, gatewayCpu / upgrades, signalingCpu / upgrades);
        }
    }

    private Result sequential(Mode mode, int rounds) throws Exception {
        Histogram latency = new Histogram(3);
        long gatewayCpu = gateway.cpuMicros();
        long signalingCpu = signaling.cpuMicros();
        for (int i = 0; i < rounds; i++) {
            List<BenchPeer> opened = new ArrayList<>(1);
            timeUpgrades(mode, 1, latency, opened);
            opened.forEach(BenchPeer::close);
        }
        return new Result(latency, gateway.cpuMicros() - gatewayCpu, signaling.cpuMicros() - signalingCpu, rounds);
    }

    private Result bursts(Mode mode, int size, int count) throws Exception {
        Histogram latency = new Histogram(3);
        long gatewayCpu = gateway.cpuMicros();
        long signalingCpu = signaling.cpuMicros();
        for (int b = 0; b < count; b++) {
            List<BenchPeer> opened = new ArrayList<>(size);
            timeUpgrades(mode, size, latency, opened);
            opened.forEach(BenchPeer::close);
            Thread.sleep(100);
        }
        return new Result(latency, gateway.cpuMicros() - gatewayCpu, signaling.cpuMicros() - signalingCpu, size * count);
    }

    /** {@code count} upgrades started together; each one's time to its 101 goes into {@code latency}. */
    private void timeUpgrades(Mode mode, int count, Histogram latency, List<BenchPeer> opened) throws Exception {
        int port = mode == Mode.DIRECT ? signaling.port : gateway.port;
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // tokens are signed before the clock starts; a fresh one per upgrade for FRESH
            tokens.add(mode == Mode.FRESH ? TestJwt.accessToken("upgrade-fresh-" + fresh++, "client") : cachedToken);
        }
        List<CompletableFuture<Void>> done = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/signaling?session=upgrade-room-" + (fresh + i) % 50);
            long start = System.nanoTime();
            done.add(BenchPeer.connect(http, uri, tokens.get(i)).thenAccept(peer -> {
                synchronized (latency) {
                    latency.recordValue(System.nanoTime() - start);
                    opened.add(peer);
                }
            }));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static List<String> withJfr(List<String> jvm, Path dir, String name) {
        if (dir == null) {
            return jvm;
        }
        List<String> args = new ArrayList<>(jvm);
        args.add("-XX:FlightRecorderOptions:stackdepth=256");
        args.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve(name + ".jfr").toAbsolutePath());
        return args;
    }
}
