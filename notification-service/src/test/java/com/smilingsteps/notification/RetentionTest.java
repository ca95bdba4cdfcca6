package com.smilingsteps.notification;

import static com.smilingsteps.notification.support.SessionEvents.confirmed;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.EmailKind;
import com.smilingsteps.notification.jobs.JobStatus;
import com.smilingsteps.notification.jobs.Recipient;
import com.smilingsteps.notification.retention.JobRetention;
import com.smilingsteps.notification.retention.RetentionJob;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents.Session;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Names and addresses in email jobs live no longer than {@code notification.retention.keep-for}
 * (30 days): finished jobs are erased, dead letters keep only ids, the dead-letter topic forgets too.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest extends NotificationTestBase {

    @Inject
    RetentionJob retention;

    @Test
    void jobsOlderThanThirtyDaysLoseEveryNameAndAddressWhileNewerAndPendingOnesStay() throws Exception {
        Session old = Session.fresh("Grace Atieno", "Dr. Njoroge");
        publish(confirmed(old, t0.plus(Duration.ofDays(60))));
        SessionEmailsTest.single(this, old.clientEmail(), "Your session is confirmed");
        String sent = EmailJob.eventEmailId(eventIdOf(old), EmailKind.BOOKING_CONFIRMED, "client");
        assertEquals(JobStatus.SENT.name(), job(sent).getString("status"));
        // the psychologist's confirmation too, before the clock moves: sent after it, it would be a month newer
        SessionEmailsTest.single(this, old.psychologistEmail(), "Your session is confirmed");
        assertTrue(Mailbox.await(Duration.ofSeconds(10), () -> database.getCollection(EmailJobStore.JOBS).countDocuments(
                new Document("sessionId", old.id()).append("kind", EmailKind.BOOKING_CONFIRMED.name())
                        .append("status", JobStatus.SENT.name())) == 2), "both confirmations recorded as sent");
        String failed = deadLetter("s-dead-" + t0.toEpochMilli(), new Recipient("client", "u-1", "Amina Wanjiru", "amina@example.test"));

        clock.advance(Duration.ofDays(31));
        Session recent = Session.fresh("Peter Otieno", "Dr. Njoroge");
        publish(confirmed(recent, clock.instant().plus(Duration.ofDays(60))));
        SessionEmailsTest.single(this, recent.clientEmail(), "Your session is confirmed");

        JobRetention.Erased erased = retention.sweepNow();

        assertTrue(erased.jobs() >= 2, "both confirmations of the old session erased: " + erased);
        assertNull(job(sent), "sent job erased");
        assertNotNull(database.getCollection(EmailJobStore.DELIVERIES).find(new Document("_id", sent)).first(),
                "the delivery record (ids only) stays as proof the mail went out");
        List<Document> left = database.getCollection(EmailJobStore.JOBS).find(new Document("sessionId", old.id()))
                .into(new ArrayList<>());
        assertEquals(List.of(JobStatus.PENDING.name(), JobStatus.PENDING.name()),
                left.stream().map(doc -> doc.getString("status")).toList(),
                "only the reminders of a session still ahead are left, untouched");

        Document letter = job(failed);
        assertEquals(JobStatus.FAILED.name(), letter.getString("status"), "dead letter kept for the admin's list");
        assertFalse(letter.toJson().contains("Amina") || letter.toJson().contains("amina@example.test"), letter.toJson());
        assertTrue(dump().contains(recent.clientEmail()), "a job from today is kept");

        assertEquals(0, retention.sweepNow().deadLettersRedacted(), "a second sweep finds nothing new");
    }

    @Test
    void theDeadLetterTopicKeepsRecordsNoLongerThanTheJobs() throws Exception {
        retention.sweepNow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedServers.kafka().bootstrapServers()))) {
            // account-events.dlq too: its records carry reset and verification links as well as names and addresses
            for (String topic : List.of("session-events.dlq", "account-events.dlq")) {
                ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                String retentionMs = admin.describeConfigs(List.of(dlq)).all().get().get(dlq)
                        .get(TopicConfig.RETENTION_MS_CONFIG).value();
                assertEquals(Long.toString(Duration.ofDays(30).toMillis()), retentionMs, topic);
            }
        }
    }

    private String eventIdOf(Session session) {
        return database.getCollection(EmailJobStore.JOBS).find(new Document("sessionId", session.id())
                .append("kind", EmailKind.BOOKING_CONFIRMED.name())).first().getString("eventId");
    }

    private String dump() {
        StringBuilder all = new StringBuilder();
        database.getCollection(EmailJobStore.JOBS).find().forEach(doc -> all.append(doc.toJson()));
        return all.toString();
    }
}
