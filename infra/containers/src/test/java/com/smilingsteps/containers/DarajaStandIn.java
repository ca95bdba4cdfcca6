package com.smilingsteps.containers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Safaricom's Daraja API (the one external service tests may stub), reachable from the containers
 * at host.containers.internal: OAuth token and STK push. Like Daraja, it then calls the payment
 * callback, here through the gateway container: the customer "paid" on the phone.
 */
final class DarajaStandIn implements AutoCloseable {

    static final String CONSUMER_KEY = "it-consumer-key";
    static final String CONSUMER_SECRET = "it-consumer-secret";

    private final HttpServer server;
    private final String callbackUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    DarajaStandIn(int port, String callbackUrl) throws IOException {
        this.callbackUrl = callbackUrl;
        this.server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 16);
        server.createContext("/oauth/v1/generate", exchange -> answer(exchange,
                "{\"access_token\":\"it-token\",\"expires_in\":\"3599\"}"));
        server.createContext("/mpesa/stkpush/v1/processrequest", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String checkout = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
            answer(exchange, "{\"MerchantRequestID\":\"29115-1\",\"CheckoutRequestID\":\"" + checkout
                    + "\",\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success. Request accepted for processing\","
                    + "\"CustomerMessage\":\"Success. Request accepted for processing\"}");
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> confirm(checkout));
        });
        server.start();
    }

    private void confirm(String checkout) {
        String body = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"29115-1\",\"CheckoutRequestID\":\"" + checkout
                + "\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed successfully.\","
                + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":2500},"
                + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"},{\"Name\":\"TransactionDate\",\"Value\":20191219102115},"
                + "{\"Name\":\"PhoneNumber\",\"Value\":254712345678}]}}}}";
        try {
            http.send(HttpRequest.newBuilder(URI.create(callbackUrl)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.err.println("Daraja stand-in: callback failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
