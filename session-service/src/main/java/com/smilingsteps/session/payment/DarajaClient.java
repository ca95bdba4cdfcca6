package com.smilingsteps.session.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Daraja's STK calls: an OAuth token, the push request, and the query that confirms how a push ended. */
@ApplicationScoped
public class DarajaClient {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneId.of("Africa/Nairobi"));

    /** Daraja's error code for a query about a checkout the customer has not answered yet. */
    static final String PROCESSING_ERROR = "500.001.1001";

    private final MpesaConfig config;
    private final ObjectMapper json;

    public DarajaClient(MpesaConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    private final HttpClient http = HttpClient.newBuilder().build();

    public record StkAccepted(String merchantRequestId, String checkoutRequestId, String customerMessage) {
    }

    /** Thrown when Daraja refuses or cannot be reached; the detail is safe to show (no secrets). */
    public static class DarajaException extends RuntimeException {

        private final boolean maybeDone;

        public DarajaException(String message) {
            this(message, false);
        }

        DarajaException(String message, boolean maybeDone) {
            super(message);
            this.maybeDone = maybeDone;
        }

        /**
         * Whether M-Pesa may have acted on the request all the same: it was sent and no answer came
         * (a timeout, a dropped connection), as opposed to refused, or never sent.
         */
        public boolean maybeDone() {
            return maybeDone;
        }
    }

    public StkAccepted stkPush(String phone, long amount, String accountReference, String callbackUrl) {
        String token;
        try {
            token = accessToken();
        } catch (DarajaException e) {
            // no token, no prompt: whatever happened to the token request, nothing reached the phone
            throw new DarajaException(e.getMessage(), false);
        }
        String shortcode = config.shortcode().orElseThrow();
        Map<String, Object> body = signed(shortcode);
        body.put("TransactionType", "CustomerPayBillOnline");
        body.put("Amount", amount);
        body.put("PartyA", phone);
        body.put("PartyB", shortcode);
        body.put("PhoneNumber", phone);
        body.put("CallBackURL", callbackUrl);
        body.put("AccountReference", accountReference);
        body.put("TransactionDesc", "Therapy session");
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(config.baseUrl() + "/mpesa/stkpush/v1/processrequest"))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
        if (!"0".equals(answer.path("ResponseCode").asText()) || !answer.path("CheckoutRequestID").isTextual()) {
            throw new DarajaException("M-Pesa refused the payment request");
        }
        return new StkAccepted(answer.path("MerchantRequestID").asText(), answer.path("CheckoutRequestID").asText(),
                answer.path("CustomerMessage").asText(null));
    }

    /** What Daraja's STK Push Query says about one checkout. */
    public record StkOutcome(boolean pending, int resultCode, String resultDesc) {
        public boolean paid() {
            return !pending && resultCode == 0;
        }
    }

    /**
     * Asks Daraja how a checkout ended (STK Push Query). A checkout still waiting for the customer
     * is {@code pending}; anything Daraja cannot answer is a {@link DarajaException}.
     */
    public StkOutcome stkQuery(String checkoutRequestId) {
        String token = accessToken();
        Map<String, Object> body = signed(config.shortcode().orElseThrow());
        body.put("CheckoutRequestID", checkoutRequestId);
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                URI.create(config.baseUrl() + "/mpesa/stkpushquery/v1/query"))
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build());
        JsonNode answer = read(response);
        if (response.statusCode() / 100 != 2) {
            // Daraja answers "still being processed" as an error with this code
            if (PROCESSING_ERROR.equals(answer.path("errorCode").asText())) {
                return new StkOutcome(true, -1, answer.path("errorMessage").asText(""));
            }
            throw new DarajaException("M-Pesa answered HTTP " + response.statusCode() + " to the payment query");
        }
        if (!"0".equals(answer.path("ResponseCode").asText()) || answer.path("ResultCode").isMissingNode()) {
            throw new DarajaException("M-Pesa did not answer the payment query");
        }
        try {
            return new StkOutcome(false, Integer.parseInt(answer.path("ResultCode").asText().trim()),
                    answer.path("ResultDesc").asText(""));
        } catch (NumberFormatException e) {
            throw new DarajaException("M-Pesa answered the payment query with an unreadable result");
        }
    }

    /** The shortcode, password and timestamp every STK call carries. */
    private Map<String, Object> signed(String shortcode) {
        String timestamp = TIMESTAMP.format(Instant.now());
        String password = Base64.getEncoder().encodeToString(
                (shortcode + config.passkey().orElseThrow() + timestamp).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", shortcode);
        body.put("Password", password);
        body.put("Timestamp", timestamp);
        return body;
    }

    private String accessToken() {
        String basic = Base64.getEncoder().encodeToString((config.consumerKey().orElseThrow() + ":"
                + config.consumerSecret().orElseThrow()).getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(
                URI.create(config.baseUrl() + "/oauth/v1/generate?grant_type=client_credentials"))
                .timeout(config.timeout())
                .header("Authorization", "Basic " + basic).GET().build());
        if (!answer.path("access_token").isTextual()) {
            throw new DarajaException("M-Pesa did not issue an access token");
        }
        return answer.path("access_token").asText();
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            // 502-504 come from a proxy in front of Daraja that gave up waiting: Daraja may have acted on it
            int status = response.statusCode();
            throw new DarajaException("M-Pesa answered HTTP " + status, status >= 502 && status <= 504);
        }
        return read(response);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new DarajaException("M-Pesa could not be reached");
        } catch (IOException e) {
            // sent, then the answer timed out or the connection dropped: M-Pesa may have acted on it
            throw new DarajaException("M-Pesa did not answer", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DarajaException("interrupted while calling M-Pesa", true);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            // an answer came, but not one that says whether the request was taken
            throw new DarajaException("M-Pesa answered something that is not JSON", true);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
