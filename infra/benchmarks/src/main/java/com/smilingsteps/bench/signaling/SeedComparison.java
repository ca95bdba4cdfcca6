package com.smilingsteps.bench.signaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.devstack.DevSecrets;
import com.smilingsteps.devstack.DevStack;
import com.smilingsteps.devstack.StackPorts;
import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.EmbeddedMongo;
import com.smilingsteps.infra.embedded.EmbeddedSmtp;
import com.smilingsteps.infra.embedded.FreePorts;

/**
 * Issue 16's comparison in one run: the shared node harness ({@code signaling-vs-plan}) against
 * gateway + signaling-service (every check on, real accounts and tickets made through
 * session-service) and against the plan's own socket.io server, at each room count. Starts
 * Kafka, MongoDB-wire and GreenMail embedded and the three packaged services on free ports
 * (gateway and signaling with the C2 JIT, as in production), never on the dev stack's ports.
 * <p>
 * {@code SeedComparison --harness <dir> [--rooms 10,100] [--runs 2] [--jfr <dir>] [--straight-to-signaling true]}:
 * each size runs {@code runs} times per server; every run is printed, the last one is the figure (JIT warm-up). With
 * {@code --jfr} gateway and signaling record a JFR profile there ({@code jfr print --events jdk.ExecutionSample});
 * {@code --straight-to-signaling true} connects the harness's sockets to signaling itself, to price the gateway's hop.
 */
