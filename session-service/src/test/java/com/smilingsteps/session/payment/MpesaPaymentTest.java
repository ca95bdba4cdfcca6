package com.smilingsteps.session.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.DarajaStub;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@ServiceTest
@TestProfile(WithDaraja.class)
class MpesaPaymentTest {

    private static final String CALLBACK = "/api/payments/mpesa/callback/test-callback-secret";

    @Test
    void stkPushReachesDarajaAndItsCallbackConfirmsTheSessionOnce() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(3));
        int before = DarajaStub.get().stkRequests.size();

        String checkout = Api.as(client).body(Map.of("phone", "0712 345 678"))
                .post("/api/sessions/" + id + "/payment/mpesa").then().statusCode(200)
                .body("simulated", is(false)).body("status", is("Processing")).extract().path("checkoutRequestId");
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Processing")).body("status", is("Pending"));

        assertEquals(before + 1, DarajaStub.get().stkRequests.size());
        JsonObject sent = DarajaStub.get().stkRequests.get(before);
        assertEquals("254712345678", sent.getString("PhoneNumber"));
        assertEquals("254712345678", sent.getString("PartyA"));
        assertEquals(2500, sent.getInteger("Amount"));
        assertEquals(DarajaStub.SHORTCODE, sent.getString("BusinessShortCode"));
        assertEquals("CustomerPayBillOnline", sent.getString("TransactionType"));
        assertEquals("https://video.example.test" + CALLBACK, sent.getString("CallBackURL"));
        assertEquals(Base64.getEncoder().encodeToString((DarajaStub.SHORTCODE + DarajaStub.PASSKEY
                + sent.getString("Timestamp")).getBytes(StandardCharsets.UTF_8)), sent.getString("Password"));

        DarajaStub.get().customerAnswered(checkout, 0);
        given().contentType(ContentType.JSON).body(callback(checkout, 0)).post("/api/payments/mpesa/callback/wrong-secret")
                .then().statusCode(404);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Pending"));

        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(callback(checkout, 0)).post(CALLBACK).then().statusCode(200)
                    .body("ResultCode", is(0));
        }
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Confirmed")).body("paymentStatus", is("Paid"))
                .body("paymentMethod", is("mpesa")).body("paymentSimulated", is(false)).body("mpesaReceipt", is("NLJ7RT61SV"));

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionConfirmed") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SessionConfirmed"));
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        var confirmed = events.stream().filter(e -> e.type().equals("SessionConfirmed")).findFirst().orElseThrow();
        assertEquals(2500, confirmed.node().path("payload").path("amount").asInt());
        assertEquals("NLJ7RT61SV", confirmed.node().path("payload").path("mpesaReceipt").asText());

        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(409).body("type", is("https://smilingsteps.local/problems/already-paid"));
    }

    @Test
    void aFailedPaymentLeavesTheSessionPendingAndMayBeRetried() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(4));
        String checkout = Api.as(client).body(Map.of("phone", "+254112345678"))
                .post("/api/sessions/" + id + "/payment/mpesa").then().statusCode(200).extract().path("checkoutRequestId");
        DarajaStub.get().customerAnswered(checkout, 1032);
        given().contentType(ContentType.JSON).body(callback(checkout, 1032)).post(CALLBACK).then().statusCode(200);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Pending")).body("paymentStatus", is("Failed"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "PaymentFailed") > 0,
                Duration.ofSeconds(20));
        var failed = events.stream().filter(e -> e.type().equals("PaymentFailed")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", failed.json());
        assertEquals("Request cancelled by user", failed.node().path("payload").path("failureReason").asText());
        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200);
        given().contentType(ContentType.JSON).body("{\"Body\":{}}").post(CALLBACK).then().statusCode(400);
    }

    /**
     * Pay pressed again (or in two tabs at once) while the first prompt is still open: one prompt
     * only, so the session is never charged twice; once that prompt is declined, Pay works again.
     */
    @Test
    void aSecondPayWhileAPromptIsOpenIsRefusedSoTheSessionIsNeverChargedTwice() throws Exception {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(6));
        int before = DarajaStub.get().stkRequests.size();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var pushes = java.util.stream.IntStream.range(0, 2).mapToObj(i -> pool.submit(() -> Api.as(client)
                    .body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then().extract()))
                    .toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            String checkout = null;
            for (var push : pushes) {
                var answer = push.get(30, java.util.concurrent.TimeUnit.SECONDS);
                statuses.add(answer.statusCode());
                if (answer.statusCode() == 200) {
                    checkout = answer.path("checkoutRequestId");
                } else {
                    assertEquals("https://smilingsteps.local/problems/payment-under-way", answer.path("type"));
                }
            }
            assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
            assertEquals(before + 1, DarajaStub.get().stkRequests.size(), "one prompt reached the phone");

            Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                    .statusCode(409).body("type", is("https://smilingsteps.local/problems/payment-under-way"));
            DarajaStub.get().customerAnswered(checkout, 1032);
            given().contentType(ContentType.JSON).body(callback(checkout, 1032)).post(CALLBACK).then().statusCode(200);
            Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                    .statusCode(200);
            assertEquals(before + 2, DarajaStub.get().stkRequests.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A prompt whose request timed out here may still be paid: its callback is left for an admin to match. */
    @Test
    void aPaidCallbackNoPaymentMatchesIsAcknowledgedAndLeftInTheAuditTrail() {
        String checkout = "ws_CO_" + java.util.UUID.randomUUID().toString().replace("-", "");
        // an amount no prompt of these tests asks for: nothing here may match it
        given().contentType(ContentType.JSON).body(callback("29115-unknown", checkout, 0, 2499)).post(CALLBACK).then()
                .statusCode(200).body("ResultCode", is(0));
        var audit = Api.as(Api.admin()).queryParam("action", "payment.callback").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        int index = audit.getList("items.resource").indexOf("checkout:" + checkout);
        assertTrue(index >= 0, audit.prettify());
        assertEquals("denied", audit.getString("items[" + index + "].outcome"));
        assertTrue(audit.getString("items[" + index + "].reason").contains("receipt NLJ7RT61SV, 2499 KES"),
                audit.getString("items[" + index + "].reason"));
    }

    @Test
    void onlyTheSessionsClientPaysWithAValidPhoneAndDarajaErrorsAre502() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.bookedSession(client, psychologist, Api.daysAhead(5));
        Api.as(Api.newClient()).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa")
                .then().statusCode(403);
        Api.as(psychologist).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa")
                .then().statusCode(403);
        Api.as(client).body(Map.of("phone", "12345")).post("/api/sessions/" + id + "/payment/mpesa")
                .then().statusCode(400).body("field", is("phone"));
        DarajaStub.get().refuse = true;
        try {
            Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa")
                    .then().statusCode(502).contentType("application/problem+json");
        } finally {
            DarajaStub.get().refuse = false;
        }
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Pending"));
    }

    /**
     * M-Pesa took the STK push but its answer was lost (a timeout, a dropped connection): the prompt
     * may be on the phone, so the slot stays held and Pay is refused, and the paid callback, matched
     * by amount and phone, confirms the session; paying again would have charged the client twice.
     */
    @Test
    void aPushWhoseAnswerWasLostHoldsTheSessionAndItsPaidCallbackConfirmsIt() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(7));
        String phone = uniquePhone();
        String checkout = pushWithAnswerLost(client, id, phone);
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Processing"));
        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(409).body("type", is("https://smilingsteps.local/problems/payment-under-way"));
        // nor may an admin confirm it by hand meanwhile: the prompt may still be paid
        Api.as(Api.admin()).post("/api/sessions/" + id + "/payment/confirm").then().statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/payment-under-way"));

        DarajaStub.get().customerAnswered(checkout, 0);
        given().contentType(ContentType.JSON).body(callback(checkout, phone)).post(CALLBACK).then().statusCode(200);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Confirmed")).body("paymentStatus", is("Paid"))
                .body("mpesaReceipt", is("NLJ7RT61SV"));
    }

    /**
     * Two pushes from one phone for one amount without a checkout id (one refused, which may have
     * reached the phone all the same, one unanswered): a paid callback cannot tell which it paid, so
     * it is left for an admin to match, never guessed.
     */
    @Test
    void aPaidCallbackTwoUnansweredPushesCouldMatchIsLeftForAnAdmin() {
        Api.Account client = Api.newClient();
        String phone = uniquePhone();
        String refusedFor = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(10));
        DarajaStub.get().refuse = true;
        try {
            Api.as(client).body(Map.of("phone", phone)).post("/api/sessions/" + refusedFor + "/payment/mpesa").then()
                    .statusCode(502);
        } finally {
            DarajaStub.get().refuse = false;
        }
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(11));
        String checkout = pushWithAnswerLost(client, id, phone);
        DarajaStub.get().customerAnswered(checkout, 0);

        given().contentType(ContentType.JSON).body(callback(checkout, phone)).post(CALLBACK).then().statusCode(200);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Pending")).body("paymentStatus", is("Processing"));
        var audit = Api.as(Api.admin()).queryParam("action", "payment.callback").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.resource").contains("checkout:" + checkout), audit.prettify());
    }

    @jakarta.inject.Inject
    PaymentReconciliation reconciliation;

    /** A push whose answer was lost and that nobody pays holds the session only until the hold ends. */
    @Test
    void aPushWhoseAnswerWasLostAndNobodyPaysIsFailedOnceItsHoldEnds() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(8));
        pushWithAnswerLost(client, id, uniquePhone());
        reconciliation.reconcile(java.time.Instant.now().plus(Duration.ofMinutes(1)));
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Processing"));

        reconciliation.reconcile(java.time.Instant.now().plus(Duration.ofMinutes(6)));
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Pending")).body("paymentStatus", is("Failed"));
        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200);
    }

    /**
     * The payment was settled but the service stopped before the session was confirmed (or the
     * confirmation kept losing its race): the reconciliation job applies the decided outcome, so the
     * session is not left Processing, its slot held and Pay refused, for good.
     */
    @Test
    void aPaymentDecidedButNeverAppliedToItsSessionIsAppliedByReconciliation() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(9));
        String checkout = Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa")
                .then().statusCode(200).extract().path("checkoutRequestId");
        java.time.Instant decided = java.time.Instant.now().minus(Duration.ofMinutes(3));
        Payment.collection().updateOne(com.mongodb.client.model.Filters.eq("checkoutRequestId", checkout),
                com.mongodb.client.model.Updates.combine(com.mongodb.client.model.Updates.set("status", Payment.PAID),
                        com.mongodb.client.model.Updates.set("mpesaReceipt", "NLJ7RT61SV"),
                        com.mongodb.client.model.Updates.set("updatedAt", decided)));
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Processing"));

        assertTrue(reconciliation.applyDecided(java.time.Instant.now()) >= 1);
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Confirmed")).body("paymentStatus", is("Paid"))
                .body("mpesaReceipt", is("NLJ7RT61SV"));
    }

    /** A phone no other test pays from: an unanswered push is matched by phone and amount. */
    private static String uniquePhone() {
        return "07" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(90_000_000));
    }

    /** Pays {@code sessionId} while the stub drops the push's answer; the checkout M-Pesa gave it. */
    private static String pushWithAnswerLost(Api.Account client, String sessionId, String phone) {
        DarajaStub.get().answerLost = true;
        try {
            Api.as(client).body(Map.of("phone", phone)).post("/api/sessions/" + sessionId + "/payment/mpesa").then()
                    .statusCode(504).contentType("application/problem+json")
                    .body("type", is("https://smilingsteps.local/problems/payment-prompt-unconfirmed"));
        } finally {
            DarajaStub.get().answerLost = false;
        }
        return DarajaStub.get().lastCheckoutRequestId;
    }

    private static String callback(String checkoutRequestId, int resultCode) {
        return callback(DarajaStub.get().merchantRequestIdOf(checkoutRequestId), checkoutRequestId, resultCode, 2500);
    }

    /** M-Pesa's paid callback for a push from {@code phone} (0712345678 style), for 2500 KES, the number masked as M-Pesa does. */
    private static String callback(String checkoutRequestId, String phone) {
        return callback(DarajaStub.get().merchantRequestIdOf(checkoutRequestId), checkoutRequestId, 0, 2500)
                .replace("254712345678", "\"254" + phone.substring(1, 4) + "XXX" + phone.substring(7) + "\"");
    }

    static String callback(String merchantRequestId, String checkoutRequestId, int resultCode, long amount) {
        String metadata = resultCode == 0
                ? ",\"CallbackMetadata\":{\"Item\":[{\"Name\":\"Amount\",\"Value\":" + amount + "},"
                        + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"NLJ7RT61SV\"},"
                        + "{\"Name\":\"TransactionDate\",\"Value\":20191219102115},"
                        + "{\"Name\":\"PhoneNumber\",\"Value\":254712345678}]}"
                : "";
        return "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"" + merchantRequestId + "\",\"CheckoutRequestID\":\""
                + checkoutRequestId + "\",\"ResultCode\":" + resultCode + ",\"ResultDesc\":\"done\"" + metadata + "}}}";
    }
}
