package com.smilingsteps.session.videocall;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.CallEventsFeed;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Leave versus End, and the calls nobody ended: signaling's joins and leaves go through the real
 * broker, the lifecycle job runs as two replicas would (the test profile shortens the abandon
 * delay to 2 s and leaves the schedule to the tests).
 */
@QuarkusTest
@ServiceTest
class CallLifecycleTest {

    private static final String PROBLEMS = "https://smilingsteps.local/problems/";

    @Inject
    CallLifecycleJob job;

    @Test
    void aClientLeavesAndRejoinsButOnlyThePsychologistEnds() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Instant now = Instant.now();
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p1", now.minusSeconds(120));
        CallEventsFeed.joined(id, client, "client", "peer-c1", now.minusSeconds(60));
        Api.as(client).post("/api/video-calls/start/" + id).then().statusCode(200).body("session.status", is("In Progress"));

        Api.as(client).post("/api/video-calls/end/" + id).then().statusCode(403).contentType("application/problem+json")
                .body("type", is(PROBLEMS + "only-psychologist-ends"));
        JsonPath audit = Api.auditOf(id, "video-call.end");
        assertEquals("denied", audit.getString("items[0].outcome"));
        assertEquals(client.id(), audit.getString("items[0].actor"));

        // the client leaves: however long the psychologist waits alone, the call is not abandoned
        CallEventsFeed.left(id, client, "client", "peer-c1", Instant.now());
        job.completeAbandoned(Instant.now().plus(1, ChronoUnit.HOURS));
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("In Progress"));

        // a call that started late stays joinable past start + 120 min while it is In Progress
        Api.moveSessionDate(id, Instant.now().minus(130, ChronoUnit.MINUTES));
        Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(200);
        CallEventsFeed.joined(id, client, "client", "peer-c2", Instant.now());
        assertEquals(List.of("peer-p1", "peer-c2"), session(id).attendance.present);
        job.closeUnattended(Instant.now());
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("In Progress"));

        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200)
                .body("session.status", is("Completed")).body("session.endedBy", is("psychologist"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        var ended = events.stream().filter(e -> "CallEnded".equals(e.type())).findFirst().orElseThrow();
        Contracts.assertValid("session-events", ended.json());
        assertEquals("psychologist", ended.node().path("payload").path("endedBy").asText());
    }

    @Test
    void whenBothSidesLeaveTheCallCompletesByItselfOnceWithTheAttendedDuration() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Instant lastLeave = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant firstJoin = lastLeave.minus(45, ChronoUnit.MINUTES);
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p1", firstJoin);
        CallEventsFeed.joined(id, client, "client", "peer-c1", firstJoin.plusSeconds(60));
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200);
        CallEventsFeed.left(id, client, "client", "peer-c1", lastLeave.minusSeconds(30));
        CallEventsFeed.left(id, psychologist, "psychologist", "peer-p1", lastLeave);
        assertEquals(lastLeave, session(id).attendance.emptySince);

        job.completeAbandoned(lastLeave.plusSeconds(1));
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("In Progress"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), lastLeave.plusSeconds(2)).toMillis()) + 100);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replica = () -> job.completeAbandoned(Instant.now());
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Completed"))
                .body("endedBy", is("system")).body("callDuration", is(45))
                .body("videoCallEnded", is(lastLeave.toString()));

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "CallEnded"), "one transition, one event");
        var ended = events.stream().filter(e -> "CallEnded".equals(e.type())).findFirst().orElseThrow();
        Contracts.assertValid("session-events", ended.json());
        assertEquals("system", ended.node().path("payload").path("endedBy").asText());
        assertEquals(45, ended.node().path("payload").path("durationMinutes").asInt());
        given().get("/q/metrics").then().body(containsString("video_calls_total{status=\"abandoned\"}"));
    }

    @Test
    void peersWhoseLeavesNobodyPublishedAreReplacedByTheirUsersRejoinSoTheEmptyRoomStillCompletes() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Instant lastLeave = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant firstJoin = lastLeave.minus(40, ChronoUnit.MINUTES);
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p1", firstJoin);
        CallEventsFeed.joined(id, client, "client", "peer-c1", firstJoin.plusSeconds(30));
        Api.as(client).post("/api/video-calls/start/" + id).then().statusCode(200);
        // the only signaling instance restarted: nobody published peer-p1's and peer-c1's leaves;
        // both sides rejoined the new instance with new peers (signaling keeps one per user in a room)
        CallEventsFeed.joined(id, psychologist, "psychologist", "peer-p2", firstJoin.plusSeconds(600));
        CallEventsFeed.joined(id, client, "client", "peer-c2", firstJoin.plusSeconds(605));
        assertEquals(List.of("peer-p2", "peer-c2"), session(id).attendance.present);

        CallEventsFeed.left(id, client, "client", "peer-c2", lastLeave.minusSeconds(20));
        CallEventsFeed.left(id, psychologist, "psychologist", "peer-p2", lastLeave);
        assertEquals(List.of(), session(id).attendance.present);
        job.completeAbandoned(lastLeave.plus(1, ChronoUnit.MINUTES));
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Completed"))
                .body("endedBy", is("system")).body("callDuration", is(40));
    }

    @Test
    void aRedeliveredJoinBringsNoGhostBackAndSomeoneElsesJoinIsIgnored() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        CallEvent join = CallEventsFeed.joined(id, client, "client", "peer-c1", Instant.now().minusSeconds(10));
        CallEvent leave = CallEventsFeed.left(id, client, "client", "peer-c1", Instant.now());
        CallEventsFeed.send(id, com.smilingsteps.contracts.EventJson.write(join));
        // a stranger claiming the psychologist's side, and garbage, are skipped without stopping the channel
        CallEventsFeed.send(id, com.smilingsteps.contracts.EventJson.write(CallEventsFeed.event(CallEvent.PARTICIPANT_JOINED,
                id, Api.newClient(), "psychologist", "peer-x", null, Instant.now())));
        CallEventsFeed.send(id, "{not json");
        CallEvent marker = CallEventsFeed.left(id, psychologist, "psychologist", "peer-never-joined", Instant.now());

        Session session = session(id);
        assertEquals(List.of(), session.attendance.present);
        assertTrue(session.attendance.clientJoined);
        assertEquals(false, session.attendance.psychologistJoined);
        assertEquals(List.of(join.eventId(), leave.eventId(), marker.eventId()), session.attendance.eventIds);
    }

    @Test
    void paidSessionsNobodyOrOneSideJoinedBecomeMissedOrNoShowOnceWithAnEmailEvent() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        Instant start = Instant.now().plus(3, ChronoUnit.HOURS);
        String nobody = Api.paidSessionStartingSoon(client, psychologist, start);
        String clientOnly = Api.paidSessionStartingSoon(client, psychologist, start.plus(2, ChronoUnit.HOURS));
        String psychologistOnly = Api.paidSessionStartingSoon(client, psychologist, start.plus(4, ChronoUnit.HOURS));
        String bothNeverConnected = Api.paidSessionStartingSoon(client, psychologist, start.plus(6, ChronoUnit.HOURS));
        Instant windowOpen = Instant.now().minus(100, ChronoUnit.MINUTES);
        CallEventsFeed.joined(clientOnly, client, "client", "peer-c", windowOpen);
        CallEventsFeed.joined(psychologistOnly, psychologist, "psychologist", "peer-p", windowOpen);
        CallEventsFeed.left(psychologistOnly, psychologist, "psychologist", "peer-p", windowOpen.plusSeconds(1200));
        CallEventsFeed.joined(bothNeverConnected, psychologist, "psychologist", "peer-p", windowOpen);
        CallEventsFeed.joined(bothNeverConnected, client, "client", "peer-c", windowOpen.plusSeconds(60));
        CallEventsFeed.left(bothNeverConnected, client, "client", "peer-c", windowOpen.plusSeconds(600));
        CallEventsFeed.left(bothNeverConnected, psychologist, "psychologist", "peer-p", windowOpen.plusSeconds(660));
        List<String> all = List.of(nobody, clientOnly, psychologistOnly, bothNeverConnected);

        // still inside the window (up to start + 120 min): nothing happens
        all.forEach(id -> Api.moveSessionDate(id, Instant.now().minus(119, ChronoUnit.MINUTES)));
        job.closeUnattended(Instant.now());
        all.forEach(id -> Api.as(client).get("/api/sessions/" + id).then().body("status", is("Confirmed")));

        all.forEach(id -> Api.moveSessionDate(id, Instant.now().minus(121, ChronoUnit.MINUTES)));
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> replica = () -> job.closeUnattended(Instant.now());
            for (var result : pool.invokeAll(List.of(replica, replica))) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        Api.as(client).get("/api/sessions/" + nobody).then().body("status", is("Missed")).body("noShowBy", is((Object) null));
        Api.as(client).get("/api/sessions/" + clientOnly).then().body("status", is("NoShow")).body("noShowBy", is("psychologist"));
        Api.as(psychologist).get("/api/sessions/" + psychologistOnly).then().body("status", is("NoShow")).body("noShowBy", is("client"));
        Api.as(client).get("/api/sessions/" + bothNeverConnected).then().body("status", is("Completed"))
                .body("endedBy", is("system")).body("callDuration", is(11));
        Api.as(client).post("/api/video-calls/generate-room/" + clientOnly).then().statusCode(409);

        assertOneEvent(nobody, "SessionMissed", null);
        assertOneEvent(clientOnly, "SessionNoShow", "psychologist");
        assertOneEvent(psychologistOnly, "SessionNoShow", "client");
        assertOneEvent(bothNeverConnected, "CallEnded", null);

        Api.as(Api.admin()).queryParam("status", "NoShow").queryParam("psychologistId", psychologist.id())
                .get("/api/sessions").then().statusCode(200).header("X-Total-Count", "2")
                .body("id", hasItems(clientOnly, psychologistOnly)).body("id", not(hasItems(nobody)));
        Api.as(Api.admin()).queryParam("status", "Missed").queryParam("psychologistId", psychologist.id())
                .get("/api/sessions").then().statusCode(200).header("X-Total-Count", "1").body("[0].id", is(nobody));
        given().get("/q/metrics").then()
                .body(containsString("sessions_unattended_total{noShowBy=\"none\",session=\"one-to-one\",status=\"Missed\"}"))
                .body(containsString("sessions_unattended_total{noShowBy=\"client\",session=\"one-to-one\",status=\"NoShow\"}"))
                .body(containsString("sessions_unattended_total{noShowBy=\"psychologist\",session=\"one-to-one\",status=\"NoShow\"}"));
    }

    private static void assertOneEvent(String id, String type, String noShowBy) {
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, type) > 0, Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, type), type + " once for " + id);
        var event = events.stream().filter(e -> type.equals(e.type())).findFirst().orElseThrow();
        Contracts.assertValid("session-events", event.json());
        Map<String, String> expectedStatus = Map.of("SessionMissed", "Missed", "SessionNoShow", "NoShow", "CallEnded", "Completed");
        assertEquals(expectedStatus.get(type), event.node().path("payload").path("status").asText());
        if (noShowBy == null) {
            assertTrue(event.node().path("payload").path("noShowBy").isMissingNode());
        } else {
            assertEquals(noShowBy, event.node().path("payload").path("noShowBy").asText());
        }
    }

    private static Session session(String id) {
        Session session = Session.findById(new ObjectId(id));
        assertTrue(session != null && session.attendance != null, "attendance recorded for " + id);
        return session;
    }

}
