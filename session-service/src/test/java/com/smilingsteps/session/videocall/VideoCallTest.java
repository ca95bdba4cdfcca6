package com.smilingsteps.session.videocall;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.types.ObjectId;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The plan's section 9.1 cases and the access rules of the design, against the running service. */
@QuarkusTest
@ServiceTest
class VideoCallTest {

    @Test
    void participantsGetTheSameRoomAndAFreshTicket() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);

        String roomId = Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(200)
                .body("roomId", startsWith("room-")).body("sessionId", is(id))
                .body("participants.client.id", is(client.id())).body("participants.psychologist.id", is(psychologist.id()))
                .body("participants.client.name", notNullValue())
                .body("ticket", notNullValue()).body("ticketExpiresAt", notNullValue())
                .extract().path("roomId");
        Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(200).body("roomId", is(roomId));
        Api.as(client).post("/api/video-calls/generate-room/" + id).then().statusCode(200).body("roomId", is(roomId));
        Api.as(client).get("/api/sessions/" + id).then().body("roomId", is(roomId)).body("meetingLink", is(roomId));

        JsonPath audit = Api.auditOf(id, "video-call.ticket");
        assertEquals(3, audit.getList("items").size());
        assertTrue(audit.getList("items.outcome").stream().allMatch("allowed"::equals));
    }

    @Test
    void theTicketVerifiesWithThePublishedJwksAndCarriesExactlyTheDesignsClaims() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        long asked = System.currentTimeMillis();
        var room = Api.as(psychologist).post("/api/video-calls/generate-room/" + id).then().statusCode(200)
                .extract().jsonPath();

        String jwks = given().get("/api/auth/jwks").then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("signaling").setExpectedIssuer("smiling-steps-video")
                .setRequireExpirationTime().setRequireSubject().build();
        JwtClaims claims = consumer.processToClaims(room.getString("ticket"));

        assertEquals(Set.of("iss", "aud", "sub", "exp", "iat", "jti", "roomId", "sessionId", "role", "name", "sessionType",
                "roomSize", "sessionUpdatedAt"),
                new HashSet<>(claims.getClaimNames()));
        assertEquals(psychologist.id(), claims.getSubject());
        assertEquals(room.getString("roomId"), claims.getClaimValue("roomId"));
        assertEquals(id, claims.getClaimValue("sessionId"));
        assertEquals("psychologist", claims.getClaimValue("role"));
        assertEquals(room.getString("participants.psychologist.name"), claims.getClaimValue("name"));
        assertEquals("individual", claims.getClaimValue("sessionType"));
        assertEquals(2L, claims.getClaimValue("roomSize"));
        long judgedAsOf = (Long) claims.getClaimValue("sessionUpdatedAt");
        assertTrue(judgedAsOf > asked - 600_000 && judgedAsOf <= asked, "the session's last change (its payment), epoch ms");
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertTrue(lifetime > 0 && lifetime <= 300, "short-lived ticket, was " + lifetime + " s");
        assertEquals(Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
                Instant.parse(room.getString("ticketExpiresAt")).truncatedTo(ChronoUnit.SECONDS));

        // a ticket is not an access token
        given().header("Authorization", "Bearer " + room.getString("ticket")).get("/api/users/me").then().statusCode(401);
    }

    @Test
    void missingOrInvalidTokensAre401() {
        String id = Api.paidSessionStartingSoon(Api.newClient(), Api.newPsychologist());
        given().post("/api/video-calls/generate-room/" + id).then().statusCode(401);
        given().header("x-auth-token", "invalid-token").post("/api/video-calls/generate-room/" + id).then().statusCode(401);
        for (String token : List.of("invalid-token", TestJwt.expired("u", "client"), TestJwt.algNone("u", "client"),
                TestJwt.signedByAnotherKey("u", "client"))) {
            given().header("Authorization", "Bearer " + token).post("/api/video-calls/generate-room/" + id).then()
                    .statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void everyRefusalHasItsStatusAndAnAuditRecord() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();

        String paid = Api.paidSessionStartingSoon(client, psychologist);
        refused(Api.newClient(), paid, 403, "not-participant");
        refused(Api.newPsychologist(), paid, 403, "not-participant");
        refused(Api.admin(), paid, 403, "admin-cannot-join");

        String unpaid = Api.bookedByAdmin(client, psychologist, Instant.now().plusSeconds(600).plus(2, ChronoUnit.HOURS));
        Api.moveSessionDate(unpaid, Instant.now().plusSeconds(300));
        refused(client, unpaid, 403, "payment-required");

        String early = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(4, ChronoUnit.HOURS));
        Api.moveSessionDate(early, Instant.now().plus(16, ChronoUnit.MINUTES));
        refused(client, early, 403, "too-early");
        Api.moveSessionDate(early, Instant.now().plus(14, ChronoUnit.MINUTES));
        Api.as(client).post("/api/video-calls/generate-room/" + early).then().statusCode(200);

        String late = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(6, ChronoUnit.HOURS));
        Api.moveSessionDate(late, Instant.now().minus(121, ChronoUnit.MINUTES));
        refused(psychologist, late, 403, "too-late");
        Api.moveSessionDate(late, Instant.now().minus(119, ChronoUnit.MINUTES));
        Api.as(psychologist).post("/api/video-calls/generate-room/" + late).then().statusCode(200);

        String cancelled = Api.paidSessionStartingSoon(client, psychologist, Instant.now().plus(8, ChronoUnit.HOURS));
        Api.as(client).post("/api/sessions/" + cancelled + "/cancel").then().statusCode(200);
        Api.moveSessionDate(cancelled, Instant.now().plusSeconds(300));
        refused(client, cancelled, 409, "session-not-active");

        Api.as(client).post("/api/video-calls/generate-room/5f0000000000000000000000").then().statusCode(404);
        Api.as(client).post("/api/video-calls/generate-room/not-an-id").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void refused(Api.Account who, String sessionId, int status, String slug) {
        Api.as(who).post("/api/video-calls/generate-room/" + sessionId).then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/" + slug));
        Api.as(who).post("/api/video-calls/start/" + sessionId).then().statusCode(status);
        JsonPath audit = Api.auditOf(sessionId, "video-call.ticket");
        List<Map<String, Object>> mine = audit.<Map<String, Object>>getList("items").stream()
                .filter(item -> who.id().equals(item.get("actor"))).toList();
        assertTrue(!mine.isEmpty(), "the refusal of " + slug + " is audited");
        Map<String, Object> latest = mine.get(0);
        assertEquals("denied", latest.get("outcome"));
        assertEquals("session:" + sessionId, latest.get("resource"));
        assertTrue(latest.get("reason") != null && !latest.get("reason").toString().isBlank());
        assertTrue(latest.get("clientIp") != null, "client IP recorded");
        assertTrue(latest.get("occurredAt") != null);
    }

    @Test
    void startAndEndMoveTheSessionAndPublishCallEvents() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);

        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(409);
        String started = Api.as(client).post("/api/video-calls/start/" + id).then().statusCode(200)
                .body("message", is("Video call started")).body("session.status", is("In Progress"))
                .body("session.videoCallStarted", notNullValue()).extract().path("session.videoCallStarted");
        Api.as(psychologist).post("/api/video-calls/start/" + id).then().statusCode(200)
                .body("session.videoCallStarted", is(started));

        // a 45-minute call
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(id)),
                Updates.set("videoCallStarted", Instant.now().minus(45, ChronoUnit.MINUTES)));
        Api.as(Api.newClient()).post("/api/video-calls/end/" + id).then().statusCode(403);
        Api.as(Api.admin()).post("/api/video-calls/end/" + id).then().statusCode(403);
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200)
                .body("message", is("Video call ended")).body("duration", is(45))
                .body("session.status", is("Completed")).body("session.callDuration", is(45))
                .body("session.videoCallEnded", notNullValue());
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200).body("duration", is(45));

        Api.as(client).get("/api/video-calls/session/" + id).then().statusCode(200)
                .body("session.status", is("Completed")).body("session.psychologist.id", is(psychologist.id()))
                .body("session.client.email", is(client.email()));
        Api.as(Api.admin()).get("/api/video-calls/session/" + id).then().statusCode(200);
        Api.as(Api.newClient()).get("/api/video-calls/session/" + id).then().statusCode(403);
        Api.as(client).get("/api/video-calls/session/nope").then().statusCode(404);

        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        var ended = events.stream().filter(e -> "CallEnded".equals(e.type())).findFirst().orElseThrow();
        assertEquals(45, ended.node().path("payload").path("durationMinutes").asInt());
        assertEquals("Completed", ended.node().path("payload").path("status").asText());
        assertEquals(List.of("SessionBooked", "SessionConfirmed", "CallStarted", "CallEnded"),
                events.stream().map(SessionEventsTap.Event::type).toList());
    }

    @Test
    void concurrentStartsAndEndsLeaveOneConsistentSession() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<String> rooms = all(pool, 8, i -> (i % 2 == 0 ? Api.as(client) : Api.as(psychologist))
                    .post("/api/video-calls/generate-room/" + id).then().statusCode(200).extract().path("roomId"));
            assertEquals(1, new HashSet<>(rooms).size(), "one room however many ask at once: " + rooms);

            List<String> starts = all(pool, 8, i -> (i % 2 == 0 ? Api.as(client) : Api.as(psychologist))
                    .post("/api/video-calls/start/" + id).then().statusCode(200)
                    .extract().path("session.videoCallStarted"));
            assertEquals(1, new HashSet<>(starts).size(), "every start reports the one start time: " + starts);

            List<String> ends = all(pool, 8, i -> Api.as(psychologist)
                    .post("/api/video-calls/end/" + id).then().statusCode(200)
                    .extract().path("session.videoCallEnded"));
            assertEquals(1, new HashSet<>(ends).size(), "every end reports the one end time: " + ends);
        } finally {
            pool.shutdown();
        }
        Api.as(client).get("/api/sessions/" + id).then().body("status", is("Completed"));
        var events = SessionEventsTap.eventsOf(id, found -> SessionEventsTap.count(found, "CallEnded") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "CallStarted"));
        assertEquals(1, SessionEventsTap.count(events, "CallEnded"));
    }

    @Test
    void qualityReportsAreStoredAndCounted() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Api.as(client).body(Map.of("outcome", "connected", "timeToConnectMs", 850, "candidateType", "relay",
                "rttMs", 120.5, "packetLoss", 0.01, "bitrateKbps", 900)).post("/api/video-calls/quality/" + id)
                .then().statusCode(204);
        Api.as(psychologist).body(Map.of("outcome", "failed")).post("/api/video-calls/quality/" + id)
                .then().statusCode(204);
        Api.as(client).body(Map.of("outcome", "maybe")).post("/api/video-calls/quality/" + id).then().statusCode(400)
                .body("field", is("outcome"));
        Api.as(client).body(Map.of("outcome", "connected", "timeToConnectMs", 850, "candidateType", "relay",
                "packetLoss", 3)).post("/api/video-calls/quality/" + id).then().statusCode(400).body("field", is("packetLoss"));
        Api.as(client).body(Map.of("outcome", "connected")).post("/api/video-calls/quality/" + id).then().statusCode(400);
        Api.as(Api.newClient()).body(Map.of("outcome", "failed")).post("/api/video-calls/quality/" + id)
                .then().statusCode(403);
        Api.as(client).body("{\"outcome\":\"failed\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/video-calls/quality/" + id).then().statusCode(413);

        Api.as(client).get("/api/sessions/" + id).then()
                .body("callQuality.size()", is(2))
                .body("callQuality[0].candidateType", is("relay")).body("callQuality[0].role", is("client"))
                .body("callQuality[1].outcome", is("failed"));

        Api.as(client).post("/api/video-calls/start/" + id).then().statusCode(200);
        Api.as(psychologist).post("/api/video-calls/end/" + id).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("video_call_relay_total"))
                .body(containsString("video_calls_total{status=\"started\"}"))
                .body(containsString("video_calls_total{status=\"completed\"}"))
                .body(containsString("video_calls_total{status=\"failed\"}"))
                .body(containsString("video_call_time_to_connect_seconds_bucket"))
                .body(containsString("video_call_duration_seconds_count"));
    }

    @Test
    void qualityReportsOnlyForCallsThatHappenAndCappedPerParticipant() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        Map<String, Object> failed = Map.of("outcome", "failed");
        // Unpaid, and cancelled: nothing was or can be attempted, so nothing to report.
        String unpaid = Api.bookedByAdmin(client, psychologist, java.time.Instant.now().plusSeconds(600));
        Api.as(client).body(failed).post("/api/video-calls/quality/" + unpaid).then().statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/call-not-started"));
        Api.as(client).post("/api/sessions/" + unpaid + "/cancel").then().statusCode(200);
        Api.as(client).body(failed).post("/api/video-calls/quality/" + unpaid).then().statusCode(409);

        // One participant's flood does not use up the other's allowance.
        String id = Api.paidSessionStartingSoon(client, psychologist);
        for (int i = 0; i < 25; i++) {
            Api.as(client).body(failed).post("/api/video-calls/quality/" + id).then().statusCode(204);
        }
        Api.as(client).body(failed).post("/api/video-calls/quality/" + id).then().statusCode(429)
                .body("type", is("https://smilingsteps.local/problems/too-many-reports"));
        Api.as(psychologist).body(failed).post("/api/video-calls/quality/" + id).then().statusCode(204);
    }

    @Test
    void aParticipantsRepeatedConnectedReportIsStoredButCountedOnce() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String id = Api.paidSessionStartingSoon(client, psychologist);
        Map<String, Object> connected = Map.of("outcome", "connected", "timeToConnectMs", 700, "candidateType", "relay");
        double before = relayCount();
        Api.as(client).body(connected).post("/api/video-calls/quality/" + id).then().statusCode(204);
        Api.as(client).body(connected).post("/api/video-calls/quality/" + id).then().statusCode(204);
        Api.as(psychologist).body(connected).post("/api/video-calls/quality/" + id).then().statusCode(204);
        Api.as(client).get("/api/sessions/" + id).then().body("callQuality.size()", is(3));
        // one per participant: the client's report at the end of the call does not count again
        org.junit.jupiter.api.Assertions.assertEquals(before + 2, relayCount(), 0.001);
    }

    private static double relayCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("video_call_relay_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static <T> List<T> all(ExecutorService pool, int n, java.util.function.IntFunction<T> call) throws Exception {
        List<Callable<T>> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(() -> call.apply(index));
        }
        List<T> results = new java.util.ArrayList<>();
        for (Future<T> future : pool.invokeAll(tasks)) {
            results.add(future.get());
        }
        return results;
    }
}
