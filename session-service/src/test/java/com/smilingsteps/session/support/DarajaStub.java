package com.smilingsteps.session.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for Safaricom's Daraja API (the only external service the tests stub): OAuth token,
 * STK push and STK Push Query, recording what it was sent. A checkout stays "being processed" until
 * a test says how the customer answered ({@link #customerAnswered}).
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
    /** When set, an STK push is taken (the prompt goes to the phone) but its answer never arrives: the connection drops. */
    public volatile boolean answerLost;
    /** The checkout of the latest STK push taken, answered or not. */
    public volatile String lastCheckoutRequestId;
    /** When set, STK Push Query fails as if Daraja were unreachable. */
    public volatile boolean queryDown;
    public final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, String> merchantRequestIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> results = new ConcurrentHashMap<>();

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
                String merchantRequestId = "29115-" + UUID.randomUUID();
                String checkoutRequestId = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
                merchantRequestIds.put(checkoutRequestId, merchantRequestId);
                lastCheckoutRequestId = checkoutRequestId;
                if (answerLost) {
                    request.connection().close();
                    return;
                }
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("MerchantRequestID", merchantRequestId)
                        .put("CheckoutRequestID", checkoutRequestId)
                        .put("ResponseCode", "0")
                        .put("ResponseDescription", "Success. Request accepted for processing")
                        .put("CustomerMessage", "Success. Request accepted for processing").encode());
            } else if (request.path().equals("/mpesa/stkpushquery/v1/query")) {
                query(request.response(), auth, body.toJsonObject());
            } else {
                request.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    }

    /**
     * STK Push Query as Daraja answers it: HTTP 500 "being processed" while the customer has not
     * answered, else the checkout's result code; an unknown checkout is an error.
     */
    private void query(HttpServerResponse response, String auth, JsonObject body) {
        String checkout = body.getString("CheckoutRequestID");
        String expectedPassword = java.util.Base64.getEncoder().encodeToString(
                (SHORTCODE + PASSKEY + body.getString("Timestamp")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!("Bearer " + TOKEN).equals(auth) || !expectedPassword.equals(body.getString("Password"))
                || !SHORTCODE.equals(body.getString("BusinessShortCode"))) {
            response.setStatusCode(401).end();
            return;
        }
        queries.add(checkout);
        Integer result = results.get(checkout);
        if (queryDown) {
            response.setStatusCode(503).end();
            return;
        }
        if (checkout == null || !merchantRequestIds.containsKey(checkout)) {
            response.setStatusCode(400).putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("requestId", "1").put("errorCode", "400.002.02")
                    .put("errorMessage", "Bad Request - Invalid CheckoutRequestID").encode());
            return;
        }
        if (result == null) {
            response.setStatusCode(500).putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("requestId", "1").put("errorCode", "500.001.1001")
                    .put("errorMessage", "The transaction is being processed").encode());
            return;
        }
        response.putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("ResponseCode", "0").put("ResponseDescription", "The service request has been accepted successsfully")
                .put("MerchantRequestID", merchantRequestIds.get(checkout)).put("CheckoutRequestID", checkout)
                .put("ResultCode", String.valueOf(result))
                .put("ResultDesc", result == 0 ? "The service request is processed successfully."
                        : result == 1032 ? "Request cancelled by user" : "The balance is insufficient for the transaction")
                .encode());
    }

    /** What the customer did on the phone: 0 paid, 1032 cancelled, 1 insufficient balance. */
    public void customerAnswered(String checkoutRequestId, int resultCode) {
        results.put(checkoutRequestId, resultCode);
    }

    public String merchantRequestIdOf(String checkoutRequestId) {
        return merchantRequestIds.get(checkoutRequestId);
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
