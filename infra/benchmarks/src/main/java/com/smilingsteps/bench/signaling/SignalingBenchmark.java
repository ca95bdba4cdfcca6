package com.smilingsteps.bench.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.smilingsteps.bench.memory.MemoryCgroup;
import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.TestJwt;

/**
 * Drives the packaged signaling-service (started here with an embedded Kafka) through its real
 * WebSocket protocol and prints what it costs:
 * <ol>
 * <li>closed loop, N rooms × 2 peers (N = 10, 100, 1000): offer → answer → 10 candidates each way, repeated, with the
 * shared harness's payloads ({@link HarnessPayloads}: 3 KB SDP, 300 B candidates); msgs/s, offer→answer RTT, one-way
 * delivery latency, join latency (a {@code join-room} to its first answer), room-ready latency (connect start to both
 * peers in the room, admission included, as the shared harness counts a join), server RSS and server CPU µs per
 * relayed message (utime+stime from /proc/&lt;pid&gt;/stat over the exchange phase);</li>
 * <li>fixed rate (default 5,000 msgs/s offered over 100 rooms): delivery latency without saturation;</li>
 * <li>idle: as many authenticated idle connections as asked (default 20,000) and the RSS they take.</li>
 * </ol>
 * Usage: {@code SignalingBenchmark [--rooms 10,100,1000] [--seconds 10] [--rate 5000] [--idle 20000] [--via-gateway]
 * [--histogram] [--server-jvm "-Xmx512m -XX:+UseSerialGC"] [--joins-in-flight 50] [--sdp-bytes 3000]
 * [--candidate-bytes 300] [--candidates 10] [--idle-hold 30] [--memory-limit 768m]}; {@code --via-gateway} also starts the packaged gateway and sends every
 * client through it; {@code --histogram} prints what an idle socket costs by class (and native memory by category
 * when {@code --server-jvm} has {@code -XX:NativeMemoryTracking=summary}); {@code --server-jvm} replaces the server's
 * JVM options (default {@code -Xmx512m -XX:+UseSerialGC}); {@code --joins-in-flight} is how many rooms join at a time (the harness starts every room at once);
 * the next three are the harness's SDP_BYTES, CANDIDATE_BYTES and CANDIDATES; {@code --idle-hold} is how many
 * seconds the idle connections stay open before the server's memory is read; {@code --memory-limit} runs
 * signaling in a memory cgroup with that limit (its deployment's is 768m; {@link MemoryCgroup}, root only),
 * by default with the image's JVM options under it ({@link com.smilingsteps.bench.memory.ImageJvm}), and prints its peak at the end.
 * Every check stays on (token and ticket verification, waiting room, room membership, rate limit);
 * the per-connection rate limit is raised so that the closed loop measures the relay, not the limiter.
 */
public final class SignalingBenchmark {

    private final URI uri;
    private final ServerProcess server;
    /** The gateway the clients go through, or null for direct connections. */
    private final ServerProcess gateway;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    private final int joinsInFlight;
    private final HarnessPayloads payloads;

    private SignalingBenchmark(ServerProcess server, ServerProcess gateway, int joinsInFlight, HarnessPayloads payloads) {
        this.server = server;
        this.gateway = gateway;
        this.joinsInFlight = joinsInFlight;
        this.payloads = payloads;
        this.uri = URI.create("ws://127.0.0.1:" + (gateway != null ? gateway.port : server.port) + "/ws/signaling");
    }

    /** CPU time of the signaling process, plus the gateway's when the clients go through it. */
    private long cpuMicros() {
        return server.cpuMicros() + (gateway != null ? gateway.cpuMicros() : 0);
    }

