package com.smilingsteps.turn.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.infra.embedded.FreePorts;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.turn.sessions.JoinWindows;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * coturn down and Kafka unreachable: the {@code turn} and {@code audit} groups say so, while
 * readiness stays UP and users still get credentials (clients can often connect without relay).
 * Also runs with {@code iceTransportPolicy} "relay", as the end-to-end relay tests configure it.
 */
@QuarkusTest
@TestProfile(UnreachableDependenciesTest.Unreachable.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class UnreachableDependenciesTest {

    @Inject
    JoinWindows joinWindows;

    static final int DEAD_TURN_PORT = FreePorts.next();

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "turn.urls", "turn:127.0.0.1:" + DEAD_TURN_PORT + "?transport=udp",
                    // what the end-to-end relay tests configure
                    "turn.ice-transport-policy", "relay",
                    // only the audit channel loses Kafka; no other test shares this broker address
                    "mp.messaging.outgoing.audit-events.bootstrap.servers", "127.0.0.1:" + FreePorts.next(),
                    "mp.messaging.outgoing.audit-events.max.block.ms", "1000",
                    "mp.messaging.outgoing.audit-events.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.audit-events.delivery.timeout.ms", "2000");
        }
    }

    @Test
    void turnGroupIsDownWithAReasonButReadinessStaysUp() {
        String server = "127.0.0.1:" + DEAD_TURN_PORT;
        given().when().get("/q/health/group/turn").then().statusCode(503)
                .body("status", is("DOWN"))
                .body("checks[0].data.'" + server + "'", containsString("DOWN: "));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("turn_server_up{server=\"" + server + "\"} 0.0"));
    }

    @Test
    void credentialsAreIssuedWhileKafkaIsUnreachableAndTheAuditGroupSaysSo() throws InterruptedException {
        // A session this instance learnt before Kafka went away: the table keeps it.
        joinWindows.apply(SessionEvent.of(SessionEvent.CONFIRMED, "no-kafka-session", new SessionEvent.Payload(
                Instant.now().plusSeconds(300), "individual", "Confirmed",
                new SessionEvent.Party("no-kafka-user", "C", "c@example.test"),
                new SessionEvent.Party("no-kafka-psychologist", "P", "p@example.test"),
                null, null, null, null, null, null, null, null)));
        given().header("Authorization", "Bearer " + TestJwt.accessToken("no-kafka-user", "client"))
                .when().get("/api/video-calls/config")
                .then().statusCode(200)
                .body("iceServers[1].username", containsString(":no-kafka-user"))
                .body("iceTransportPolicy", is("relay"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 503) {
            status = given().when().get("/q/health/group/audit").then().extract().statusCode();
            Thread.sleep(250);
        }
        given().when().get("/q/health/group/audit").then().statusCode(503)
                .body("checks[0].data.lastFailure", not(emptyOrNullString()));
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
