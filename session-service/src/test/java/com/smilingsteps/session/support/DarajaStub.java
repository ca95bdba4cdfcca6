package com.smilingsteps.session.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for Safaricom's Daraja API (the only external service the tests stub): OAuth token
 * and STK push, recording what it was sent.
 */
public final class DarajaStub {

    public static final String CONSUMER_KEY = "stub-consumer-key";
    public static final String CONSUMER_SECRET = "stub-consumer-secret";
    public static final String SHORTCODE = "174379";
    public static final String PASSKEY = "stub-passkey";
    private static final String TOKEN = "stub-access-token";

    private static DarajaStub instance;

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    public final List<JsonObject> stkRequests = new CopyOnWriteArrayList<>();
    public volatile boolean refuse;

    private DarajaStub() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String auth = request.getHeader("Authorization");
            if (request.path().equals("/oauth/v1/generate")) {
                String expected = "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((CONSUMER_KEY + ":" + CONSUMER_SECRET).getBytes());
                if (!expected.equals(auth)) {
                    request.response().setStatusCode(401).end();
                    return;
                }
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject(Map.of("access_token", TOKEN, "expires_in", "3599")).encode());
            } else if (request.path().equals("/mpesa/stkpush/v1/processrequest")) {
                if (!("Bearer " + TOKEN).equals(auth)) {
                    request.response().setStatusCode(401).end();
                    return;
                }
                if (refuse) {
                    request.response().setStatusCode(500)
                            .end("{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\",\"errorMessage\":\"Unable to lock subscriber\"}");
                    return;
                }
                stkRequests.add(body.toJsonObject());
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("MerchantRequestID", "29115-" + UUID.randomUUID())
                        .put("CheckoutRequestID", "ws_CO_" + UUID.randomUUID().toString().replace("-", ""))
                        .put("ResponseCode", "0")
                        .put("ResponseDescription", "Success. Request accepted for processing")
                        .put("CustomerMessage", "Success. Request accepted for processing").encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    }

    public static synchronized DarajaStub get() {
        if (instance == null) {
            try {
                instance = new DarajaStub();
            } catch (Exception e) {
                throw new IllegalStateException("Daraja stub did not start", e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }
}
