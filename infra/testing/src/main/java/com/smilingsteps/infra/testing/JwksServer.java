package com.smilingsteps.infra.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A JWKS over real HTTP, served by Vert.x as session-service serves it, that a test can rotate or
 * break: {@code GET /jwks}; {@code POST /rotate} adds {@link TestJwt#NEXT_KEY_ID} ({@link #retireFirstKey} then drops the first); {@code POST /fail}
 * makes every later fetch answer 500, {@code POST /recover} ends that; {@link #hold} keeps answers
 * back until {@link #release}, so a test can act while a fetch is under way. It counts the fetches.
 */
public final class JwksServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks = TestJwt.jwks();
    private volatile boolean failing;
    private volatile Promise<Void> held;

    public JwksServer() {
        try {
            server = vertx.createHttpServer().requestHandler(this::serve).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("JWKS server not started", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/jwks";
    }

    public int fetches() {
        return fetches.get();
    }

    public void rotate() {
        jwks = TestJwt.jwksWithNextKey();
    }

    /** The rotation's end: only {@link TestJwt#NEXT_KEY_ID} is published, the first key is gone. */
    public void retireFirstKey() {
        jwks = TestJwt.jwksWithOnlyNextKey();
    }

    public void fail() {
        failing = true;
    }

    public void recover() {
        failing = false;
    }

    /** Fetches from now on are counted but not answered until {@link #release}. */
    public void hold() {
        held = Promise.promise();
    }

    public void release() {
        Promise<Void> gate = held;
        held = null;
        if (gate != null) {
            gate.tryComplete();
        }
    }

    private void serve(HttpServerRequest request) {
        switch (request.path()) {
            case "/jwks" -> {
                fetches.incrementAndGet();
                Promise<Void> gate = held;
                if (gate == null) {
                    answer(request);
                } else {
                    gate.future().onComplete(released -> answer(request));
                }
            }
            case "/rotate" -> {
                rotate();
                request.response().setStatusCode(204).end();
            }
            case "/fail" -> {
                fail();
                request.response().setStatusCode(204).end();
            }
            case "/recover" -> {
                recover();
                request.response().setStatusCode(204).end();
            }
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void answer(HttpServerRequest request) {
        if (failing) {
            request.response().setStatusCode(500).end("down");
        } else {
            request.response().putHeader("Content-Type", "application/json").end(jwks);
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
