package com.smilingsteps.notification;

import static com.smilingsteps.notification.SessionEmailsTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.infra.testing.Contracts;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.Mailbox.Email;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents;
import com.smilingsteps.notification.support.Topics;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** account-events become the verification, reset, invitation and "someone tried" emails, through real SMTP. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class AccountEmailsTest extends NotificationTestBase {

    private static final String TOKEN = "Zx9_vQ2-aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX";

    @Test
    void eachLinkEmailCarriesItsPageWithTheTokenAndDropsTheTokenOnceSent() {
        record Case(String type, String subject, String page) {
        }
        for (Case c : List.of(new Case(AccountEvent.VERIFICATION_REQUESTED, "Confirm your email address", "/verify-email"),
                new Case(AccountEvent.PASSWORD_RESET_REQUESTED, "Set a new password", "/reset-password"),
                new Case(AccountEvent.INVITED, "You have been invited: set your password", "/set-password"))) {
            String address = "acct-" + UUID.randomUUID() + "@example.test";
            AccountEvent event = publish(c.type(), address, TOKEN, t0.plus(Duration.ofMinutes(30)));
            Email email = single(this, address, c.subject());
            String link = "https://video.example.test" + c.page() + "#token=" + TOKEN;
            assertTrue(email.text().contains(link), email.text());
            assertTrue(email.html().contains(link), email.html());
            assertTrue(email.text().contains("Wanjiru"), "addressed by name");
            Document job = awaitFinished(email.jobId());
            assertEquals("SENT", job.getString("status"));
            assertFalse(job.containsKey("link"), "the token is not kept once the email went out");
            assertTrue(processed(event.eventId()));
        }
    }

    @Test
    void theNoteAboutASecondRegistrationHasNoLinkToken() {
        String address = "owner-" + UUID.randomUUID() + "@example.test";
        publish(AccountEvent.REGISTRATION_ATTEMPTED, address, null, null);
        Email note = single(this, address, "Someone tried to register with your address");
        assertTrue(note.text().contains("https://video.example.test/forgot-password"), note.text());
        assertFalse(note.text().contains("#token="), note.text());
    }

    @Test
    void aLinkThatExpiredBeforeItCouldBeSentIsNotSent() {
        String address = "late-" + UUID.randomUUID() + "@example.test";
        AccountEvent event = publish(AccountEvent.PASSWORD_RESET_REQUESTED, address, TOKEN, t0.minusSeconds(1));
        String jobId = event.eventId() + ":password_reset:client";
        Document job = awaitFinished(jobId);
        assertEquals("EXPIRED", job.getString("status"));
        assertFalse(job.containsKey("link"));
        assertTrue(Mailbox.to(address).isEmpty());
    }

    @Test
    void aRevocationOfAccessMailsNobodyAndErasesNothing() {
        String address = "revoked-" + UUID.randomUUID() + "@example.test";
        AccountEvent mail = publish(AccountEvent.PASSWORD_RESET_REQUESTED, address, TOKEN, t0.plus(Duration.ofMinutes(30)));
        Email email = single(this, address, "Set a new password");
        AccountEvent revoked = AccountEvent.accessRevoked(mail.userId(), "client", t0.plus(Duration.ofDays(1)));
        send(revoked.userId(), EventJson.write(revoked));
        // the same key, so read after the revocation: once it is mailed, the revocation was handled
        AccountEvent after = AccountEvent.of(AccountEvent.REGISTRATION_ATTEMPTED, mail.userId(),
                new AccountEvent.Payload("Wanjiru Kamau", address, "client", null, null));
        send(after.userId(), EventJson.write(after));
        single(this, address, "Someone tried to register with your address");
        assertEquals(2, Mailbox.to(address).size(), "no email of its own");
        assertTrue(job(email.jobId()) != null, "the user's email jobs are not erased");
    }

    @Test
    void anInvalidAccountEventGoesToItsDeadLetterTopic() {
        String key = "u-" + UUID.randomUUID();
        send(key, "{\"type\":\"EmailVerificationRequested\"}");
        var dead = Topics.read("account-events.dlq", r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size());
        var reason = dead.get(0).headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("account-events contract"));
    }

    private AccountEvent publish(String type, String address, String token, Instant expiresAt) {
        AccountEvent event = AccountEvent.of(type, "u-" + UUID.randomUUID(),
                new AccountEvent.Payload("Wanjiru Kamau", address, "client", token, expiresAt));
        String json = EventJson.write(event);
        Contracts.assertValid("account-events", json);
        send(event.userId(), json);
        return event;
    }

    private Document awaitFinished(String jobId) {
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> {
            Document job = job(jobId);
            return job != null && !"PENDING".equals(job.getString("status"));
        }), "job " + jobId + " finished");
        return database.getCollection(EmailJobStore.JOBS).find(new Document("_id", jobId)).first();
    }

    private static void send(String key, String value) {
        SessionEvents.sendTo("account-events", key, value);
    }
}
