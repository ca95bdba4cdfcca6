package com.smilingsteps.notification;

import static com.smilingsteps.notification.support.SessionEvents.confirmed;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static com.smilingsteps.notification.support.SessionEvents.publishRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents;
import com.smilingsteps.notification.support.SessionEvents.Session;
import com.smilingsteps.notification.support.Topics;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Records that break the contract go to session-events.dlq and the consumer carries on. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class DeadLetterTopicTest extends NotificationTestBase {

    @Test
    void invalidEventsGoToTheDeadLetterTopicAndLaterEventsStillGetTheirEmails() {
        Session session = Session.fresh("Grace Atieno", "Dr. Njoroge");
        String notJson = "{not json " + session.id();
        ObjectNode missingClientId = confirmed(session, t0.plus(Duration.ofHours(1)));
        ((ObjectNode) missingClientId.get("payload").get("client")).remove("id");
        assertFalse(Contracts.errors("session-events", missingClientId.toString()).isEmpty(), "fixture must be invalid");

        publishRaw(session.id(), notJson);
        publishRaw(session.id(), missingClientId.toString());
        publish(SessionEvents.confirmed(session, t0.plus(Duration.ofHours(1))));

        SessionEmailsTest.single(this, session.clientEmail(), "Your session is confirmed");
        List<ConsumerRecord<String, String>> dead = Topics.read("session-events.dlq",
                r -> session.id().equals(r.key()), 2, Duration.ofSeconds(20));
        assertEquals(2, dead.size());
        assertEquals(notJson, dead.get(0).value());
        assertEquals(missingClientId.toString(), dead.get(1).value());
        Header reason = dead.get(1).headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("session-events contract"));
    }
}
