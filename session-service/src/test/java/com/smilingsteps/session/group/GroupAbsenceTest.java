package com.smilingsteps.session.group;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.CallEventsFeed;
import com.smilingsteps.session.support.SessionEventsTap;
import com.smilingsteps.session.videocall.CallLifecycleJob;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Clients absent from a group that met: the paid clients who never joined its call (signaling's
 * call-events through the real broker) are recorded when it completes, whether the psychologist
 * ends it or the system completes it after the room stayed empty, and counted as client no-shows
 * under {@code session="group"}.
 */
@QuarkusTest
@ServiceTest
class GroupAbsenceTest {

    @Inject
    CallLifecycleJob job;

    @Test
    void whenThePsychologistEndsTheGroupThePaidClientsWhoNeverJoinedAreMarkedAbsent() {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        Api.Account ben = paidSeat(id);
        Api.Account carl = paidSeat(id);
        Instant now = Instant.now();
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p", now.minusSeconds(90));
        CallEventsFeed.joined(id, anna, "client", "peer-a", now.minusSeconds(60));
        CallEventsFeed.joined(id, ben, "client", "peer-b", now.minusSeconds(50));
        // ben leaves early: he was there all the same
        CallEventsFeed.left(id, ben, "client", "peer-b", now.minusSeconds(40));
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200).body("session.status", is("Completed"));

