package com.smilingsteps.session.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.group.GroupPayments;
import com.smilingsteps.session.group.GroupSessions;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A payment settles from the session as it was read a moment before (the callback's read, the
 * admin's page); what changed meanwhile must not end up stale in the SessionConfirmed that mails
 * the confirmation and tells the TURN service who may join. The tests hand the settlement a read
 * taken before the change, which is exactly the race's interleaving.
 */
@QuarkusTest
@ServiceTest
class SettlementRaceTest {

    @Inject
    PaymentSettlement settlement;

    @Inject
    GroupPayments groupPayments;

    @Inject
    GroupSessions groupSessions;

    @Test
    void aPaymentSettlingWhileTheSessionIsMovedConfirmsItForItsNewDate() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.bookedByAdmin(client, psychologist, Api.daysAhead(30));
        Session readBeforeTheMove = Session.findById(new ObjectId(id));
        Instant moved = Api.daysAhead(31);
        Api.as(Api.admin()).body(Map.of("sessionDate", moved.toString())).post("/api/sessions/" + id + "/reschedule").then()
                .statusCode(200);

        Session confirmed = settlement.markSessionPaid(readBeforeTheMove, "manual", false, readBeforeTheMove.price, null);

        assertNotNull(confirmed);
        assertEquals("Confirmed", confirmed.status);
        JsonNode payload = confirmation(id, client.id()).path("payload");
        assertEquals(moved, Instant.parse(payload.path("sessionDate").asText()));
        // the client's join link opens for the new date, not the old one
        Instant linkValidFrom = Instant.parse(payload.path("client").path("joinLink").path("validFrom").asText());
        assertTrue(linkValidFrom.isAfter(moved.minus(Duration.ofHours(1))), "join link opens " + linkValidFrom);
    }

    @Test
    void twoSeatsPaidTogetherEachListBothPaidClientsWhicheverIsPublishedLast() {
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        String id = groupSeating(32, anna, ben);
        Session readBeforeAnnaPaid = Session.findById(new ObjectId(id));
        assertNotNull(groupPayments.markPaid(readBeforeAnnaPaid, anna.id(), "manual", false, readBeforeAnnaPaid.price, null));

        // Ben's payment settles from the read taken before Anna's was applied
        Session confirmed = groupPayments.markPaid(readBeforeAnnaPaid, ben.id(), "manual", false, readBeforeAnnaPaid.price, null);

        assertNotNull(confirmed);
        assertEquals(2, confirmed.paidClients().size());
        JsonNode bens = confirmation(id, ben.id());
        Contracts.assertValid("session-events", bens.toString());
        List<String> listed = bens.path("payload").path("clients").findValuesAsText("id");
        assertEquals(2, listed.size());
        assertEquals(Set.of(anna.id(), ben.id()), Set.copyOf(listed));
    }

    @Test
    void aSeatsFailedPaymentAndAnotherGivenUpListTheSeatPaidMeanwhile() {
        Api.Account anna = Api.newClient();
        Api.Account ben = Api.newClient();
        Api.Account cara = Api.newClient();
        String id = groupSeating(33, anna, ben, cara);
        assertNotNull(groupPayments.claim(Session.findById(new ObjectId(id)), ben.id()));
        Session readBeforeAnnaPaid = Session.findById(new ObjectId(id));
        assertNotNull(groupPayments.markPaid(readBeforeAnnaPaid, anna.id(), "manual", false, readBeforeAnnaPaid.price, null));

        // Ben's prompt is declined and Cara gives up her seat, each decided on the read before Anna paid
        groupPayments.markFailed(readBeforeAnnaPaid, ben.id(), readBeforeAnnaPaid.price, "Request cancelled by user");
        groupSessions.giveUpSeat(readBeforeAnnaPaid, cara.id());

        for (String type : List.of("PaymentFailed", "SeatReleased")) {
            JsonNode event = SessionEventsTap.eventsOf(id, found -> found.stream().anyMatch(e -> type.equals(e.type())),
                    Duration.ofSeconds(20)).stream().filter(e -> type.equals(e.type())).findFirst().orElseThrow().node();
            assertEquals(List.of(anna.id()), event.path("payload").path("clients").findValuesAsText("id"), type + ": " + event);
        }
        Session now = Session.findById(new ObjectId(id));
        assertEquals("Failed", now.seatOf(ben.id()).paymentStatus);
        assertEquals(null, now.seatOf(cara.id()));
    }

    /** The admin's page showed the session unpaid; the client pressed Pay a moment later: no confirmation by hand now. */
    @Test
    void aConfirmationByHandNeverOvertakesAPromptOpenedAfterTheAdminsRead() {
        Api.Account client = Api.newClient();
        String id = Api.bookedByAdmin(client, Api.newPsychologist(), Api.daysAhead(34));
        Session adminsRead = Session.findById(new ObjectId(id));
        Session.collection().updateOne(com.mongodb.client.model.Filters.eq("_id", adminsRead.id),
                com.mongodb.client.model.Updates.set("paymentStatus", "Processing"));

        assertEquals(null, settlement.markSessionPaid(adminsRead, "manual", false, adminsRead.price, null));
        Session now = Session.findById(adminsRead.id);
        assertEquals("Pending", now.status);
        assertEquals("Processing", now.paymentStatus);
    }

    /** A new psychologist's group {@code daysAhead}, with a seat booked (unpaid) by each of {@code clients}. */
    private static String groupSeating(int daysAhead, Api.Account... clients) {
        String id = Api.as(Api.newPsychologist()).body(Map.of("title", "Changing together", "capacity", 4, "sessionDate",
                Api.daysAhead(daysAhead).toString())).post("/api/group-sessions").then().statusCode(201).extract().path("id");
        for (Api.Account client : clients) {
            Api.as(client).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        }
        return id;
    }

    /** The SessionConfirmed about {@code clientId} (their seat's, or the one-to-one session's). */
    private static JsonNode confirmation(String sessionId, String clientId) {
        return SessionEventsTap.eventsOf(sessionId, found -> found.stream().anyMatch(e -> isConfirmationOf(e, clientId)),
                Duration.ofSeconds(20)).stream().filter(e -> isConfirmationOf(e, clientId)).findFirst().orElseThrow().node();
    }

    private static boolean isConfirmationOf(SessionEventsTap.Event event, String clientId) {
        return "SessionConfirmed".equals(event.type())
                && clientId.equals(event.node().path("payload").path("client").path("id").asText());
    }
}
