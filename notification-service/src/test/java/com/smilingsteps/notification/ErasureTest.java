package com.smilingsteps.notification;

import static com.smilingsteps.notification.support.SessionEvents.cancelled;
import static com.smilingsteps.notification.support.SessionEvents.confirmed;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.JobStatus;
import com.smilingsteps.notification.jobs.Recipient;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents;
import com.smilingsteps.notification.support.SessionEvents.Session;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * AccountErased from the real broker: the person's jobs and dead letters lose every name and
 * address, in every collection, and an event about them read later queues nothing for them.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class ErasureTest extends NotificationTestBase {

    @Test
    void anErasedClientsJobsDeadLettersAndNameAreGoneAndLaterEventsQueueNothingForThem() {
        Session session = Session.fresh("Achieng Odhiambo", "Dr. Njoroge");
        String clientId = "u-client-" + session.id();
        publish(confirmed(session, t0.plus(Duration.ofDays(3))));
        SessionEmailsTest.single(this, session.clientEmail(), "Your session is confirmed");
        String deadLetter = deadLetter(session.id(), new Recipient("client", clientId, session.clientName(), session.clientEmail()));
        assertTrue(everything().contains(session.clientEmail()), "the test starts from jobs that hold the address");

        AccountEvent erased = AccountEvent.erased(clientId, "client");
        SessionEvents.sendTo("account-events", clientId, EventJson.write(erased));
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(erased.eventId())), "erasure handled");

        String all = everything();
        assertFalse(all.contains(session.clientEmail()), all);
        assertFalse(all.contains("Achieng"), all);
        Document letter = job(deadLetter);
        assertEquals(JobStatus.FAILED.name(), letter.getString("status"), "the dead letter stays on the admin's list");
        List<Document> left = database.getCollection(EmailJobStore.JOBS).find(new Document("sessionId", session.id()))
                .into(new ArrayList<>());
        assertTrue(left.stream().anyMatch(job -> "psychologist".equals(job.get("recipient", Document.class).getString("role"))
                && JobStatus.PENDING.name().equals(job.getString("status"))), "the psychologist's reminder stays: " + left);
        assertTrue(left.stream().noneMatch(job -> clientId.equals(job.get("recipient", Document.class).getString("id"))
                && !JobStatus.FAILED.name().equals(job.getString("status"))), "nothing is sent to them any more: " + left);

        // the cancellation of their session, written before the erasure and read after it: the psychologist is told
        var late = cancelled(session, t0.plus(Duration.ofDays(3)), "client");
        publish(late);
        SessionEmailsTest.single(this, session.psychologistEmail(), "Your session has been cancelled");
        assertFalse(everything().contains(session.clientEmail()), "no job for the erased client");
        assertTrue(Mailbox.to(session.clientEmail()).stream().noneMatch(m -> m.subject().contains("cancelled")));

        // a redelivered erasure (and a second one) change nothing
        SessionEvents.sendTo("account-events", clientId, EventJson.write(erased));
        AccountEvent again = AccountEvent.erased(clientId, "client");
        SessionEvents.sendTo("account-events", clientId, EventJson.write(again));
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(again.eventId())));
        assertEquals(JobStatus.FAILED.name(), job(deadLetter).getString("status"));
    }

    /** Every document of every collection of the service's database, as text. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        for (String name : database.listCollectionNames()) {
            database.getCollection(name).find().forEach(doc -> all.append(name).append(": ").append(doc.toJson()).append('\n'));
        }
        return all.toString();
    }
}