        assertEquals(List.of(carl.id()), ((Session) Session.findById(new ObjectId(id))).absentClients);
        // carl sees his own seat marked absent; the psychologist sees who
        Api.as(carl).get("/api/sessions/" + id).then().statusCode(200).body("seats.size()", is(1))
                .body("seats[0].absent", is(true));
        Api.as(anna).get("/api/sessions/" + id).then().body("seats[0].absent", is(false));
        Api.as(psychologist).get("/api/sessions/" + id).then()
                .body("seats.findAll { it.absent }.client.id", org.hamcrest.Matchers.contains(carl.id()));
        var ended = callEnded(id);
        assertEquals(List.of(carl.id()), ids(ended.node().path("payload").path("absentClients")));
        assertEquals(3, ended.node().path("payload").path("clients").size());
        given().get("/q/metrics").then()
                .body(containsString("sessions_unattended_total{noShowBy=\"client\",session=\"group\",status=\"NoShow\"}"));
    }

    @Test
    void anAbandonedGroupCompletedByTheSystemMarksItsAbsentClientsOnceWithTwoReplicas() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        Api.Account ben = paidSeat(id);
        Instant lastLeave = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p", lastLeave.minusSeconds(1800));
        CallEventsFeed.joined(id, anna, "client", "peer-a", lastLeave.minusSeconds(1700));
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200);
        CallEventsFeed.left(id, anna, "client", "peer-a", lastLeave.minusSeconds(10));
        CallEventsFeed.left(id, psychologist, "psychologist", "peer-p", lastLeave);

        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replica = () -> job.completeAbandoned(lastLeave.plusSeconds(60));
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        Session completed = Session.findById(new ObjectId(id));
        assertEquals("Completed", completed.status);
        assertEquals("system", completed.endedBy);
        assertEquals(List.of(ben.id()), completed.absentClients);
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "CallEnded"), "one transition, one event");
        assertEquals(List.of(ben.id()), ids(callEnded(id).node().path("payload").path("absentClients")));
    }

    @Test
    void aJoinDeliveredAfterTheEndButMadeBeforeItClearsTheAbsenceOnceAndALaterJoinDoesNot() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        Api.Account ben = paidSeat(id);
        Api.Account carl = paidSeat(id);
        Instant now = Instant.now();
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p", now.minusSeconds(60));
        CallEventsFeed.joined(id, anna, "client", "peer-a", now.minusSeconds(50));
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200);
        // ben's join happened just before the end, but signaling's event is still on its way
        var bensJoin = CallEventsFeed.event("ParticipantJoined", id, ben, "client", "peer-b", null, Instant.now());
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200);
        Session ended = Session.findById(new ObjectId(id));
        assertEquals(List.of(ben.id(), carl.id()), ended.absentClients);

        // carl joined only after the end: he stays absent
        CallEventsFeed.joined(id, carl, "client", "peer-c", ended.videoCallEnded.plusSeconds(5));
        CallEventsFeed.publish(bensJoin);
        awaitStored(id, s -> s.absentClients, List.of(carl.id()));
        // a redelivery of ben's join changes nothing more
        CallEventsFeed.send(id, com.smilingsteps.contracts.EventJson.write(bensJoin));
        Api.as(ben).get("/api/sessions/" + id).then().body("seats[0].absent", is(false));
        Api.as(carl).get("/api/sessions/" + id).then().body("seats[0].absent", is(true));

        // (time for the redelivery to be consumed, and for a wrong second event to be published)
        Thread.sleep(2000);
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "AbsenceCleared") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "AbsenceCleared"), "one correction, one event");
        var cleared = events.stream().filter(e -> e.type().equals("AbsenceCleared")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", cleared.json());
        assertEquals(ben.id(), cleared.node().path("payload").path("client").path("id").asText());
        assertEquals(List.of(carl.id()), ids(cleared.node().path("payload").path("absentClients")));
        assertEquals("Completed", cleared.node().path("payload").path("status").asText());
        assertEquals(List.of(carl.id()), ((Session) Session.findById(new ObjectId(id))).absentClients);
        given().get("/q/metrics").then().body(containsString("sessions_absence_cleared_total{session=\"group\"} 1.0"));
    }

    @Test
    void aGroupMadeNoShowIsCompletedOnceByAClientsJoinMadeInsideTheWindowButNotByOneAfterIt() throws Exception {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        Api.Account ben = paidSeat(id);
        Api.Account carl = paidSeat(id);
        Session booked = Session.findById(new ObjectId(id));
        Instant start = booked.sessionDate;
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p", start.plusSeconds(60));
        CallEventsFeed.left(id, psychologist, "psychologist", "peer-p", start.plusSeconds(1200));
        // anna joined at minute 15, but signaling's event is still on its way when the window closes
        var annasJoin = CallEventsFeed.event("ParticipantJoined", id, anna, "client", "peer-a", null, start.plusSeconds(900));
        job.closeUnattended(start.plus(Duration.ofMinutes(121)));
        Session noShow = Session.findById(new ObjectId(id));
        assertEquals("NoShow", noShow.status);
        assertEquals("client", noShow.noShowBy);

        // carl's join came after the window closed: it proves nothing
        var carlsJoin = CallEventsFeed.event("ParticipantJoined", id, carl, "client", "peer-c", null,
                start.plus(Duration.ofMinutes(125)));
        CallEventsFeed.publish(carlsJoin);
        awaitStored(id, s -> s.attendance != null && s.attendance.eventIds.contains(carlsJoin.eventId()), true);
        assertEquals("NoShow", ((Session) Session.findById(new ObjectId(id))).status, "a join after the window");

        CallEventsFeed.publish(annasJoin);
        awaitStored(id, s -> s.status, "Completed");
        // and a redelivery changes nothing more
        CallEventsFeed.send(id, com.smilingsteps.contracts.EventJson.write(annasJoin));
        Thread.sleep(2000);
        Session completed = Session.findById(new ObjectId(id));
        assertEquals("system", completed.endedBy);
        assertEquals(null, completed.noShowBy);
        assertEquals(List.of(ben.id()), completed.absentClients, "ben never came (carl's join, late as it was, is on record)");
        assertEquals(start.plusSeconds(60), completed.videoCallStarted);
        assertEquals(start.plusSeconds(1200), completed.videoCallEnded);
        assertEquals(19, completed.callDuration);
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0, Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SessionNoShow"));
        assertEquals(1, SessionEventsTap.count(events, "CallEnded"), "one correction, one event");
        var ended = callEnded(id).node().path("payload");
        assertEquals("Completed", ended.path("status").asText());
        assertEquals("system", ended.path("endedBy").asText());
        assertEquals(List.of(ben.id()), ids(ended.path("absentClients")));
        Api.as(anna).get("/api/sessions/" + id).then().body("status", is("Completed")).body("seats[0].absent", is(false));
        given().get("/q/metrics").then()
                .body(containsString("sessions_no_show_cleared_total{noShowBy=\"client\",session=\"group\"}"));
    }

    @Test
    void aGroupWhosePsychologistNeverCameIsANoShowByThePsychologistNamingTheClientsWhoStayedAwayAndOneNobodyCameIsMissed() {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        Api.Account ben = paidSeat(id);
        Instant start = ((Session) Session.findById(new ObjectId(id))).sessionDate;
        CallEventsFeed.joined(id, anna, "client", "peer-a", start.plusSeconds(60));
        CallEventsFeed.left(id, anna, "client", "peer-a", start.plusSeconds(1800));
        String nobody = Api.as(Api.admin()).body(Map.of("title", "Nobody came", "capacity", 2, "sessionDate",
                start.plus(Duration.ofHours(3)).toString(), "psychologistId", psychologist.id()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
        paidSeat(nobody);

        job.closeUnattended(start.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(121)));
        Session noShow = Session.findById(new ObjectId(id));
        assertEquals("NoShow", noShow.status);
        assertEquals("psychologist", noShow.noShowBy);
        assertEquals(List.of(ben.id()), noShow.absentClients);
        Api.as(ben).get("/api/sessions/" + id).then().body("seats[0].absent", is(true));
        Api.as(anna).get("/api/sessions/" + id).then().body("seats[0].absent", is(false));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "SessionNoShow") > 0,
                Duration.ofSeconds(20));
        var event = events.stream().filter(e -> e.type().equals("SessionNoShow")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", event.json());
        assertEquals("psychologist", event.node().path("payload").path("noShowBy").asText());
        // the mail to each client depends on it: ben did not join either, anna waited
        assertEquals(List.of(ben.id()), ids(event.node().path("payload").path("absentClients")));
        assertEquals(2, event.node().path("payload").path("clients").size());

        assertEquals("Missed", ((Session) Session.findById(new ObjectId(nobody))).status);
        var missed = SessionEventsTap.eventsOf(nobody, found -> SessionEventsTap.count(found, "SessionMissed") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(missed, "SessionMissed"));
        given().get("/q/metrics").then()
                .body(containsString("sessions_unattended_total{noShowBy=\"psychologist\",session=\"group\",status=\"NoShow\"}"))
                .body(containsString("sessions_unattended_total{noShowBy=\"none\",session=\"group\",status=\"Missed\"}"));
    }

    /** Waits until what {@code field} reads of the stored session is {@code expected} (up to 20 s). */
    private static <T> void awaitStored(String id, Function<Session, T> field, T expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        T seen = null;
        while (Instant.now().isBefore(deadline)) {
            seen = field.apply(Session.findById(new ObjectId(id)));
            if (expected.equals(seen)) {
                return;
            }
            Thread.sleep(100);
        }
        assertEquals(expected, seen);
    }

    @Test
    void everyoneCameSoNobodyIsAbsent() {
        Api.Account psychologist = Api.newPsychologist();
        String id = groupStartingSoon(psychologist);
        Api.Account anna = paidSeat(id);
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p", Instant.now().minusSeconds(30));
        CallEventsFeed.joined(id, anna, "client", "peer-a", Instant.now().minusSeconds(20));
        Api.as(anna).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200);
        assertEquals(List.of(), ((Session) Session.findById(new ObjectId(id))).absentClients);
        var payload = callEnded(id).node().path("payload");
        assertEquals(true, payload.path("absentClients").isMissingNode(), "no absent client: the field stays out");
    }

    private static String groupStartingSoon(Api.Account psychologist) {
        return Api.as(Api.admin()).body(Map.of("title", "Who came", "capacity", 4, "sessionDate",
                Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "psychologistId", psychologist.id()))
                .post("/api/group-sessions").then().statusCode(201).extract().path("id");
    }

    private static Api.Account paidSeat(String id) {
        Api.Account client = Api.newClient();
        Api.as(client).post("/api/group-sessions/" + id + "/seats").then().statusCode(201);
        Api.as(Api.admin()).post("/api/group-sessions/" + id + "/seats/" + client.id() + "/payment/confirm").then()
                .statusCode(200);
        return client;
    }

    private static SessionEventsTap.Event callEnded(String id) {
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        var ended = events.stream().filter(e -> e.type().equals("CallEnded")).findFirst().orElseThrow();
        Contracts.assertValid("session-events", ended.json());
        return ended;
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.asText()));
        return ids;
    }
}
