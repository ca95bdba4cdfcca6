package com.smilingsteps.session.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.CapturedLogs;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.DarajaStub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Forged and unconfirmable M-Pesa callbacks never mark a session paid. */
@QuarkusTest
@ServiceTest
@TestProfile(WithDaraja.class)
class MpesaCallbackAttackTest {

    private static final String SECRET = "test-callback-secret";
    private static final String CALLBACK = "/api/payments/mpesa/callback/" + SECRET;

    @Inject
    PaymentReconciliation reconciliation;

    record Started(Api.Account client, String sessionId, String checkout, String merchant) {
    }

    private static Started stkPushStarted(int daysAhead) {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(daysAhead));
        String checkout = Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa")
                .then().statusCode(200).extract().path("checkoutRequestId");
        return new Started(client, id, checkout, DarajaStub.get().merchantRequestIdOf(checkout));
    }

    private static void post(String body, int expectedStatus) {
        given().contentType(ContentType.JSON).body(body).post(CALLBACK).then().statusCode(expectedStatus);
    }

    private static void assertStillProcessing(Started started) {
        Api.as(started.client()).get("/api/sessions/" + started.sessionId()).then()
                .body("status", is("Pending")).body("paymentStatus", is("Processing"));
    }

    @Test
    void aCallbackWithAForgedAmountIsRefusedAndAudited() {
        Started started = stkPushStarted(6);
        DarajaStub.get().customerAnswered(started.checkout(), 0);
        post(MpesaPaymentTest.callback(started.merchant(), started.checkout(), 0, 1), 400);
        assertStillProcessing(started);
        Api.auditOf(started.sessionId(), "payment.callback").getList("items.reason", String.class)
                .stream().filter(r -> r.contains("amount 1 differs")).findFirst().orElseThrow();
    }

    @Test
    void aCallbackWithAnotherMerchantRequestIdIsRefused() {
        Started started = stkPushStarted(7);
        DarajaStub.get().customerAnswered(started.checkout(), 0);
        post(MpesaPaymentTest.callback("29115-forged", started.checkout(), 0, 2500), 400);
        assertStillProcessing(started);
    }

    @Test
    void aCallbackDarajaDoesNotConfirmLeavesProcessingUntilReconciliationDecides() {
        Started started = stkPushStarted(8);
        int queriesBefore = DarajaStub.get().queries.size();
        // the customer has not answered on the phone: a well-formed success callback is not enough
        post(MpesaPaymentTest.callback(started.merchant(), started.checkout(), 0, 2500), 200);
        assertStillProcessing(started);
        assertTrue(DarajaStub.get().queries.size() > queriesBefore, "the callback was checked with STK Push Query");

        DarajaStub.get().queryDown = true;
        try {
            reconciliation.reconcile(Instant.now().plus(2, ChronoUnit.MINUTES));
            assertStillProcessing(started);
        } finally {
            DarajaStub.get().queryDown = false;
        }

        DarajaStub.get().customerAnswered(started.checkout(), 0);
        reconciliation.reconcile(Instant.now().plus(2, ChronoUnit.MINUTES));
        Api.as(started.client()).get("/api/sessions/" + started.sessionId()).then()
                .body("status", is("Confirmed")).body("paymentStatus", is("Paid")).body("mpesaReceipt", is("NLJ7RT61SV"));
        // a second replica running the same job finds nothing left to settle
        assertEquals(0, reconciliation.reconcile(Instant.now().plus(2, ChronoUnit.MINUTES)));
    }

    @Test
    void aSuccessCallbackForAPaymentDarajaSaysFailedMarksItFailed() {
        Started started = stkPushStarted(9);
        DarajaStub.get().customerAnswered(started.checkout(), 1);
        post(MpesaPaymentTest.callback(started.merchant(), started.checkout(), 0, 2500), 200);
        Api.as(started.client()).get("/api/sessions/" + started.sessionId()).then()
                .body("status", is("Pending")).body("paymentStatus", is("Failed"));
    }

    @Test
    void reconciliationGivesUpOnAPaymentMpesaNeverConfirms() {
        Started started = stkPushStarted(10);
        reconciliation.reconcile(Instant.now().plus(2, ChronoUnit.MINUTES));
        assertStillProcessing(started);
        reconciliation.reconcile(Instant.now().plus(3, ChronoUnit.HOURS));
        Api.as(started.client()).get("/api/sessions/" + started.sessionId()).then().body("paymentStatus", is("Failed"));
    }

    @Test
    void theCallbackSecretIsInNoLogLine() throws Exception {
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            Started started = stkPushStarted(11);
            DarajaStub.get().customerAnswered(started.checkout(), 0);
            post(MpesaPaymentTest.callback(started.merchant(), started.checkout(), 0, 2500), 200);
            given().contentType(ContentType.JSON).body("{}").post("/api/payments/mpesa/callback/guessed-secret")
                    .then().statusCode(404);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (logs.lines().stream().noneMatch(l -> l.contains("/api/payments/mpesa/callback/***"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            lines = logs.lines();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("/api/payments/mpesa/callback/***")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains(SECRET) || l.contains("guessed-secret")), lines.toString());
        Api.as(Api.admin()).queryParam("action", "payment.callback").queryParam("size", 200).get("/api/admin/audit").then()
                .body("items.reason", hasItem("wrong callback secret"));
    }
}
