package com.smilingsteps.gateway.routing;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.smilingsteps.infra.embedded.FreePorts;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP and WebSocket servers standing in for the services: each answers with what it
 * received (service name, method, path, headers, body), so tests see exactly what the gateway
 * forwarded. Two session instances plus a dead port test failover; two signaling instances (the
 * hello names its port) test room affinity; notification is down.
 */
public class StandInUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int sessionA = serve("session-a");
        int sessionB = serve("session-b");
        int signalingA = serve("signaling");
        int signalingB = serve("signaling");
        int turn = serve("turn");
        int dead = FreePorts.next();
        return Map.of(
                "gateway.upstreams.session", "http://127.0.0.1:" + dead + ",http://127.0.0.1:" + sessionA
                        + ",http://127.0.0.1:" + sessionB,
                "gateway.upstreams.signaling", "http://127.0.0.1:" + signalingA + ",http://127.0.0.1:" + signalingB,
                "gateway.upstreams.turn", "http://127.0.0.1:" + turn,
                "gateway.upstreams.notification", "http://127.0.0.1:" + FreePorts.next(),
                "gateway.request-timeout", "1s",
                "gateway.rate-limits.sign-in.capacity", "3",
                "gateway.rate-limits.refresh.capacity", "2",
                "gateway.rate-limits.video-calls.capacity", "5");
    }

    private int serve(String name) {
        int port = FreePorts.next();
        // Takes messages larger than signaling's 64 KiB: what reaches it past the gateway's own limit shows
        HttpServer server = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                        .setWebSocketSubProtocols(java.util.List.of("bearer-token-carrier"))
                        .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20))
                .requestHandler(request -> {
                    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && request.path().endsWith("/refused")) {
                        // as signaling refuses a caller over its connection limit
                        request.response().setStatusCode(429).putHeader("Retry-After", "7").end("too many connections");
                    } else if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        request.toWebSocket().onSuccess(ws -> {
                            JsonObject hello = new JsonObject().put("service", name).put("port", port).put("path", ws.path()).put("query", ws.query())
                                    .put("headers", headers(request.headers()));
                            ws.writeTextMessage(hello.encode());
                            ws.textMessageHandler(text -> ws.writeTextMessage(text.length() > 1000
                                    ? "received " + text.length() + " characters" : "echo:" + text));
                        });
                    } else {
                        answer(name, request);
                    }
                });
        try {
            server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stand-in " + name + " did not start", e);
        }
        return port;
    }

    private static void answer(String name, HttpServerRequest request) {
        if (request.path().endsWith("/silent")) {
            return; // never answers: the gateway must time out, not hang
        }
        if (request.path().equals("/api/auth/refresh")) {
            // as session-service does: the rotated refresh token comes back as a cookie
            request.response().putHeader("Set-Cookie", "ssv_refresh=rotated; Path=/api/auth; HttpOnly; SameSite=Strict");
        }
        request.body().onSuccess(body -> request.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("service", name)
                        .put("method", request.method().name())
                        .put("path", request.path())
                        .put("query", request.query())
                        .put("headers", headers(request.headers()))
                        .put("body", body.toString())
                        .encode()));
    }

    private static JsonObject headers(io.vertx.core.MultiMap headers) {
        JsonObject json = new JsonObject();
        headers.names().forEach(name -> json.put(name.toLowerCase(), String.join(",", headers.getAll(name))));
        return json;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
