package com.smilingsteps.session.payment;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

/** Without Daraja credentials (the dev stack), an STK push is simulated and marked so everywhere. */
@QuarkusTest
@ServiceTest
class SimulatedPaymentTest {

    @Test
    void theSimulatedCallbackArrivesByItselfAndMarksThePaymentSimulated() throws Exception {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(2));
        Api.as(client).body(Map.of("phone", "0712345678")).post("/api/sessions/" + id + "/payment/mpesa").then()
                .statusCode(200).body("simulated", is(true)).body("status", is("Processing"));

        String status = "";
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && !"Confirmed".equals(status)) {
            Thread.sleep(250);
            status = Api.as(client).get("/api/sessions/" + id).then().extract().path("status");
        }
        assertEquals("Confirmed", status);
        Api.as(client).get("/api/sessions/" + id).then().body("paymentStatus", is("Paid"))
                .body("paymentSimulated", is(true)).body("paymentMethod", is("mpesa"));
    }
}