    public static void main(String[] args) throws Exception {
        SignalingBenchmarkOptions options = SignalingBenchmarkOptions.parse(args);
        List<String> jvm = options.signalingJvm();
        HarnessPayloads payloads = options.payloads;
        String memoryLimit = options.memoryLimit;
        Path jar = ServerProcess.packagedJar("signaling-service");
        Path log = Files.createTempFile("bench-signaling-", ".log");
        System.out.printf("signaling benchmark: JVM %s, server %s %s, log %s%n%s%n", System.getProperty("java.version"),
                jvm, jar, log, payloads.describe());
        try (EmbeddedKafka kafka = EmbeddedKafka.startTemporary()) {
            kafka.createTopics(Map.of("signaling.relay", 1, "call-events", 1, "audit-events", 1));
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "JWT_VERIFY_KEYS", TestJwt.jwksFile().toUri().toString(),
                    "SIGNALING_RATE_MESSAGES_PER_SECOND", "1000000",
                    "SIGNALING_RATE_BURST", "1000000",
                    // every bench peer connects from 127.0.0.1 and the idle test reuses 100 users
                    "SIGNALING_MAX_CONNECTIONS_PER_USER", "1000000",
                    "SIGNALING_MAX_CONNECTIONS_PER_ADDRESS", "1000000");
            MemoryCgroup memory = memoryLimit == null ? null : MemoryCgroup.create("signaling-service", MemoryCgroup.bytes(memoryLimit));
            try (ServerProcess server = ServerProcess.start(jar, FreePorts.next(), jvm, env, log, "/q/health/ready", memory);
                    ServerProcess gateway = options.viaGateway ? ServerProcess.startGateway(server.port, options.gatewayJvm()) : null) {
                SignalingBenchmark bench = new SignalingBenchmark(server, gateway, options.joinsInFlight, payloads);
                System.out.printf("signaling pid %d ready, RSS %.0f MiB; clients connect to %s%s%n", server.pid(),
                        server.rssMiB(), bench.uri, gateway != null ? " (the gateway; CPU below is signaling + gateway)" : "");
                System.out.println("membership: " + server.awaitLocalMembership(Duration.ofSeconds(20)));
                bench.closedLoop(10, 3, false); // warm-up
                if (!options.roomCounts.isEmpty()) {
                    System.out.println();
                    System.out.println("closed loop: offer -> answer -> " + payloads.candidates + " candidates each way, repeated");
                    System.out.println("rooms  msgs/s   RTT p50/p95/p99 ms   deliver p50/p95/p99 ms   join p50/p95/p99 ms"
                            + "   server CPU us/msg   server RSS MiB   room ready p50/p95/p99 ms");
                }
                for (int rooms : options.roomCounts) {
                    bench.closedLoop(rooms, options.seconds, true);
                }
                if (options.rate > 0) {
                    bench.fixedRate(100, options.rate, options.seconds);
                }
                if (options.idle > 0) {
                    IdleConnections.measure(bench.http, bench.server, options.idle, options.idleHoldSeconds, options.histogram);
                }
                if (memory != null) {
                    System.out.println("memory, signaling-service: " + memory.report());
                }
            } finally {
                if (memory != null) {
                    memory.close();
                }
            }
        }
        System.exit(0);
    }

    /** Two peers in one room, joined through the waiting room like a real call. */
    private final class Room {
        final String id = "bench-" + UUID.randomUUID();
        BenchPeer psy;
        BenchPeer client;
        // closed-loop state, guarded by this
        long offerSentAt;
        int candidatesAtPsy;
        int candidatesAtClient;
        boolean answered;
    }

    /** {@code roomReady}: from the room's connect start until the psychologist sees the admitted client. */
    private List<Room> join(int count, Histogram joinLatency, Histogram roomReady) throws Exception {
        List<Room> rooms = new ArrayList<>();
        Semaphore inFlight = new Semaphore(joinsInFlight);
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Room room = new Room();
            rooms.add(room);
            inFlight.acquire();
            CompletableFuture<Void> done = new CompletableFuture<>();
            joined.add(done);
            String psyUser = "psy-" + room.id;
            String clientUser = "client-" + room.id;
            long connectStart = System.nanoTime();
            BenchPeer.connect(http, uri, TestJwt.accessToken(psyUser, "psychologist"))
                    .thenCombine(BenchPeer.connect(http, uri, TestJwt.accessToken(clientUser, "client")), (psy, client) -> {
                        room.psy = psy;
                        room.client = client;
                        long psyJoin = System.nanoTime();
                        AtomicLong clientJoin = new AtomicLong();
                        psy.onMessage((peer, m) -> {
                            switch (m.path("type").asText()) {
                                case "existing-participants" -> {
                                    joinLatency.recordValue(System.nanoTime() - psyJoin);
                                    peer.peerId = m.path("peerId").asText();
                                    clientJoin.set(System.nanoTime());
                                    client.send(BenchMessages.join(clientUser, "client", room.id));
                                }
                                case "user-waiting" -> peer.send(BenchMessages.message("admit", "peerId", m.path("peerId").asText()));
                                case "user-joined" -> {
                                    roomReady.recordValue(System.nanoTime() - connectStart);
                                    done.complete(null);
                                }
                                default -> done.completeExceptionally(new IllegalStateException(m.toString()));
                            }
                        });
                        client.onMessage((peer, m) -> {
                            switch (m.path("type").asText()) {
                                case "waiting" -> {
                                    joinLatency.recordValue(System.nanoTime() - clientJoin.get());
                                    peer.peerId = m.path("peerId").asText();
                                }
                                case "admitted", "existing-participants" -> {
                                }
                                default -> done.completeExceptionally(new IllegalStateException(m.toString()));
                            }
                        });
                        psy.send(BenchMessages.join(psyUser, "psychologist", room.id));
                        return psy;
                    })
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            done.completeExceptionally(failure);
                        }
                    });
            done.whenComplete((ok, failure) -> inFlight.release());
        }
        CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        return rooms;
    }

    private void closedLoop(int roomCount, int seconds, boolean print) throws Exception {
        Histogram joinLatency = new ConcurrentHistogram(3);
        Histogram roomReady = new ConcurrentHistogram(3);
        List<Room> rooms = join(roomCount, joinLatency, roomReady);
        Histogram rtt = new ConcurrentHistogram(3);
        Histogram delivery = new ConcurrentHistogram(3);
        AtomicLong delivered = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        for (Room room : rooms) {
            room.client.onMessage((peer, m) -> {
                BenchMessages.recordDelivery(m, delivery, delivered);
                switch (m.path("type").asText()) {
                    case "offer" -> {
                        peer.send(payloads.answer(room.psy.peerId));
                        for (int i = 0; i < payloads.candidates; i++) {
                            peer.send(payloads.candidate(room.psy.peerId, i));
                        }
                    }
                    case "ice-candidate" -> {
                        synchronized (room) {
                            room.candidatesAtClient++;
                            nextRound(room, running);
                        }
                    }
                    default -> {
                    }
                }
            });
            room.psy.onMessage((peer, m) -> {
                BenchMessages.recordDelivery(m, delivery, delivered);
                switch (m.path("type").asText()) {
                    case "answer" -> {
                        rtt.recordValue(System.nanoTime() - room.offerSentAt);
                        for (int i = 0; i < payloads.candidates; i++) {
                            peer.send(payloads.candidate(room.client.peerId, i));
                        }
                        synchronized (room) {
                            room.answered = true;
                            nextRound(room, running);
                        }
                    }
                    case "ice-candidate" -> {
                        synchronized (room) {
                            room.candidatesAtPsy++;
                            nextRound(room, running);
                        }
                    }
                    default -> {
                    }
                }
            });
        }
        long cpuBefore = cpuMicros();
        long deliveredBefore = delivered.get();
        long start = System.nanoTime();
        rooms.forEach(this::offer);
        Thread.sleep(seconds * 1000L);
        long elapsed = System.nanoTime() - start;
        long cpu = cpuMicros() - cpuBefore;
        long messages = delivered.get() - deliveredBefore;
        running.set(false);
        double rss = server.rssMiB();
        if (print) {
            System.out.printf("%5d  %7.0f   %s       %s           %s        %6.1f             %6.0f   %s%n",
                    roomCount, messages / (elapsed / 1e9), ms(rtt), ms(delivery), ms(joinLatency),
                    (double) cpu / messages, rss, ms(roomReady));
        }
        closeAll(rooms);
    }

    private void offer(Room room) {
        synchronized (room) {
            room.candidatesAtPsy = 0;
            room.candidatesAtClient = 0;
            room.answered = false;
            room.offerSentAt = System.nanoTime();
        }
        room.psy.send(payloads.offer(room.client.peerId));
    }

    private void nextRound(Room room, AtomicBoolean running) {
        if (room.answered && room.candidatesAtPsy == payloads.candidates
                && room.candidatesAtClient == payloads.candidates
                && running.get()) {
            offer(room);
        }
    }

    /** Offers {@code rate} candidates per second spread over {@code roomCount} rooms, alternating directions. */
    private void fixedRate(int roomCount, int rate, int seconds) throws Exception {
        List<Room> rooms = join(roomCount, new ConcurrentHistogram(3), new ConcurrentHistogram(3));
        Histogram delivery = new ConcurrentHistogram(3);
        AtomicLong delivered = new AtomicLong();
        for (Room room : rooms) {
            room.psy.onMessage((peer, m) -> BenchMessages.recordDelivery(m, delivery, delivered));
            room.client.onMessage((peer, m) -> BenchMessages.recordDelivery(m, delivery, delivered));
        }
        long cpuBefore = cpuMicros();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            for (; sent < due; sent++) {
                Room room = rooms.get((int) (sent % roomCount));
                if ((sent / roomCount) % 2 == 0) {
                    room.psy.send(payloads.candidate(room.client.peerId, (int) (sent % payloads.candidates)));
                } else {
                    room.client.send(payloads.candidate(room.psy.peerId, (int) (sent % payloads.candidates)));
                }
            }
            Thread.sleep(1);
        }
        Thread.sleep(500); // let the last ones arrive
        long cpu = cpuMicros() - cpuBefore;
        System.out.printf("%nfixed rate: %d msgs/s offered over %d rooms for %d s: delivered %d of %d, "
                + "deliver p50/p95/p99 %s ms, server CPU %.1f us/msg, RSS %.0f MiB%n",
                rate, roomCount, seconds, delivered.get(), sent, ms(delivery), (double) cpu / delivered.get(),
                server.rssMiB());
        closeAll(rooms);
    }

    private static void closeAll(List<Room> rooms) throws InterruptedException {
        rooms.forEach(room -> {
            room.psy.close();
            room.client.close();
        });
        Thread.sleep(1000);
    }

    private static String ms(Histogram h) {
        return String.format("%5.2f/%5.2f/%5.2f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(95) / 1e6,
                h.getValueAtPercentile(99) / 1e6);
    }
}
