package com.smilingsteps.bench.gateway;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.TestJwt;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * An upstream for the gateway that costs next to nothing, in the benchmark's own process: a small JSON
 * answer (marked with {@link #MARK}) to any request and an echo of every WebSocket text message. It counts
 * the requests that reach it, so a benchmark can tell a proxied request from one the gateway answered itself.
 */
final class EchoUpstream {

    static final String BODY = "[{\"id\":\"p1\",\"name\":\"Dr Wanjiru\",\"specialties\":[\"anxiety\"],\"bio\":\"...\"}]";
    /** A response header only this upstream sets. */
    static final String MARK = "X-Bench-Upstream";

    /** session-service's JWKS path; this upstream serves the test key there. */
    static final String JWKS_PATH = "/api/auth/jwks";

    final int port;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong jwksFetches = new AtomicLong();

    private EchoUpstream(int port) {
        this.port = port;
    }

    static EchoUpstream start(Vertx vertx) throws Exception {
        EchoUpstream upstream = new EchoUpstream(FreePorts.next());
        vertx.createHttpServer(new HttpServerOptions().setWebSocketSubProtocols(List.of("bearer-token-carrier")))
                .requestHandler(request -> {
                    if (JWKS_PATH.equals(request.path())) {
                        // the gateway's keys, where session-service serves them (--jwks http)
                        upstream.jwksFetches.incrementAndGet();
                        request.response().putHeader("Content-Type", "application/json").end(TestJwt.jwks());
                        return;
                    }
                    upstream.requests.incrementAndGet();
                    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage));
                    } else {
                        request.response().putHeader("Content-Type", "application/json").putHeader(MARK, "echo").end(BODY);
                    }
                })
                .listen(upstream.port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return upstream;
    }

    /** Fetches of {@link #JWKS_PATH} so far. */
    long jwksFetches() {
        return jwksFetches.get();
    }

    /** Requests and WebSocket upgrades that reached this upstream so far, the JWKS's aside. */
    long requests() {
        return requests.get();
    }
}
