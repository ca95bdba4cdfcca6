package com.smilingsteps.bench.gateway;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import com.smilingsteps.bench.signaling.HarnessPayloads;
import com.smilingsteps.bench.signaling.ServerProcess;
import com.smilingsteps.infra.testing.TestJwt;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Issue 16 goal 2 in its own terms: the gateway's CPU (utime+stime of its process from /proc, over a measured
 * phase after a warm-up) per proxied REST request to a protected route with a cached token (goal ≤ 100 µs) and
 * with a token it has never seen (≤ 250 µs), and per WebSocket frame it relays after the upgrade (≤ 10 µs), with
 * the shared harness's payloads as frames (a 3 KB offer, a 300 B candidate). The upstream is an in-process Vert.x
 * echo ({@link EchoUpstream}), so the process measured does nothing but the gateway's work. Before measuring, it
 * checks that the route is proxied (the upstream's answer, the upstream counts it) and that it checks the token
 * (a forged signature and no token get 401 and never reach the upstream; a forged token's upgrade is refused).
 *
 * <pre>java -cp "infra/benchmarks/target/classes:infra/benchmarks/target/lib/*" \
 *   com.smilingsteps.bench.gateway.GatewayCpuBenchmark [--requests 30000] [--new-tokens 15000] [--frames 100000]
 *   [--in-flight 16] [--sockets 4] [--rounds 2] [--gateway-jvm "-Xmx384m -XX:+UseSerialGC"] [--jwks http|file]</pre>
 * {@code --requests}: cached-token requests per round; {@code --new-tokens}: requests with a never-seen token per round
 * (all signed up front with the test key the gateway trusts, plus as many for the warm-up); {@code --frames}: frames
 * echoed per size per round over {@code --sockets} sockets, once with one frame in flight per socket and once with
 * {@code --in-flight}; {@code --in-flight}: requests, and frames per socket in the second WebSocket phase, at once;
 * {@code --gateway-jvm} replaces the gateway's JVM options (add {@code -XX:StartFlightRecording=...} for a profile);
 * {@code --jwks}: where the gateway gets its keys: {@code http}, a JWKS URL as deployed (the echo serves it at
 * session-service's path), or {@code file}, a JWKS file (the figures before session 24). A round of never-seen tokens
 * shorter than about 3 s (5,000 tokens) reads high: the phase's edges weigh in.
 * Needs {@code gateway/target/quarkus-app} below the working directory or one above it.
 */
public final class GatewayCpuBenchmark {

    /** Protected (the gateway's route table requires a token for it) and proxied to session-service, here the echo. */
    private static final String ROUTE = "/api/psychologists";

    private final ServerProcess gateway;
    private final EchoUpstream upstream;
    private final HttpClient http;
    private final WebSocketClient webSockets;
    private final int inFlight;
    private final int sockets;

    private GatewayCpuBenchmark(Vertx vertx, ServerProcess gateway, EchoUpstream upstream, int inFlight, int sockets) {
        this.gateway = gateway;
        this.upstream = upstream;
        this.inFlight = inFlight;
        this.sockets = sockets;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(inFlight));
        this.webSockets = vertx.createWebSocketClient();
    }

    public static void main(String[] args) throws Exception {
        int requests = 30_000;
        int newTokens = 15_000;
        String jwks = "http";
        int frames = 100_000;
        int inFlight = 16;
        int sockets = 4;
        int rounds = 2;
        List<String> jvm = List.of("-Xmx384m", "-XX:+UseSerialGC");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--new-tokens" -> newTokens = Integer.parseInt(args[i + 1]);
                case "--frames" -> frames = Integer.parseInt(args[i + 1]);
                case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
                case "--sockets" -> sockets = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--gateway-jvm" -> jvm = List.of(args[i + 1].trim().split("\\s+"));
                case "--jwks" -> jwks = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        HarnessPayloads payloads = HarnessPayloads.harness();
        String to = "00000000-0000-0000-0000-000000000000";
        List<String> frameKinds = List.of(payloads.offer(to), payloads.candidate(to, 0));
        long signStart = System.nanoTime();
        int perRound = newTokens;
        List<String> fresh = IntStream.range(0, newTokens * (rounds + 1)).parallel()
                .mapToObj(i -> TestJwt.accessToken("bench-user-" + i, i % 2 == 0 ? "client" : "psychologist")).toList();
        String cached = TestJwt.accessToken("bench-user-cached", "client");
        System.out.printf("gateway CPU benchmark: JVM %s, gateway JVM %s; %,d tokens signed in %.1f s; %d requests in flight, "
                + "%d sockets; frames: the harness's offer (%,d B) and candidate (%,d B)%n",
                System.getProperty("java.version"), jvm, fresh.size(), (System.nanoTime() - signStart) / 1e9, inFlight,
                sockets, frameKinds.get(0).length(), frameKinds.get(1).length());
        Vertx vertx = Vertx.vertx();
        EchoUpstream upstream = EchoUpstream.start(vertx);
        String keys = switch (jwks) {
            case "http" -> "http://127.0.0.1:" + upstream.port + EchoUpstream.JWKS_PATH;
            case "file" -> TestJwt.jwksFile().toUri().toString();
            default -> throw new IllegalArgumentException("--jwks http or file, not " + jwks);
        };
        try (ServerProcess gateway = ServerProcess.startGateway(upstream.port, jvm, keys)) {
            GatewayCpuBenchmark bench = new GatewayCpuBenchmark(vertx, gateway, upstream, inFlight, sockets);
            bench.checkRoute(cached);
            // warm-up: the JIT on both paths; the first round's tokens are never measured
            bench.rest(i -> cached, requests);
            bench.rest(fresh::get, perRound);
            for (String frame : frameKinds) {
                bench.frames(cached, frame, frames, inFlight);
            }
            long idleStart = gateway.cpuMicros();
            Thread.sleep(5000);
            System.out.printf("gateway pid %d, idle after the warm-up: %.1f ms CPU per s (JIT, timers; in every figure below)%n",
                    gateway.pid(), (gateway.cpuMicros() - idleStart) / 5000.0);
            System.out.println("round  path                                    count   seconds   per s    gateway CPU us each   goal      load average   when");
            for (int round = 1; round <= rounds; round++) {
                int first = round * perRound;
                print(round, "REST GET, the same (cached) token", bench.rest(i -> cached, requests), 100);
                print(round, "REST GET, a never-seen token each", bench.rest(i -> fresh.get(first + i), perRound), 250);
                for (String frame : frameKinds) {
                    for (int depth : List.of(1, inFlight)) {
                        print(round, String.format("WS %,d B frames, %d in flight/socket", frame.length(), depth),
                                bench.frames(cached, frame, frames, depth), 10);
                    }
                }
            }
            System.out.println("(WS: per frame relayed; a frame echoed is two, client to upstream and back)");
        } finally {
            vertx.close();
        }
        System.exit(0);
    }

    /** What a measured phase did: {@code count} requests or relayed frames, the gateway's CPU over it; when (for a profile). */
    private record Phase(long count, double seconds, long cpuMicros, double loadAverage, LocalTime from, LocalTime to) {
    }

    private static void print(int round, String path, Phase phase, int goalMicros) {
        double each = (double) phase.cpuMicros / phase.count;
        System.out.printf("%5d  %-38s %7d   %6.2f   %7.0f   %8.1f              <= %3d %-4s %5.2f   %s-%s%n", round, path,
                phase.count, phase.seconds, phase.count / phase.seconds, each, goalMicros, each <= goalMicros ? "met" : "not",
                phase.loadAverage, phase.from, phase.to);
    }

    /** Fails unless ROUTE is proxied with a valid token and refused, without reaching the upstream, without one. */
    private void checkRoute(String token) throws Exception {
        String other = TestJwt.accessToken("someone-else", "client");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + other.substring(other.lastIndexOf('.') + 1);
        long before = upstream.requests();
        int ok = get(token, true);
        if (ok != 200 || upstream.requests() != before + 1) {
            throw new IllegalStateException(ROUTE + " with a valid token: " + ok + ", reached the upstream "
                    + (upstream.requests() - before) + " times");
        }
        int refused = get(forged, false);
        int none = get(null, false);
        if (refused != 401 || none != 401 || upstream.requests() != before + 1) {
            throw new IllegalStateException(ROUTE + ": a forged token got " + refused + ", none " + none
                    + "; the upstream saw " + (upstream.requests() - before - 1) + " of them");
        }
        Future<WebSocket> upgrade = connect(forged);
        upgrade.toCompletionStage().toCompletableFuture().handle((ws, failure) -> failure).get(10, TimeUnit.SECONDS);
        if (upgrade.succeeded() || upstream.requests() != before + 1) {
            throw new IllegalStateException("/ws/signaling upgraded with a forged token");
        }
        System.out.printf("route check: GET %s with a valid token proxied (200, the upstream's answer); a forged signature "
                + "and no token 401, a forged token's upgrade refused, none of them reached the upstream%n", ROUTE);
    }

    /** The status of one GET; {@code fromUpstream}: fails unless the answer is the upstream's. */
    private int get(String token, boolean fromUpstream) throws Exception {
        return http.request(HttpMethod.GET, gateway.port, "127.0.0.1", ROUTE)
                .compose(request -> {
                    if (token != null) {
                        request.putHeader("Authorization", "Bearer " + token);
                    }
                    return request.send();
                })
                .compose(response -> response.body().map(body -> {
                    if (fromUpstream && !(EchoUpstream.BODY.equals(body.toString()) && response.getHeader(EchoUpstream.MARK) != null)) {
                        throw new IllegalStateException("not the upstream's answer: " + body);
                    }
                    return response.statusCode();
                }))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** {@code count} GETs of ROUTE, {@code inFlight} at a time, request i with token i; every answer must be 200. */
    private Phase rest(IntFunction<String> tokenOf, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long cpu = gateway.cpuMicros();
        long start = System.nanoTime();
        for (int c = 0; c < Math.min(inFlight, count); c++) {
            sendNext(tokenOf, count, next, answered, done);
        }
        done.get(600, TimeUnit.SECONDS);
        return phase(count, start, cpu);
    }

    private void sendNext(IntFunction<String> tokenOf, int count, AtomicInteger next, AtomicInteger answered,
            CompletableFuture<Void> done) {
        int i = next.getAndIncrement();
        if (i >= count) {
            return;
        }
        http.request(HttpMethod.GET, gateway.port, "127.0.0.1", ROUTE)
                .compose(request -> request.putHeader("Authorization", "Bearer " + tokenOf.apply(i)).send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(status -> {
                    if (status.failed() || status.result() != 200) {
                        done.completeExceptionally(new IllegalStateException("request " + i + ": "
                                + (status.failed() ? status.cause() : "status " + status.result())));
                    } else if (answered.incrementAndGet() == count) {
                        done.complete(null);
                    } else {
                        sendNext(tokenOf, count, next, answered, done);
                    }
                });
    }

    /**
     * {@code count} echoes of {@code frame} over fresh sockets through the gateway (opened before the measured
     * phase), {@code depth} per socket at a time (1: every frame its own read and write in the gateway; more: the
     * gateway reads several at once); the result counts frames relayed, two per echo.
     */
    private Phase frames(String token, String frame, int count, int depth) throws Exception {
        List<WebSocket> open = new ArrayList<>();
        for (int s = 0; s < sockets; s++) {
            open.add(connect(token).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
        int perSocket = count / sockets;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long cpu = gateway.cpuMicros();
        long start = System.nanoTime();
        for (WebSocket ws : open) {
            CompletableFuture<Void> socketDone = new CompletableFuture<>();
            done.add(socketDone);
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger echoed = new AtomicInteger();
            ws.exceptionHandler(socketDone::completeExceptionally);
            ws.textMessageHandler(echo -> {
                if (echo.length() != frame.length()) {
                    socketDone.completeExceptionally(new IllegalStateException("echo of " + echo.length() + " B"));
                } else if (echoed.incrementAndGet() == perSocket) {
                    socketDone.complete(null);
                } else if (sent.getAndIncrement() < perSocket) {
                    ws.writeTextMessage(frame);
                }
            });
            ws.closeHandler(closed -> socketDone.completeExceptionally(new IllegalStateException("closed " + ws.closeStatusCode())));
            for (int f = 0; f < Math.min(depth, perSocket) && sent.getAndIncrement() < perSocket; f++) {
                ws.writeTextMessage(frame);
            }
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        Phase phase = phase(2L * perSocket * sockets, start, cpu);
        for (WebSocket ws : open) {
            ws.closeHandler(null).close();
        }
        return phase;
    }

    private Future<WebSocket> connect(String token) {
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port)
                .setURI("/ws/signaling").setSubProtocols(List.of("bearer-token-carrier", carrier)));
    }

    private Phase phase(long count, long startNanos, long cpuBefore) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        LocalTime to = LocalTime.now().truncatedTo(ChronoUnit.SECONDS);
        return new Phase(count, seconds, gateway.cpuMicros() - cpuBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                to.minusNanos((long) (seconds * 1e9)).truncatedTo(ChronoUnit.SECONDS), to);
    }
}
