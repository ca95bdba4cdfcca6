package com.smilingsteps.session.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AuditBatch;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

/** Other services' decisions arrive over Kafka and land once in the same append-only log. */
@QuarkusTest
@ServiceTest
class AuditTest {

    @Test
    void auditEventsFromOtherServicesAreStoredOnceAndListedForAdmins() throws Exception {
        String actor = "user-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String event = "{\"eventId\":\"" + eventId + "\",\"type\":\"AccessDecision\",\"version\":1,"
                + "\"occurredAt\":\"" + Instant.now() + "\",\"sessionId\":\"s-1\",\"payload\":{"
                + "\"service\":\"signaling-service\",\"actor\":\"" + actor + "\",\"role\":\"client\","
                + "\"action\":\"signaling.join\",\"resource\":\"room:room-1\",\"outcome\":\"denied\","
                + "\"reason\":\"ticket expired\",\"clientIp\":\"203.0.113.9\",\"details\":{\"peers\":1}}}";
        Contracts.assertValid("audit-events", event);

        send("s-1", "{not json", "{\"type\":\"Other\"}", event, event);
        String marker = UUID.randomUUID().toString();
        send("s-1", event.replace(eventId, marker));

        // the record after the duplicate arriving proves the duplicate was consumed too
        long deadline = System.currentTimeMillis() + 30_000;
        int count = 0;
        while (System.currentTimeMillis() < deadline) {
            count = Api.as(Api.admin()).queryParam("actor", actor).get("/api/admin/audit").then().statusCode(200)
                    .extract().path("total");
            if (count >= 2) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals(2, count, "the redelivered event is stored once, the malformed ones are skipped");
        Api.as(Api.admin()).queryParam("actor", actor).queryParam("service", "signaling-service")
                .queryParam("outcome", "denied").get("/api/admin/audit").then().statusCode(200)
                .body("total", is(2)).body("items.action", everyItem(is("signaling.join")))
                .body("items.clientIp", everyItem(is("203.0.113.9")))
                .body("items[0].details.peers", is(1));
        Api.as(Api.admin()).queryParam("actor", actor).queryParam("outcome", "allowed").get("/api/admin/audit").then()
                .body("total", is(0));
        Api.as(Api.admin()).queryParam("size", 0).get("/api/admin/audit").then().statusCode(400).body("field", is("size"));
        Api.as(Api.admin()).queryParam("page", "abc").get("/api/admin/audit").then().statusCode(400).body("field", is("page"));
        Api.as(Api.admin()).queryParam("from", "yesterday").get("/api/admin/audit").then().statusCode(400)
                .body("field", is("from"));
    }

    @Test
    void aBatchOfCountedMintsShowsAdminsWhoMintedForWhichSessionAndWhen() throws Exception {
        String client = "client-" + UUID.randomUUID();
        String psychologist = "psy-" + UUID.randomUUID();
        Instant first = Instant.now().minusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        AuditBatch batch = AuditBatch.of("turn-credentials-service", List.of(
                new AuditBatch.Entry("s-7", client, "client", "turn.credentials", "/api/video-calls/config", "allowed",
                        "participant of a session open now", "203.0.113.9", 4, first, first.plusMillis(800),
                        Map.of("ttlSeconds", 7200)),
                new AuditBatch.Entry("s-7", psychologist, "psychologist", "turn.credentials", "/api/video-calls/config",
                        "allowed", "participant of a session open now", "198.51.100.7", 1, first.plusMillis(300),
                        first.plusMillis(300), Map.of("ttlSeconds", 7200))));
        String json = EventJson.write(batch);
        Contracts.assertValid("audit-events", json);

        send(batch.key(), json, json);
        long deadline = System.currentTimeMillis() + 30_000;
        int count = 0;
        while (System.currentTimeMillis() < deadline && count < 2) {
            count = Api.as(Api.admin()).queryParam("sessionId", "s-7").queryParam("action", "turn.credentials")
                    .get("/api/admin/audit").then().statusCode(200).extract().path("total");
            Thread.sleep(300);
        }
        // a redelivered batch is stored once; each entry is one entry of the trail, newest first
        Api.as(Api.admin()).queryParam("sessionId", "s-7").queryParam("action", "turn.credentials")
                .get("/api/admin/audit").then().statusCode(200)
                .body("total", is(2))
                .body("items.actor", contains(psychologist, client))
                .body("items.service", everyItem(is("turn-credentials-service")))
                .body("items.outcome", everyItem(is("allowed")))
                .body("items[1].role", is("client"))
                .body("items[1].clientIp", is("203.0.113.9"))
                .body("items[1].details.count", is(4))
                .body("items[1].details.firstSeen", is(first.toString()))
                .body("items[1].details.lastSeen", is(first.plusMillis(800).toString()))
                .body("items[1].details.ttlSeconds", is(7200))
                .body("items[0].details.count", is(1));
        Api.as(Api.admin()).queryParam("actor", client).queryParam("from", first.toString())
                .queryParam("to", first.plusMillis(1).toString()).get("/api/admin/audit").then().statusCode(200)
                .body("total", is(1));
    }

    @Test
    void onlyAdminsReadTheAuditLogAndTheRefusalIsAudited() {
        Api.Account client = Api.newClient();
        Api.as(client).get("/api/admin/audit").then().statusCode(403).contentType("application/problem+json");
        Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "http.authorize")
                .get("/api/admin/audit").then().statusCode(200)
                .body("total", is(1)).body("items[0].outcome", is("denied")).body("items[0].resource", is("/api/admin/audit"));
        Api.as(Api.admin()).queryParam("actor", Api.admin().id()).queryParam("action", "admin.audit.read")
                .get("/api/admin/audit").then().statusCode(200).body("items[0].outcome", is("allowed"));
    }

    private static void send(String key, String... values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafka().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String value : values) {
                producer.send(new ProducerRecord<>("audit-events", key, value)).get();
            }
        }
    }
}
