package com.smilingsteps.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.support.Topics;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Quarkus' own refusals are the service kit's problem JSON too (they were bare defaults), and a
 * refusal's audit record carries the caller's address the gateway forwarded, not the gateway's
 * (issue 12, item 16): the test client connects from 127.0.0.1, inside the trusted ranges.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class ProblemJsonTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void unknownPathsAndWrongMethodsAreProblemJson() {
        given().when().get("/api/notifications/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", is("https://smilingsteps.local/problems/not-found"))
                .body("status", is(404))
                .body("instance", is("/api/notifications/no-such-thing"));
        given().when().delete("/api/notifications/failed")
                .then().statusCode(405).contentType(PROBLEM_JSON)
                .body("type", is("https://smilingsteps.local/problems/method-not-allowed"))
                .body("status", is(405));
    }

    @Test
    void aRefusalIsAuditedWithTheForwardedClientAddress() {
        String client = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
        String spoofed = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
        given().header("X-Forwarded-For", spoofed + ", " + client)
                .when().get("/api/notifications/failed")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("type", is("https://smilingsteps.local/problems/unauthorized"));
        List<ConsumerRecord<String, String>> audits = Topics.read("audit-events",
                r -> r.value().contains("\"clientIp\":\"" + client + "\""), 1, Duration.ofSeconds(20));
        assertEquals(1, audits.size(), "the refusal is audited with the forwarded client address");
        Contracts.assertValid("audit-events", audits.get(0).value());
    }
}
