package com.smilingsteps.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A JWKS over real HTTP, as session-service serves it, that a test can rotate or break:
 * {@code GET /jwks}; {@code POST /rotate} adds {@link TestJwt#NEXT_KEY_ID}; {@code POST /fail}
 * makes every later fetch answer 500. It counts the fetches.
 */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String jwks = TestJwt.jwks();
    private volatile boolean failing;

    public JwksServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", this::serve);
        server.createContext("/rotate", exchange -> answer(exchange, 204, rotate()));
        server.createContext("/fail", exchange -> answer(exchange, 204, fail()));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    public int fetches() {
        return fetches.get();
    }

    public String rotate() {
        jwks = TestJwt.jwksWithNextKey();
        return "";
    }

    public String fail() {
        failing = true;
        return "";
    }

    public void recover() {
        failing = false;
    }

    private void serve(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        if (failing) {
            answer(exchange, 500, "down");
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer(exchange, 200, jwks);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
