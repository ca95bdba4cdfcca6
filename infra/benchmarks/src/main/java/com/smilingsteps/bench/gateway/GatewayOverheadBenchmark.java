package com.smilingsteps.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.smilingsteps.bench.signaling.ServerProcess;
import com.smilingsteps.infra.testing.TestJwt;

import io.vertx.core.Vertx;

/**
 * What the gateway adds to a call: the same REST request and the same WebSocket round trip,
 * sent straight to an upstream and through the real gateway (its packaged jar, every check on:
 * token verification, rate limits, header rewriting, proxying) in one run, interleaved in rounds
 * so machine noise hits both sides alike. Prints p50/p99 of each path and the difference. The gateway's
 * per-socket frame pacing is lifted ({@link ServerProcess#gatewayInFrontOf}), or it would set the WebSocket figures.
 * Its CPU per request and per frame: {@link GatewayCpuBenchmark}.
 *
 * <pre>java -cp "infra/benchmarks/target/classes:infra/benchmarks/target/lib/*" \
 *   com.smilingsteps.bench.gateway.GatewayOverheadBenchmark [requestsPerRound=2000] [rounds=5]</pre>
 */
public final class GatewayOverheadBenchmark {

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Vertx vertx = Vertx.vertx();
        int upstreamPort = EchoUpstream.start(vertx).port;
        try (ServerProcess gateway = ServerProcess.startGateway(upstreamPort, List.of("-Xmx384m"))) {
            int gatewayPort = gateway.port;
            String token = TestJwt.accessToken("bench-user", "client");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create("http://127.0.0.1:" + upstreamPort + "/api/psychologists");
            URI viaGateway = URI.create("http://127.0.0.1:" + gatewayPort + "/api/psychologists");
            Histogram restDirect = histogram();
            Histogram restGateway = histogram();
            Histogram wsDirect = histogram();
            Histogram wsGateway = histogram();

            WsClient wsD = WsClient.open(http, URI.create("ws://127.0.0.1:" + upstreamPort + "/ws/signaling"), token);
            WsClient wsG = WsClient.open(http, URI.create("ws://127.0.0.1:" + gatewayPort + "/ws/signaling"), token);
            // warm-up: JIT on both sides, token cached by the gateway
            restRound(http, direct, token, 1000, histogram());
            restRound(http, viaGateway, token, 1000, histogram());
            wsD.round(1000, histogram());
            wsG.round(1000, histogram());
            for (int round = 0; round < rounds; round++) {
                restRound(http, direct, token, perRound, restDirect);
                restRound(http, viaGateway, token, perRound, restGateway);
                wsD.round(perRound, wsDirect);
                wsG.round(perRound, wsGateway);
            }
            System.out.printf("Gateway overhead on loopback, %d rounds x %d sequential requests per path%n", rounds, perRound);
            print("REST GET  direct ", restDirect);
            print("REST GET  gateway", restGateway);
            printAdded("REST GET", restDirect, restGateway);
            print("WS echo   direct ", wsDirect);
            print("WS echo   gateway", wsGateway);
            printAdded("WS round trip", wsDirect, wsGateway);
            wsD.close();
            wsG.close();
        } finally {
            vertx.close();
        }
    }

    private static void restRound(HttpClient http, URI uri, String token, int count, Histogram into) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            into.recordValue((System.nanoTime() - start) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    }

    private static void print(String label, Histogram h) {
        System.out.printf("  %s  p50 %7.3f ms   p99 %7.3f ms   (n=%d)%n", label,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getTotalCount());
    }

    private static void printAdded(String label, Histogram direct, Histogram gateway) {
        System.out.printf("  => gateway adds to %s: p50 %+.3f ms, p99 %+.3f ms%n", label,
                (gateway.getValueAtPercentile(50) - direct.getValueAtPercentile(50)) / 1000.0,
                (gateway.getValueAtPercentile(99) - direct.getValueAtPercentile(99)) / 1000.0);
    }

    /** One WebSocket in closed loop: send a frame, wait for its echo. */
    private static final class WsClient implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static WsClient open(HttpClient http, URI uri, String token) throws Exception {
            WsClient client = new WsClient();
            String carrier = java.net.URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            client.socket = http.newWebSocketBuilder().subprotocols("bearer-token-carrier", carrier)
                    .buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        void round(int count, Histogram into) throws Exception {
            String frame = "{\"type\":\"ice-candidate\",\"to\":\"peer-2\",\"candidate\":{\"candidate\":"
                    + "\"candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}";
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
                if (received.poll(5, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no echo within 5 s");
                }
                into.recordValue((System.nanoTime() - start) / 1000);
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
