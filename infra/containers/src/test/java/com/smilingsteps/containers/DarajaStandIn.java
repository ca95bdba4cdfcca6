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
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Safaricom's Daraja API (the one external service tests may stub), reachable from the containers
 * at host.containers.internal: OAuth token, STK push and STK Push Query. Like Daraja, it then calls
 * the payment callback, here through the gateway container: the customer "paid" on the phone, and a
 * query about that checkout answers "paid" too (the service settles only what the query confirms).
 */
final class DarajaStandIn implements AutoCloseable {

    static final String CONSUMER_KEY = "it-consumer-key";
    static final String CONSUMER_SECRET = "it-consumer-secret";
    private static final String MERCHANT_REQUEST_ID = "29115-1";
    private static final Pattern AMOUNT = Pattern.compile("\"Amount\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern CHECKOUT = Pattern.compile("\"CheckoutRequestID\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final String callbackUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    DarajaStandIn(int port, String callbackUrl) throws IOException {
        this.callbackUrl = callbackUrl;
        this.server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 16);
        server.createContext("/oauth/v1/generate", exchange -> answer(exchange,
                "{\"access_token\":\"it-token\",\"expires_in\":\"3599\"}"));
        server.createContext("/mpesa/stkpush/v1/processrequest", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String checkout = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
            answer(exchange, "{\"MerchantRequestID\":\"" + MERCHANT_REQUEST_ID + "\",\"CheckoutRequestID\":\"" + checkout
                    + "\",\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success. Request accepted for processing\","
                    + "\"CustomerMessage\":\"Success. Request accepted for processing\"}");
            String amount = AMOUNT.matcher(request).results().map(m -> m.group(1)).findFirst().orElse("0");
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> confirm(checkout, amount));
        });
        server.createContext("/mpesa/stkpushquery/v1/query", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String checkout = CHECKOUT.matcher(request).results().map(m -> m.group(1)).findFirst().orElse("");
            answer(exchange, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request has been accepted successsfully\","
                    + "\"MerchantRequestID\":\"" + MERCHANT_REQUEST_ID + "\",\"CheckoutRequestID\":\"" + checkout
                    + "\",\"ResultCode\":\"0\",\"ResultDesc\":\"The service request is processed successfully.\"}");
        });
        server.start();
    }

    private void confirm(String checkout, String amount) {
        String body = "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"" + MERCHANT_REQUEST_ID
                + "\",\"CheckoutRequestID\":\"" + checkout
                + "\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed successfully.\","
                + "\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":" + amount + "},"
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