public final class SeedComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICE_JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path harness = Path.of(options.getOrDefault("harness", "../shared/bench/signaling-vs-plan")).toAbsolutePath();
        List<Integer> roomCounts = List.of(options.getOrDefault("rooms", "10,100").split(",")).stream()
                .map(Integer::parseInt).toList();
        int runs = Integer.parseInt(options.getOrDefault("runs", "2"));
        Optional<Path> jfr = Optional.ofNullable(options.get("jfr")).map(Path::of);
        // the sockets straight to signaling, the gateway's hop left out: what that hop costs per message
        String straightOption = options.getOrDefault("straight-to-signaling", "false");
        if (!straightOption.equals("true") && !straightOption.equals("false")) {
            throw new IllegalArgumentException("--straight-to-signaling takes true or false, not " + straightOption);
        }
        boolean straight = straightOption.equals("true");
        // more JVM options for gateway and signaling, e.g. "-XX:TieredStopAtLevel=1" to compare JIT settings
        List<String> serviceJvm = options.containsKey("service-jvm")
                ? List.of(options.get("service-jvm").trim().split("\\s+"))
                : List.of();
        if (!Files.isDirectory(harness.resolve("node_modules"))) {
            throw new IllegalStateException("run `npm ci` in " + harness + " first");
        }
        Path data = Files.createTempDirectory("seed-comparison");
        System.out.println("services' and harness logs, Kafka data: " + data);
        StackPorts ports = StackPorts.free();
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), ports.kafka(), ports.kafkaController());
                EmbeddedSmtp smtp = EmbeddedSmtp.onFreePorts()) {
            kafka.createTopics(DevStack.TOPICS.stream().collect(Collectors.toMap(t -> t, t -> 1)));
            DevSecrets secrets = DevSecrets.loadOrCreate(data);
            Map<String, String> env = DevStack.serviceEnvironment(secrets, ports, mongo, kafka, smtp, Optional.empty(),
                    Map.of("GATEWAY_VIDEO_CALLS_LIMIT", "100000000", "GATEWAY_SIGN_IN_LIMIT", "100000",
                            // every harness socket comes from 127.0.0.1
                            "SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", "100000",
                            // the harness's closed loop sends faster than a caller's frame rate; the
                            // comparison is of cost per message, as the seed has no such pacing
                            "GATEWAY_WEBSOCKET_FRAMES_PER_SECOND", "1000000", "GATEWAY_WEBSOCKET_FRAMES_BURST", "1000000",
                            // and signaling's own per-socket limit: a lone room's 220 messages a peer exceed its burst
                            "SIGNALING_RATE_MESSAGES_PER_SECOND", "1000000", "SIGNALING_RATE_BURST", "1000000"));
            try (ServerProcess session = service("session-service", ports.session(), env, data, Optional.empty(),
                    // only makes the accounts: start fast
                    List.of("-XX:TieredStopAtLevel=1"));
                    ServerProcess signaling = service("signaling-service", ports.signaling(), env, data, jfr, serviceJvm);
                    ServerProcess gateway = service("gateway", ports.gateway(), env, data, jfr, serviceJvm)) {
                Map<String, String> ours = new HashMap<>(Map.of("ADAPTER", "smiling",
                        "URL", "http://127.0.0.1:" + (straight ? signaling.port : gateway.port),
                        "API_URL", "http://127.0.0.1:" + session.port,
                        "BOOTSTRAP_ADMIN_EMAIL", secrets.get("BOOTSTRAP_ADMIN_EMAIL"),
                        "BOOTSTRAP_ADMIN_PASSWORD", secrets.get("BOOTSTRAP_ADMIN_PASSWORD"),
                        "SERVER_PID",
                        straight ? String.valueOf(signaling.pid()) : gateway.pid() + "," + signaling.pid(),
                        // the join phase's CPU also of session-service, of this JVM (Kafka, MongoDB-wire) and of the client
                        "JOIN_CPU_PIDS", gateway.pid() + "," + signaling.pid() + "," + session.pid() + ","
                                + ProcessHandle.current().pid()));
                System.out.println("signaling membership: " + signaling.awaitLocalMembership(Duration.ofSeconds(20)));
                System.out.println("| rooms | server | CPU µs per relayed message ("
                        + (straight ? "signaling" : "gateway + signaling") + ") | msgs/s "
                        + "| join p50 / p99 ms | of which connect p50 / p99 ms "
                        + "| join phase: CPU ms [gateway, signaling, session, Kafka + MongoDB] or [seed], client, machine busy "
                        + "| RTT p50 / p99 ms | exchanges ok |");
                System.out.println("|---|---|---|---|---|---|---|---|---|");
                for (int rooms : roomCounts) {
                    for (int run = 1; run <= runs; run++) {
                        String server = straight ? "signaling alone, no gateway" : "gateway + signaling";
                        print(rooms, server + runLabel(run, runs), load(harness, ours, rooms, data));
                    }
                    for (int run = 1; run <= runs; run++) {
                        // each run on a fresh server, as the harness's run.sh does: no warm-up to label
                        print(rooms, "seed socket.io" + (runs == 1 ? "" : " (run " + run + " of " + runs + ")"),
                                seed(harness, rooms, data));
                    }
                }
            }
        }
    }

    private static ServerProcess service(String name, int port, Map<String, String> env, Path data, Optional<Path> jfr,
            List<String> moreJvm) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(SERVICE_JVM);
        jvm.addAll(moreJvm);
        jfr.ifPresent(dir -> jvm.add("-XX:StartFlightRecording=filename=" + dir.toAbsolutePath().resolve(name + ".jfr")
                + ",settings=profile,dumponexit=true"));
        ServerProcess server = ServerProcess.start(Path.of(name, "target/quarkus-app/quarkus-run.jar"), port, jvm, env,
                data.resolve(name + ".log"), "/q/health/ready");
        // Ctrl-C skips the try-with-resources: stop the child JVMs anyway
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /** Earlier runs of gateway + signaling are printed too, so the JIT's warm-up shows; the last one is the figure. */
    private static String runLabel(int run, int runs) {
        return runs == 1 ? "" : run < runs ? " (run " + run + " of " + runs + ", warming up)" : " (run " + run + " of " + runs + ")";
    }

    /** The plan's socket.io server, started fresh for one run. */
    private static JsonNode seed(Path harness, int rooms, Path data) throws IOException, InterruptedException {
        int port = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(harness.toFile())
                .redirectErrorStream(true).redirectOutput(data.resolve("seed.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process server = builder.start();
        Thread stopOnExit = new Thread(server::destroy);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            Thread.sleep(1500);
            return load(harness, Map.of("ADAPTER", "socketio", "URL", "http://127.0.0.1:" + port,
                    "SERVER_PID", String.valueOf(server.pid())), rooms, data);
        } finally {
            server.destroy();
            server.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    /** One {@code node load.js}: its JSON summary line. */
    private static JsonNode load(Path harness, Map<String, String> env, int rooms, Path data)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "load.js").directory(harness.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("load.log").toFile()));
        builder.environment().putAll(env);
        builder.environment().put("ROOMS", String.valueOf(rooms));
        Process load = builder.start();
        String out = new String(load.getInputStream().readAllBytes());
        load.waitFor();
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static void print(int rooms, String server, JsonNode run) {
        if (run.path("aborted").asBoolean()) {
            System.out.printf("| %d | %s | aborted: %s | | | | | | |%n", rooms, server, run.path("error_samples"));
            return;
        }
        // a harness that reports each process's share prints it too: [gateway, signaling]
        JsonNode byProcess = run.path("server_cpu_us_per_msg_by_pid");
        String cpu = run.path("server_cpu_us_per_msg").asText() + (byProcess.size() > 1 ? " " + byProcess : "");
        // a harness that reports the join phase's CPU prints it, and the machine's busy share
        String joinCpu = run.has("join_cpu_ms_by_pid")
                ? run.path("join_cpu_ms_by_pid") + ", " + run.path("join_client_cpu_ms").asText() + ", "
                        + run.path("join_machine_busy_pct").asText() + " %"
                : "";
        System.out.printf("| %d | %s | %s | %s | %s / %s | %s / %s | %s | %s / %s | %s/%s |%n", rooms, server, cpu,
                run.path("msgs_per_s").asText(),
                run.path("join_ms").path("p50").asText(), run.path("join_ms").path("p99").asText(),
                run.path("connect_ms").path("p50").asText(), run.path("connect_ms").path("p99").asText(), joinCpu,
                run.path("rtt_ms").path("p50").asText(), run.path("rtt_ms").path("p99").asText(),
                run.path("exchanges_ok").asText(), run.path("exchanges_expected").asText());
    }
}
