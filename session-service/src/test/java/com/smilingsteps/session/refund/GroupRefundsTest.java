package com.smilingsteps.session.refund;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.group.Seat;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A group's refunds are one per client payment: two clients giving up their paid seats, or a
 * cancelled group with several paid seats, owe each client their own refund, and marking one done
 * leaves the others Due. Groups stored with the old session-level refund are brought to this shape.
 */
@QuarkusTest
@ServiceTest
class GroupRefundsTest {

    private static final String PROBLEMS = "https://smilingsteps.local/problems/";

    @Inject
    RefundShapeMigration migration;

    @Test
    void twoClientsWhoGaveUpTheirSeatsAreEachRefundedOnTheirOwn() {
        String id = group(3);
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        Api.Account carol = Api.newClient();
        for (Api.Account client : List.of(anna, ben, carol)) {
            paidSeat(id, client);
        }
        Api.as(anna).post("/api/sessions/" + id + "/cancel").then().statusCode(200);
        Api.as(ben).post("/api/sessions/" + id + "/cancel").then().statusCode(200);
        assertEquals(Set.of(anna.id(), ben.id()), dueClientsOf(id));

        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + anna.id() + "/done").then().statusCode(200)
                .body("refundStatus", is("Done")).body("refundedBy", is(Api.admin().id()));
        // ben's refund is still owed and still listed; anna's is listed as done
        assertEquals(Set.of(ben.id()), dueClientsOf(id));
        assertEquals(Set.of(anna.id()), clientsOf(id, "Done"));
        assertEquals("Due", ((Session) Session.findById(new ObjectId(id))).refundStatus, "the group still owes ben");
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + anna.id() + "/done").then().statusCode(409)
                .body("type", is(PROBLEMS + "refund-not-due"));
        // each sees their own refund only
        Api.as(anna).get("/api/sessions/" + id).then().statusCode(200).body("givenUpSeats", hasSize(1))
                .body("givenUpSeats[0].refundStatus", is("Done")).body("refundStatus", is((Object) null));
        Api.as(ben).get("/api/sessions/" + id).then().statusCode(200).body("givenUpSeats", hasSize(1))
                .body("givenUpSeats[0].client.id", is(ben.id())).body("givenUpSeats[0].refundStatus", is("Due"));
        Api.as(carol).get("/api/sessions/" + id).then().statusCode(200).body("givenUpSeats", is((Object) null));

        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + ben.id() + "/done").then().statusCode(200);
        assertEquals(Set.of(), dueClientsOf(id));
        assertEquals("Done", ((Session) Session.findById(new ObjectId(id))).refundStatus);
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + carol.id() + "/done").then().statusCode(409);
        Api.as(anna).post("/api/admin/refunds/" + id + "/seats/" + ben.id() + "/done").then().statusCode(403);
    }

    @Test
    void aCancelledGroupOwesEveryPaidSeatItsOwnRefundAndNoneToTheUnpaid() {
        Api.Account psychologist = Api.newPsychologist();
        String id = group(psychologist, 3);
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        paidSeat(id, anna);
        paidSeat(id, ben);
        Api.as(Api.newClient()).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(psychologist).post("/api/sessions/" + id + "/cancel").then().statusCode(200).body("status", is("Cancelled"));
        assertEquals(Set.of(anna.id(), ben.id()), dueClientsOf(id));
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/done").then().statusCode(409)
                .body("type", is(PROBLEMS + "refund-per-seat"));
        Api.as(Api.admin()).post("/api/admin/refunds/" + id + "/seats/" + ben.id() + "/done").then().statusCode(200);
        assertEquals(Set.of(anna.id()), dueClientsOf(id));
        Api.as(anna).get("/api/sessions/" + id).then().statusCode(200).body("seats[0].refundStatus", is("Due"));
    }

    @Test
    void groupsStoredWithTheOldSessionLevelRefundAreMigratedToPerSeatRefundsOnce() {
        // the old shape: a cancelled group's refund on the session only
        String cancelled = group(3);
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        paidSeat(cancelled, anna);
        paidSeat(cancelled, ben);
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(cancelled)), Updates.combine(
                Updates.set("status", "Cancelled"), Updates.set("cancelledBy", "psychologist"), Updates.set("refundStatus", "Due")));
        // and a group whose one given-up seat an admin marked refunded through the session
        String givenUp = group(3);
        Api.Account carol = Api.newClient();
        paidSeat(givenUp, carol);
        paidSeat(givenUp, Api.newClient());
        Api.as(carol).post("/api/sessions/" + givenUp + "/cancel").then().statusCode(200);
        Instant refundedAt = Instant.parse("2026-01-05T10:00:00Z");
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(givenUp)), Updates.combine(Updates.set("refundStatus", "Done"),
                Updates.set("refundedBy", "admin-1"), Updates.set("refundedAt", refundedAt)));
        assertEquals(Set.of(carol.id()), dueClientsOf(givenUp), "before: the seat reads Due though it was paid back");

        migration.migrate(null);
        assertEquals(Set.of(anna.id(), ben.id()), dueClientsOf(cancelled));
        assertEquals(Set.of(), dueClientsOf(givenUp));
        Seat carols = ((Session) Session.findById(new ObjectId(givenUp))).givenUpSeats.get(0);
        assertEquals("Done", carols.refundStatus);
        assertEquals("admin-1", carols.refundedBy);
        assertEquals(refundedAt, carols.refundedAt);
        // once is enough: a second run changes nothing
        assertEquals(0, migration.seatsOfCancelledGroups());
        assertEquals(0, migration.soleGivenUpSeatsMarkedDone());
        assertNull(((Session) Session.findById(new ObjectId(cancelled))).seats.stream()
                .filter(seat -> !"Due".equals(seat.refundStatus)).findFirst().orElse(null));
    }

    private static Set<String> dueClientsOf(String id) {
        return clientsOf(id, "Due");
    }

    /** The clients owed a refund of session {@code id} in {@code status}, as the admin's list has them (once each). */
    private static Set<String> clientsOf(String id, String status) {
        JsonPath refunds = Api.as(Api.admin()).queryParam("status", status).get("/api/admin/refunds").then().statusCode(200)
                .extract().jsonPath();
        List<String> clients = refunds.getList("findAll { it.id == '" + id + "' }.client.id");
        assertEquals(clients.size(), Set.copyOf(clients).size(), "one refund per client: " + clients);
        return Set.copyOf(clients);
    }

    private static void paidSeat(String id, Api.Account client) {
        Api.as(client).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + client.id() + "/payment/confirm").then().statusCode(200);
    }

    private static String group(int capacity) {
        return group(Api.newPsychologist(), capacity);
    }

    private static String group(Api.Account psychologist, int capacity) {
        return Api.as(psychologist).body(Map.of("title", "Refunds " + capacity, "capacity", capacity, "sessionDate",
                Api.daysAhead(30).toString())).post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }
}
