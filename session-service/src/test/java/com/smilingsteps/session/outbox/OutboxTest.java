package com.smilingsteps.session.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.embedded.EmbeddedKafka;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;

/** With the broker down, bookings still succeed and their events go out once it is back. */
@QuarkusTest
@ServiceTest
class OutboxTest {

    @Test
    void bookingsMadeWhileKafkaIsDownArePublishedAfterItRestarts() throws Exception {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        EmbeddedKafka kafka = SharedServers.kafka();
        List<String> ids = new ArrayList<>();
        kafka.stop();
        try {
            Instant base = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
            for (int i = 0; i < 3; i++) {
                ids.add(Api.bookedSession(client, psychologist, base.plus(i * 2L, ChronoUnit.HOURS)));
            }
            Api.confirmPayment(ids.get(0));
            Thread.sleep(2000);
            for (String id : ids) {
                Session stored = Session.findById(new ObjectId(id));
                assertTrue(stored.outbox != null && !stored.outbox.isEmpty(), "events wait in the outbox while Kafka is down");
            }
            assertEquals(2, ((Session) Session.findById(new ObjectId(ids.get(0)))).outbox.size());
            assertTrue(pendingGauge() >= 3, "the pending gauge shows the waiting sessions");
        } finally {
            kafka.start();
        }

        Set<String> wanted = new HashSet<>(ids);
        var events = SessionEventsTap.events(e -> wanted.contains(e.key()), found -> found.size() >= 4,
                Duration.ofSeconds(60));
        events.forEach(e -> Contracts.assertValid("session-events", e.json()));
        for (String id : ids) {
            assertTrue(events.stream().anyMatch(e -> id.equals(e.key()) && "SessionBooked".equals(e.type())),
                    "SessionBooked of " + id + " published after the restart");
        }
        assertTrue(events.stream().anyMatch(e -> ids.get(0).equals(e.key()) && "SessionConfirmed".equals(e.type())));
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline
                && ids.stream().anyMatch(id -> !((Session) Session.findById(new ObjectId(id))).outbox.isEmpty())) {
            Thread.sleep(200);
        }
        for (String id : ids) {
            assertTrue(((Session) Session.findById(new ObjectId(id))).outbox.isEmpty(), "acknowledged entries are removed");
        }
    }

    private static double pendingGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("session_outbox_pending_sessions "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no session_outbox_pending_sessions gauge"));
    }
}
