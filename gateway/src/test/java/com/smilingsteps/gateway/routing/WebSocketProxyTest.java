package com.smilingsteps.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.smilingsteps.infra.testing.CapturedLogs;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.TestJwt;

import io.netty.channel.epoll.Epoll;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** The signaling WebSocket through the gateway: token checked at the upgrade, frames both ways. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(StandInUpstreams.class)
class WebSocketProxyTest {

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    Vertx gatewayVertx;

    private Vertx vertx;

    @BeforeEach
    void createClient() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeClient() {
        vertx.close();
    }

    /**
     * Each relayed frame is a socket read and a write on each side of the tunnel; through Netty's epoll
     * transport (the service kit's default) they cost 3-10 % less of the gateway's CPU than through the
     * JDK's selector (infra/benchmarks, session 26). Epoll is Linux's: elsewhere the fallback is by design.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theTunnelsSocketsUseNettysNativeEpollTransport() {
        assertTrue(gatewayVertx.isNativeTransportEnabled(), "not loaded: " + Epoll.unavailabilityCause());
    }

    @Test
    void framesFlowBothWaysWithTheTokenInTheBrowserSubprotocol() throws Exception {
        String token = TestJwt.accessToken("client-1", "client");
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = connect(options("/ws/signaling").setSubProtocols(List.of("bearer-token-carrier", carrier)),
                received);

        JsonObject hello = new JsonObject(received.poll(10, TimeUnit.SECONDS));
        assertEquals("signaling", hello.getString("service"));
        assertEquals("/ws/signaling", hello.getString("path"));
        JsonObject headers = hello.getJsonObject("headers");
        assertTrue(headers.getString("sec-websocket-protocol").contains("bearer-token-carrier"),
                "the subprotocol header reaches signaling-service, which verifies the token again");
        assertEquals("127.0.0.1", headers.getString("x-forwarded-for"));
        assertEquals("bearer-token-carrier", socket.subProtocol());

        socket.writeTextMessage("{\"type\":\"chat\",\"text\":\"hello\"}");
        assertEquals("echo:{\"type\":\"chat\",\"text\":\"hello\"}", received.poll(10, TimeUnit.SECONDS));
        socket.close();
    }

    @Test
    void aSocketFloodingFramesIsReadAtItsFrameRateLosingNothingWhileAnotherSocketIsAnsweredAtOnce() throws Exception {
        // the test profile: 20 frames per second after a burst of 20
        String token = TestJwt.accessToken("flood-1", "client");
        LinkedBlockingQueue<String> flooded = new LinkedBlockingQueue<>();
        WebSocket flooder = connect(options("/ws/signaling?access_token=" + token), flooded);
        LinkedBlockingQueue<String> calm = new LinkedBlockingQueue<>();
        WebSocket neighbour = connect(options("/ws/signaling?access_token=" + TestJwt.accessToken("calm-1", "client")), calm);
        flooded.poll(10, TimeUnit.SECONDS);
        calm.poll(10, TimeUnit.SECONDS);

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            flooder.writeTextMessage("{\"type\":\"chat\",\"text\":\"" + i + "\"}");
        }
        neighbour.writeTextMessage("hello");
        assertEquals("echo:hello", calm.poll(2, TimeUnit.SECONDS), "the neighbour waits for nobody's frames");
        Thread.sleep(1000);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(flooded.size() <= 20 + 20 * seconds, flooded.size() + " of 100 frames passed in " + seconds + " s");

        for (int i = 0; i < 100; i++) {
            assertEquals("echo:{\"type\":\"chat\",\"text\":\"" + i + "\"}", flooded.poll(10, TimeUnit.SECONDS),
                    "frame " + i + ", in order");
        }
        assertTrue(!flooder.isClosed(), "slowed down, not closed");
        flooder.close();
        neighbour.close();
    }

    @Test
    void aMessageLargerThanSignalingAcceptsClosesTheSocketWith1009AtTheGatewayAndNeverReachesSignaling() throws Exception {
        String token = TestJwt.accessToken("oversized-1", "client");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        CompletableFuture<Short> closedWith = new CompletableFuture<>();
        // one frame of 70,000 characters, as a hostile client sends it (Vert.x would split it at 64 KiB)
        WebSocket socket = connect(new HttpClientOptions().setMaxWebSocketFrameSize(1 << 20),
                options("/ws/signaling?access_token=" + token), received);
        socket.closeHandler(v -> closedWith.complete(socket.closeStatusCode()));
        received.poll(10, TimeUnit.SECONDS);

        socket.writeTextMessage("x".repeat(70_000));
        assertEquals((short) 1009, closedWith.get(10, TimeUnit.SECONDS), "message too big, as signaling closes it");
        assertNull(received.poll(500, TimeUnit.MILLISECONDS), "signaling never got the message");

        LinkedBlockingQueue<String> again = new LinkedBlockingQueue<>();
        WebSocket next = connect(options("/ws/signaling?access_token=" + token), again);
        again.poll(10, TimeUnit.SECONDS);
        next.writeTextMessage("x".repeat(60_000));
        assertEquals("received 60000 characters", again.poll(10, TimeUnit.SECONDS), "a message within the limit passes");
        next.close();
    }

    @Test
    void tokenInTheAccessTokenQueryParameterIsAccepted() throws Exception {
        String token = TestJwt.accessToken("psy-1", "psychologist");
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = connect(options("/ws/signaling?session=s-1&access_token=" + token + "&x=1"), received);
        JsonObject hello = new JsonObject(received.poll(10, TimeUnit.SECONDS));
        assertEquals("signaling", hello.getString("service"));
        assertEquals("session=s-1&x=1", hello.getString("query"), "the upstream keeps no token in the URI of the socket");
        assertEquals("Bearer " + token, hello.getJsonObject("headers").getString("authorization"));
        socket.close();
    }

    @Test
    void bothPeersOfASessionMeetOnOneSignalingInstanceAndSessionsSpreadOverAll() throws Exception {
        String token = TestJwt.accessToken("affinity-1", "client");
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String path = "/ws/signaling?session=session-" + i + "&access_token=" + token;
            int first = helloPort(path);
            for (int again = 0; again < 3; again++) {
                assertEquals(first, helloPort(path), "session-" + i + " went to another instance");
            }
            used.add(first);
        }
        assertEquals(2, used.size(), "20 sessions all on one of two instances: " + used);
    }

    @Test
    void moreOpenCallsThanTheRestConnectionPoolHoldsAllConnect() throws Exception {
        // Each proxied WebSocket holds an upstream connection for its life; 300 > the 256 REST pool.
        String token = TestJwt.accessToken("many-1", "client");
        List<WebSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                sockets.add(connect(options("/ws/signaling?access_token=" + token), new LinkedBlockingQueue<>()));
            }
            assertEquals(300, sockets.stream().filter(socket -> !socket.isClosed()).count());
        } finally {
            sockets.forEach(WebSocket::close);
        }
    }

    @Test
    void upgradeWithoutAValidTokenIsRefusedWith401() {
        for (String path : List.of("/ws/signaling", "/ws/signaling?access_token=" + TestJwt.expired("c", "client"))) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> connect(options(path), new LinkedBlockingQueue<>()));
            UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.getCause());
            assertEquals(401, rejected.getStatus());
        }
    }

    @Test
    void aCallThatHangsUpLeavesNoErrorInTheGatewayLog() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (int call = 0; call < 3; call++) {
                LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
                WebSocket socket = connect(options("/ws/signaling?access_token=" + TestJwt.accessToken("hangs-up", "client")),
                        received);
                assertTrue(received.poll(10, TimeUnit.SECONDS) != null, "the tunnel is open");
                socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Thread.sleep(1_000); // the upstream side of each tunnel closes after the client's
            assertEquals(List.of(), logs.errors(), "an ordinary hang-up is not an error (a soak logged one per call)");
        }
    }

    @Test
    void anUpgradeTheUpstreamRefusesReachesTheClientWithItsStatus() {
        String token = TestJwt.accessToken("refused-1", "client");
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> connect(options("/ws/signaling/refused?access_token=" + token), new LinkedBlockingQueue<>()));
        UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, failure.getCause());
        assertEquals(429, rejected.getStatus());
        assertEquals("7", rejected.getHeaders().get("Retry-After"));
    }

    private int helloPort(String path) throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = connect(options(path), received);
        try {
            return new JsonObject(received.poll(10, TimeUnit.SECONDS)).getInteger("port");
        } finally {
            socket.close();
        }
    }

    private WebSocketConnectOptions options(String uri) {
        return new WebSocketConnectOptions().setHost(gateway.getHost()).setPort(gateway.getPort()).setURI(uri);
    }

    private WebSocket connect(WebSocketConnectOptions options, LinkedBlockingQueue<String> received) throws Exception {
        return connect(new HttpClientOptions(), options, received);
    }

    private WebSocket connect(HttpClientOptions client, WebSocketConnectOptions options, LinkedBlockingQueue<String> received)
            throws Exception {
        CompletableFuture<WebSocket> connected = new CompletableFuture<>();
        vertx.createHttpClient(client).webSocket(options).onComplete(result -> {
            if (result.succeeded()) {
                result.result().textMessageHandler(received::add);
                connected.complete(result.result());
            } else {
                connected.completeExceptionally(result.cause());
            }
        });
        return connected.get(10, TimeUnit.SECONDS);
    }
}
