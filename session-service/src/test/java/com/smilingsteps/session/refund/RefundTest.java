package com.smilingsteps.session.refund;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class RefundTest {

    @Test
    void aClientCancellingAPaidSessionEarlyIsRefundedAndAnAdminMarksItDone() {
        Api.Account client = Api.newClient();
        String id = Api.bookedSession(client, Api.newPsychologist(), Api.daysAhead(5));
        Api.confirmPayment(id);
        Api.as(client).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("refundStatus", is("Due"));
        Api.as(Api.admin()).get("/api/admin/refunds").then().statusCode(200).body("id", hasItem(id));
        Api.as(client).get("/api/admin/refunds").then().statusCode(403);
        Api.as(client).post("/api/admin/refunds/" + id + "/done").then().statusCode(403);

        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/done").then().statusCode(200)
                .body("refundStatus", is("Done")).body("refundedBy", is(Api.admin().id())).body("refundedAt", notNullValue());
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/done").then().statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/refund-not-due"));
        Api.as(Api.admin()).get("/api/admin/refunds").then().body("id", not(hasItem(id)));
        Api.as(Api.admin()).queryParam("status", "Done").get("/api/admin/refunds").then().body("id", hasItem(id));
        Api.auditOf(id, "admin.refunds.done").getList("items").stream().findFirst().orElseThrow();
    }

    @Test
    void aLateClientCancellationIsNotRefundedButAPsychologistsIsAndUnpaidOnesNeedNone() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String late = Api.bookedByAdmin(client, psychologist, Instant.now().plus(Duration.ofHours(5)));
        Api.confirmPayment(late);
        Api.as(client).post("/api/sessions/" + late + "/cancel").then().statusCode(200).body("refundStatus", nullValue());

        String declined = Api.bookedByAdmin(client, psychologist, Instant.now().plus(Duration.ofHours(8)));
        Api.confirmPayment(declined);
        Api.as(psychologist).post("/api/sessions/" + declined + "/decline").then().statusCode(200).body("refundStatus", is("Due"));

        String unpaid = Api.bookedSession(client, psychologist, Api.daysAhead(6));
        Api.as(client).post("/api/sessions/" + unpaid + "/cancel").then().statusCode(200).body("refundStatus", nullValue());
    }

    /** Moving a paid session a week ahead two hours before it, then cancelling, would refund it in full. */
    @Test
    void aClientCannotMoveAPaidSessionOutOfTheNoRefundPeriodToCancelItWithARefund() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String soon = Api.bookedByAdmin(client, psychologist, Instant.now().plus(Duration.ofHours(5)));
        Api.confirmPayment(soon);
        String nextWeek = Api.daysAhead(7).toString();
        Api.as(client).body(java.util.Map.of("sessionDate", nextWeek)).post("/api/sessions/" + soon + "/reschedule").then()
                .statusCode(409).body("type", is("https://smilingsteps.local/problems/too-late-to-reschedule"));
        org.junit.jupiter.api.Assertions.assertTrue(Api.auditOf(soon, "session.reschedule").getList("items.outcome").contains("denied"));
        Api.as(client).post("/api/sessions/" + soon + "/cancel").then().statusCode(200).body("refundStatus", nullValue());

        // earlier, or unpaid, a client moves it freely; the practice may move it any time
        String early = Api.bookedSession(client, psychologist, Api.daysAhead(5));
        Api.confirmPayment(early);
        Api.as(client).body(java.util.Map.of("sessionDate", nextWeek)).post("/api/sessions/" + early + "/reschedule").then()
                .statusCode(200);
        String practiceMoves = Api.bookedByAdmin(client, psychologist, Instant.now().plus(Duration.ofHours(6)));
        Api.confirmPayment(practiceMoves);
        Api.as(psychologist).body(java.util.Map.of("sessionDate", Api.daysAhead(8).toString()))
                .post("/api/sessions/" + practiceMoves + "/reschedule").then().statusCode(200);
    }

    @Test
    void thePolicyIsMoreThanTheFreePeriodAheadForClientsAndAlwaysForThePractice() {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");
        Duration day = Duration.ofHours(24);
        assertTrue(RefundPolicy.refundDue("Paid", "client", now.plus(day).plusSeconds(1), now, day));
        assertFalse(RefundPolicy.refundDue("Paid", "client", now.plus(day), now, day));
        assertTrue(RefundPolicy.refundDue("Paid", "psychologist", now.plusSeconds(60), now, day));
        assertTrue(RefundPolicy.refundDue("Paid", "admin", now.plusSeconds(60), now, day));
        assertFalse(RefundPolicy.refundDue("Pending", "admin", now.plus(day.multipliedBy(3)), now, day));
        assertFalse(RefundPolicy.refundDue("Processing", "client", now.plus(day.multipliedBy(3)), now, day));
    }
}
