package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.testing.AccessRevocationFeed;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.turn.CoturnResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The credentials endpoint against a real coturn, a real Kafka and signed access tokens. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(CoturnResource.class)
class VideoCallConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "turn.urls")
    List<String> turnUrls;

    @ConfigProperty(name = "turn.secret")
    String currentSecret;

    @ConfigProperty(name = "turn.previous-secret")
    String previousSecret;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void participantsOfASessionOpenNowGetStunAndTurnWithATwoHourCredential() {
        for (String role : List.of("client", "psychologist")) {
            String user = "user-" + UUID.randomUUID();
            feed().session(user, role, Instant.now().plusSeconds(300), "Confirmed");
            long before = Instant.now().getEpochSecond();
            JsonPath body = fetch(user, role).then().statusCode(200)
                    .contentType(containsString("application/json"))
                    .body("iceTransportPolicy", is("all"))
                    .body("ttl", is(7200))
                    .body("iceServers.size()", is(2))
                    .body("iceServers[0].urls", equalTo(List.of("stun:127.0.0.1:" + port())))
                    .body("iceServers[0].username", is((Object) null))
                    .body("iceServers[1].urls", equalTo(turnUrls))
                    .body("iceServers[1].username", matchesPattern("\\d+:" + user))
                    .extract().jsonPath();
            long expiry = Long.parseLong(body.getString("iceServers[1].username").split(":")[0]);
            assertTrue(expiry >= before + 7200 && expiry <= Instant.now().getEpochSecond() + 7200, "expiry " + expiry);
            assertEquals(Instant.ofEpochSecond(expiry), Instant.parse(body.getString("expiresAt")));
            assertEquals(new TurnRestCredentials(currentSecret, Duration.ofHours(2)).password(
                    body.getString("iceServers[1].username")), body.getString("iceServers[1].credential"));
        }
    }

    @Test
    void aCredentialNeverOutlivesTheJoinWindow() {
        String user = "late-" + UUID.randomUUID();
        // Due 110 minutes ago and not started: the window (start + 120 min) closes in 10 minutes.
        Instant start = Instant.now().minus(Duration.ofMinutes(110));
        feed().session(user, "client", start, "Confirmed");
        long ttl = fetch(user, "client").then().statusCode(200).extract().jsonPath().getLong("ttl");
        assertTrue(ttl > 540 && ttl <= 600, "ttl " + ttl);
    }

    @Test
    void aCallInProgressKeepsGettingCredentialsPastTheWindowForARejoin() {
        String user = "rejoining-" + UUID.randomUUID();
        feed().session(user, "client", Instant.now().minus(Duration.ofMinutes(150)), "In Progress");
        long ttl = fetch(user, "client").then().statusCode(200).extract().jsonPath().getLong("ttl");
        assertTrue(ttl > 7000 && ttl <= 7200, "ttl " + ttl);
    }

    @Test
    void noCredentialsWithoutASessionOpenNow() {
        String stranger = "stranger-" + UUID.randomUUID();
        fetch(stranger, "client").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/no-open-session"));
        String early = "early-" + UUID.randomUUID();
        feed().session(early, "client", Instant.now().plus(Duration.ofDays(1)), "Confirmed");
        fetch(early, "client").then().statusCode(403);
        String cancelled = "cancelled-" + UUID.randomUUID();
        feed().session(cancelled, "client", Instant.now().plusSeconds(300), "Cancelled");
        fetch(cancelled, "client").then().statusCode(403);
        String unpaid = "unpaid-" + UUID.randomUUID();
        feed().session(unpaid, "client", Instant.now().plusSeconds(300), "Pending");
        fetch(unpaid, "client").then().statusCode(403);
        // An admin never takes part in a call, so never relays, whatever sessions carry their id.
        String admin = "admin-" + UUID.randomUUID();
        feed().session(admin, "psychologist", Instant.now().plusSeconds(300), "Confirmed");
        fetch(admin, "admin").then().statusCode(403);
    }

    @Test
    void aCancellationEndsTheRightToRelay() {
        String user = "cancelling-" + UUID.randomUUID();
        String sessionId = feed().session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        fetch(user, "client").then().statusCode(200);
        feed().replace(sessionId, user, "client", Instant.now().plusSeconds(300), "Cancelled");
        fetch(user, "client").then().statusCode(403);
    }

    @Test
    void aClientWhoGaveUpTheirGroupSeatGetsNoMoreCredentialsWhileTheOthersStillDo() {
        String sessionId = "group-" + UUID.randomUUID();
        String anna = "anna-" + UUID.randomUUID();
        String ben = "ben-" + UUID.randomUUID();
        String psychologist = "group-psy-" + UUID.randomUUID();
        Instant start = Instant.now().plusSeconds(300);
        feed().groupSeat(sessionId, SessionEvent.CONFIRMED, anna, List.of(anna), psychologist, start, "Confirmed", null);
        feed().groupSeat(sessionId, SessionEvent.CONFIRMED, ben, List.of(anna, ben), psychologist, start, "Confirmed", null);
        fetch(anna, "client").then().statusCode(200);
        // anna gives her paid seat up (her access token and any ticket she holds are still valid): the SeatReleased names
        // her as the seat's client, and no longer among the paid ones
        feed().groupSeat(sessionId, SessionEvent.SEAT_RELEASED, anna, List.of(ben), psychologist, start, "Confirmed", "client");
        fetch(anna, "client").then().statusCode(403).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/no-open-session"));
        fetch(ben, "client").then().statusCode(200);
        fetch(psychologist, "psychologist").then().statusCode(200);
        // ben, the last paid seat, gives up too: the group is unpaid again and nobody relays for it
        feed().groupSeat(sessionId, SessionEvent.SEAT_RELEASED, ben, List.of(), psychologist, start, "Pending", "client");
        fetch(ben, "client").then().statusCode(403);
        fetch(psychologist, "psychologist").then().statusCode(403);
    }

    @Test
    void mintedCredentialsAllocateOverUdpTcpAndTls() {
        String user = "alloc-" + UUID.randomUUID();
        feed().session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        JsonPath body = fetch(user, "client").then().statusCode(200).extract().jsonPath();
        String username = body.getString("iceServers[1].username");
        String password = body.getString("iceServers[1].credential");
        CompletableFuture<TurnClient.Outcome> udp = CompletableFuture.supplyAsync(
                () -> TurnClient.allocate(username, password, port(), TurnClient.Transport.UDP));
        CompletableFuture<TurnClient.Outcome> tcp = CompletableFuture.supplyAsync(
                () -> TurnClient.allocate(username, password, port(), TurnClient.Transport.TCP));
        CompletableFuture<TurnClient.Outcome> tls = CompletableFuture.supplyAsync(
                () -> TurnClient.allocate(username, password, tlsPort(), TurnClient.Transport.TLS));
        for (CompletableFuture<TurnClient.Outcome> outcome : List.of(udp, tcp, tls)) {
            assertTrue(outcome.join().allocated(), outcome.join().output());
        }
    }

    @Test
    void credentialsMintedWithThePreviousSecretStillAllocate() {
        // what the service handed out before the rotation made today's secret current
        TurnRestCredentials.Credential beforeRotation = new TurnRestCredentials(previousSecret, Duration.ofHours(2))
                .mint("rotated-user", Instant.now());
        TurnClient.Outcome outcome = TurnClient.allocate(beforeRotation.username(), beforeRotation.password(), port(),
                TurnClient.Transport.UDP);
        assertTrue(outcome.allocated(), outcome.output());
    }

    @Test
    void expiredWrongAndForeignCredentialsAreRefused() {
        TurnRestCredentials current = new TurnRestCredentials(currentSecret, Duration.ofHours(2));
        TurnRestCredentials.Credential expired = current.mint("late-user", Instant.now().minus(Duration.ofHours(3)));
        TurnRestCredentials.Credential fresh = current.mint("some-user", Instant.now());
        TurnRestCredentials.Credential foreign = new TurnRestCredentials("a-secret-coturn-never-had", Duration.ofHours(2))
                .mint("some-user", Instant.now());
        // same username, a credential that is not its HMAC
        String wrong = current.password(fresh.username() + "x");
        List<TurnClient.Outcome> refused = List.of(
                TurnClient.allocate(expired.username(), expired.password(), port(), TurnClient.Transport.UDP),
                TurnClient.allocate(fresh.username(), wrong, port(), TurnClient.Transport.UDP),
                TurnClient.allocate(foreign.username(), foreign.password(), port(), TurnClient.Transport.UDP),
                TurnClient.allocate(expired.username(), expired.password(), tlsPort(), TurnClient.Transport.TLS));
        for (TurnClient.Outcome outcome : refused) {
            assertEquals(255, outcome.exitCode(), outcome.output());
            assertTrue(outcome.output().contains("Cannot complete Allocation"), outcome.output());
        }
    }

    @Test
    void withoutAValidTokenTheAnswerIs401ProblemJson() throws Exception {
        for (String token : new String[] { null, TestJwt.expired("u1", "client"), TestJwt.signedByAnotherKey("u1", "client"),
                TestJwt.algNone("u1", "client"), TestJwt.hs256("u1", "client"), TestJwt.wrongAudience("u1", "client") }) {
            var request = given();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            request.when().get("/api/video-calls/config")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", is(401))
                    .body("title", is("Unauthorized"))
                    .body("instance", is("/api/video-calls/config"))
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("iceServers")));
        }
        // the denials are audited too, as the anonymous actor
        List<JsonNode> denials = auditEventsOf("anonymous", 6);
        for (JsonNode denial : denials) {
            Contracts.assertValid("audit-events", denial.toString());
            assertEquals("denied", denial.at("/payload/outcome").asText());
            assertEquals("/api/video-calls/config", denial.at("/payload/resource").asText());
        }
        assertEquals("no access token", denials.get(0).at("/payload/reason").asText());
        assertEquals("access token rejected", denials.get(5).at("/payload/reason").asText());
    }

    @Test
    void overTheLimitTheAnswerIs429WithRetryAfter() {
        String user = "eager-" + UUID.randomUUID();
        feed().session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        for (int i = 0; i < 5; i++) {
            fetch(user, "client").then().statusCode(200);
        }
        String retryAfter = fetch(user, "client").then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", is(429))
                .body("title", is("Too Many Requests"))
                .extract().header("Retry-After");
        // 5 per minute: the next token comes within 12 s
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 12, "Retry-After " + retryAfter);
        // other users are not affected
        String calm = "calm-" + UUID.randomUUID();
        feed().session(calm, "client", Instant.now().plusSeconds(300), "Confirmed");
        fetch(calm, "client").then().statusCode(200);
    }

    @Test
    void everyDecisionIsAuditedWithoutTheCredentialAndMintsAreCountedIntoBatches() throws Exception {
        String user = "audited-" + UUID.randomUUID();
        String sessionId = feed().session(user, "psychologist", Instant.now().plusSeconds(300), "Confirmed");
        Instant before = Instant.now().minusMillis(1);
        String credential = fetch(user, "psychologist").then().statusCode(200).extract().path("iceServers[1].credential");
        for (int i = 0; i < 5; i++) {
            fetch(user, "psychologist");
        }
        Instant after = Instant.now().plusMillis(1);
        // five mints (the test limit), then a refusal: the refusal is its own record, keyed by the user;
        // the mints are no record of their own but entries of the next second's batch, keyed by the service
        List<JsonNode> entries = new ArrayList<>();
        List<JsonNode> ownRecords = new ArrayList<>();
        readAuditEvents(record -> {
            JsonNode event = readTree(record.value());
            if (user.equals(record.key())) {
                ownRecords.add(event);
            }
            if ("turn-credentials-service".equals(record.key())) {
                Contracts.assertValid("audit-events", record.value());
                assertEquals("AccessDecisionBatch", event.path("type").asText());
                assertEquals("turn-credentials-service", event.path("service").asText());
                assertFalse(record.value().contains(credential), "audit record carries the credential: " + record.value());
                event.path("decisions").forEach(entry -> {
                    if (user.equals(entry.path("actor").asText())) {
                        entries.add(entry);
                    }
                });
            }
            return entries.stream().mapToLong(e -> e.path("count").asLong()).sum() >= 5 && !ownRecords.isEmpty();
        });
        assertEquals(5, entries.stream().mapToLong(e -> e.path("count").asLong()).sum(), "every mint counted once");
        for (JsonNode entry : entries) {
            assertEquals("allowed", entry.path("outcome").asText());
            assertEquals(sessionId, entry.path("sessionId").asText(), "the session minted for");
            assertEquals("turn.credentials", entry.path("action").asText());
            assertEquals("psychologist", entry.path("role").asText());
            assertEquals("/api/video-calls/config", entry.path("resource").asText());
            assertEquals(7200, entry.at("/details/ttlSeconds").asLong());
            Instant first = Instant.parse(entry.path("firstSeen").asText());
            Instant last = Instant.parse(entry.path("lastSeen").asText());
            assertFalse(first.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)) || last.isAfter(after)
                    || last.isBefore(first), entry.toString());
        }
        assertEquals(1, ownRecords.size(), "no record of its own for a mint: " + ownRecords);
        JsonNode denied = ownRecords.get(0);
        Contracts.assertValid("audit-events", denied.toString());
        assertEquals("denied", denied.at("/payload/outcome").asText());
        assertEquals("rate limit exceeded", denied.at("/payload/reason").asText());
        assertEquals("psychologist", denied.at("/payload/role").asText());
    }

    @Test
    void aRevokedAccessTokenGetsNoCredentialButASignInAfterTheRevocationDoes() {
        String user = "revoked-" + UUID.randomUUID();
        feed().session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        String token = TestJwt.accessToken(user, "client");
        withToken(token).then().statusCode(200);
        // a second later, so that a token signed after it is told apart (iat has whole seconds)
        Instant revokedAt = Instant.now().plusSeconds(1);
        AccessRevocationFeed.revoke(kafka, user, "client", revokedAt);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (withToken(token).statusCode() == 200 && System.nanoTime() < deadline) {
            sleep(200);
        }
        withToken(token).then().statusCode(401).contentType("application/problem+json")
                .body("type", is("https://smilingsteps.local/problems/access-revoked"));
        List<JsonNode> denied = new ArrayList<>();
        readAuditEvents(record -> {
            JsonNode event = readTree(record.value());
            if (user.equals(record.key()) && "access token revoked".equals(event.at("/payload/reason").asText())) {
                denied.add(event);
            }
            return !denied.isEmpty();
        });
        assertFalse(denied.isEmpty(), "the refusal is audited");
        assertEquals("denied", denied.get(0).at("/payload/outcome").asText());
        String signedInAgain = TestJwt.sign(TestJwt.claims(user, "client")
                .issuedAt(revokedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1)));
        withToken(signedInAgain).then().statusCode(200);
    }

    @Test
    void issuesAreCountedAndTheTurnServerIsReportedUp() {
        String user = "counted-" + UUID.randomUUID();
        feed().session(user, "psychologist", Instant.now().plusSeconds(300), "Confirmed");
        fetch(user, "psychologist").then().statusCode(200);
        given().when().get("/q/health/group/turn").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks[0].data.'127.0.0.1:" + port() + "'", containsString("UP: STUN Binding answered"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("turn_server_up{server=\"127.0.0.1:" + port() + "\"} 1.0"), metrics);
        double issued = metrics.lines().filter(l -> l.startsWith("turn_credentials_issued_total{role=\"psychologist\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(issued >= 1, "turn_credentials_issued_total for psychologists: " + issued);
    }

    private SessionEventsFeed feed() {
        return new SessionEventsFeed(kafka);
    }

    private static io.restassured.response.Response fetch(String user, String role) {
        return withToken(TestJwt.accessToken(user, role));
    }

    private static io.restassured.response.Response withToken(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int port() {
        return IceUrl.parse(turnUrls.get(0)).port();
    }

    private int tlsPort() {
        return turnUrls.stream().map(IceUrl::parse).filter(u -> u.scheme().equals("turns")).findFirst()
                .orElseThrow().port();
    }

    private List<JsonNode> auditEventsOf(String actor, int expected) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        readAuditEvents(record -> {
            if (actor.equals(record.key())) {
                found.add(readTree(record.value()));
            }
            return found.size() >= expected;
        });
        assertEquals(expected, found.size(), "audit records for " + actor);
        return found;
    }

    /** Reads audit-events from the start until {@code enough} says so, or 30 s. */
    private void readAuditEvents(java.util.function.Predicate<ConsumerRecord<String, String>> enough) {
        Map<String, Object> config = Map.of("bootstrap.servers", kafka, "group.id", "audit-test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("audit-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (enough.test(record)) {
                        return;
                    }
                }
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
