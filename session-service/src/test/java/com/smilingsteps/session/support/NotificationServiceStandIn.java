package com.smilingsteps.session.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * notification-service's {@code GET /api/notifications/mine} as session-service's export sees it
 * (services never share code, so this module's tests cannot run the real one; infra/e2e's
 * AccountErasureIT exports through the real one): the emails a test put down for the token's
 * subject, and what each request carried. {@link #down} makes it drop connections unanswered.
 */
public class NotificationServiceStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, JsonArray> JOBS = new ConcurrentHashMap<>();
    public static final List<MultiMap> REQUESTS = new CopyOnWriteArrayList<>();
    public static volatile boolean down;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                if (down) {
                    request.connection().close();
                    return;
                }
                REQUESTS.add(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                String subject = subject(request.getHeader("Authorization"));
                if (!"/api/notifications/mine".equals(request.path()) || subject == null) {
                    request.response().setStatusCode(subject == null ? 401 : 404).end();
                    return;
                }
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("jobs", JOBS.getOrDefault(subject, new JsonArray())).put("deliveries", new JsonArray()).encode());
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("privacy.notification-service-urls", "http://127.0.0.1:" + server.actualPort());
        } catch (Exception e) {
            throw new IllegalStateException("notification-service stand-in did not start", e);
        }
    }

    /** An email job to {@code userId} at {@code email}, as notification-service lists it. */
    public static void mailed(String userId, String email, String kind, String sessionId) {
        JOBS.computeIfAbsent(userId, id -> new JsonArray()).add(new JsonObject().put("id", kind + ":" + sessionId)
                .put("kind", kind).put("sessionId", sessionId).put("status", "SENT").put("to", email));
    }

    /** The token's subject (its signature is session-service's own; notification-service checks it). */
    private static String subject(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        return parts.length != 3 ? null
                : new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)).getString("sub");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
