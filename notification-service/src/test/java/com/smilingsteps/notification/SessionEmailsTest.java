package com.smilingsteps.notification;

import static com.smilingsteps.notification.support.SessionEvents.callEnded;
import static com.smilingsteps.notification.support.SessionEvents.callStarted;
import static com.smilingsteps.notification.support.SessionEvents.cancelled;
import static com.smilingsteps.notification.support.SessionEvents.confirmed;
import static com.smilingsteps.notification.support.SessionEvents.missed;
import static com.smilingsteps.notification.support.SessionEvents.noShow;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static com.smilingsteps.notification.support.SessionEvents.rescheduled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.jobs.EmailJobStore;
import com.smilingsteps.notification.jobs.JobStatus;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.Mailbox.Email;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents;
import com.smilingsteps.notification.support.SessionEvents.Session;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Session events in, the right emails out, at the right time, once. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class SessionEmailsTest extends NotificationTestBase {

    static final String REMINDER_SUBJECT = "Video Call Starting Soon";

    @Test
    void confirmedSessionMailsBothPartiesAndRemindsThemFifteenMinutesBeforeWithTheJoinLink() {
        Session session = Session.fresh("Amina Wanjiru", "Dr. Otieno Kamau");
        Instant start = t0.plus(Duration.ofHours(1));
        publish(confirmed(session, start));

        Email toClient = single(this, session.clientEmail(), "Your session is confirmed");
        Email toPsychologist = single(this, session.psychologistEmail(), "Your session is confirmed");
        String link = "https://video.example.test/video-call/" + session.id();
        assertTrue(toClient.html().contains("Dr. Otieno Kamau") && toClient.html().contains(link), toClient.html());
        assertTrue(toClient.text().contains("Dr. Otieno Kamau") && toClient.text().contains(link), toClient.text());
        assertTrue(toPsychologist.html().contains("Amina Wanjiru") && toPsychologist.text().contains(link));
        // Times are written in the practice's zone (EAT, UTC+3).
        assertTrue(toClient.text().contains(String.format("%02d:%02d", start.atZone(java.time.ZoneId.of("Africa/Nairobi")).getHour(),
                start.atZone(java.time.ZoneId.of("Africa/Nairobi")).getMinute())), toClient.text());

        clock.set(start.minus(Duration.ofMinutes(15)).minusSeconds(1));
        sweep();
        assertEquals(0, reminders(session.clientEmail()).size() + reminders(session.psychologistEmail()).size(),
                "nothing before the reminder is due");

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        Email clientReminder = only(reminders(session.clientEmail()));
        Email psychologistReminder = only(reminders(session.psychologistEmail()));
        assertTrue(clientReminder.html().contains("Your session starts in 15 minutes"), clientReminder.html());
        assertTrue(clientReminder.html().contains("Join your video call with Dr. Otieno Kamau"));
        assertTrue(clientReminder.html().contains("href=\"" + link + "\""));
        assertTrue(clientReminder.text().contains(link));
        assertTrue(psychologistReminder.html().contains("Your session with Amina Wanjiru starts in 15 minutes"));
        assertTrue(psychologistReminder.text().contains(link));
        for (Email email : Mailbox.all()) {
            assertFalse(email.html().contains("individual"), "no session detail beyond date, time and name");
        }

        sweep();
        assertEquals(2, reminders(session.clientEmail()).size() + reminders(session.psychologistEmail()).size());
    }

    @Test
    void theConfirmationAndTheReminderCarryEachPersonsOwnJoinLink() {
        Session session = Session.fresh("Wanjiku Muthoni", "Dr. Achieng Odhiambo");
        Instant start = t0.plus(Duration.ofHours(2));
        String clientToken = "client-token-" + "a".repeat(40);
        String psychologistToken = "psy-token-" + "b".repeat(40);
        publish(SessionEvents.withJoinLink(SessionEvents.withJoinLink(confirmed(session, start), "client", clientToken),
                "psychologist", psychologistToken));

        String clientLink = "https://video.example.test/join#token=" + clientToken;
        String psychologistLink = "https://video.example.test/join#token=" + psychologistToken;
        Email toClient = single(this, session.clientEmail(), "Your session is confirmed");
        Email toPsychologist = single(this, session.psychologistEmail(), "Your session is confirmed");
        assertTrue(toClient.html().contains("href=\"" + clientLink + "\"") && toClient.text().contains(clientLink),
                toClient.text());
        assertTrue(toClient.text().contains("signs you in for this session only, and works once"), toClient.text());
        assertFalse(toClient.text().contains(psychologistToken), "nobody gets the other's link");
        assertTrue(toPsychologist.text().contains(psychologistLink), toPsychologist.text());
        assertFalse(toPsychologist.text().contains(clientToken));

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        assertTrue(only(reminders(session.clientEmail())).text().contains(clientLink));
        assertTrue(only(reminders(session.psychologistEmail())).html().contains("href=\"" + psychologistLink + "\""));
        List<org.bson.Document> jobs = database.getCollection(EmailJobStore.JOBS)
                .find(new org.bson.Document("sessionId", session.id())).into(new java.util.ArrayList<>());
        assertEquals(4, jobs.size(), "two confirmations, two reminders");
        assertTrue(jobs.stream().noneMatch(job -> job.get("link") != null), "a sent email's link secret is not kept");
    }

    @Test
    void rescheduledSessionMovesTheRemindersToTheNewTime() {
        Session session = Session.fresh("Brian Mwangi", "Dr. Achieng");
        Instant first = t0.plus(Duration.ofHours(1));
        Instant moved = t0.plus(Duration.ofHours(3));
        publish(confirmed(session, first));
        single(this, session.clientEmail(), "Your session is confirmed");

        publish(rescheduled(session, first, moved));
        Email notice = single(this, session.clientEmail(), "Your session has been rescheduled");
        single(this, session.psychologistEmail(), "Your session has been rescheduled");
        assertTrue(notice.text().contains("instead of"), notice.text());

        clock.set(first.minus(Duration.ofMinutes(15)));
        sweep();
        assertTrue(reminders(session.clientEmail()).isEmpty(), "no reminder for the old time");
        assertEquals(Optional.of(JobStatus.CANCELLED),
                store.statusOf(EmailJob.reminderId(session.id(), "client", first)));

        clock.set(moved.minus(Duration.ofMinutes(15)));
        sweep();
        assertEquals(1, reminders(session.clientEmail()).size());
        assertEquals(1, reminders(session.psychologistEmail()).size());
    }

    @Test
    void cancelledSessionMailsBothPartiesAndSendsNoReminder() {
        Session session = Session.fresh("Chao Njeri", "Dr. Mutua");
        Instant start = t0.plus(Duration.ofHours(1));
        publish(confirmed(session, start));
        single(this, session.psychologistEmail(), "Your session is confirmed");

        publish(cancelled(session, start, "client"));
        Email toPsychologist = single(this, session.psychologistEmail(), "Your session has been cancelled");
        single(this, session.clientEmail(), "Your session has been cancelled");
        assertTrue(toPsychologist.text().contains("cancelled by the client"), toPsychologist.text());

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        assertTrue(reminders(session.clientEmail()).isEmpty());
        assertTrue(reminders(session.psychologistEmail()).isEmpty());
        assertEquals(Optional.of(JobStatus.CANCELLED),
                store.statusOf(EmailJob.reminderId(session.id(), "psychologist", start)));
    }

    @Test
    void endedCallSendsThePostCallSummaryWithTheDuration() {
        Session session = Session.fresh("Dalia Hassan", "Dr. Kiprop");
        Instant start = t0.minus(Duration.ofMinutes(50));
        publish(callEnded(session, start, start, 45));

        for (String address : List.of(session.clientEmail(), session.psychologistEmail())) {
            Email summary = single(this, address, "Session completed");
            assertTrue(summary.text().contains("Session completed. Duration: 45 minutes"), summary.text());
            assertTrue(summary.html().contains("Session completed. Duration: 45 minutes"), summary.html());
        }
    }

    @Test
    void aCallTheSystemCompletedSendsTheSameSummary() {
        Session session = Session.fresh("Halima Said", "Dr. Njoroge");
        Instant start = t0.minus(Duration.ofMinutes(70));
        ObjectNode ended = callEnded(session, start, start, 38);
        ((ObjectNode) ended.get("payload")).put("endedBy", "system");
        publish(ended);
        for (String address : List.of(session.clientEmail(), session.psychologistEmail())) {
            Email summary = single(this, address, "Session completed");
            assertTrue(summary.text().contains("Session completed. Duration: 38 minutes"), summary.text());
        }
    }

    @Test
    void aMissedSessionMailsBothParties() {
        Session session = Session.fresh("Imani Otieno", "Dr. Wanjala");
        Instant start = t0.minus(Duration.ofHours(3));
        publish(missed(session, start));
        Email toClient = single(this, session.clientEmail(), "Your session was missed");
        Email toPsychologist = single(this, session.psychologistEmail(), "Your session was missed");
        assertTrue(toClient.text().contains("Nobody joined your video session with Dr. Wanjala"), toClient.text());
        assertTrue(toClient.html().contains("contact the practice to arrange another session"), toClient.html());
        assertTrue(toPsychologist.text().contains("with Imani Otieno"), toPsychologist.text());
        assertTrue(toPsychologist.text().contains("The practice will contact the client"), toPsychologist.text());
    }

    @Test
    void aNoShowTellsTheAbsentSideItWasMissedAndTheOtherThatNobodyCame() {
        Session session = Session.fresh("Jabari Kilonzo", "Dr. Moraa");
        Instant start = t0.minus(Duration.ofHours(3));
        publish(noShow(session, start, "client"));
        Email toClient = single(this, session.clientEmail(), "We missed you at your session");
        Email toPsychologist = single(this, session.psychologistEmail(), "The other participant did not join");
        assertTrue(toClient.text().contains("Dr. Moraa was waiting for you"), toClient.text());
        assertTrue(toPsychologist.html().contains("but Jabari Kilonzo did not join"), toPsychologist.html());
        assertTrue(Mailbox.to(session.clientEmail()).stream().noneMatch(e -> e.subject().equals("The other participant did not join")));
    }

    @Test
    void aDuplicateEventDoesNothingTwice() {
        Session session = Session.fresh("Esther Auma", "Dr. Barasa");
        Instant start = t0.plus(Duration.ofHours(2));
        ObjectNode event = confirmed(session, start);
        publish(event);
        publish(event);
        // Same key, same partition: once this later event is handled, so are both copies above.
        String later = publish(callStarted(session, start, start));
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(later)));

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        assertEquals(1, Mailbox.to(session.clientEmail()).stream()
                .filter(e -> e.subject().equals("Your session is confirmed")).count());
        assertEquals(1, Mailbox.to(session.psychologistEmail()).stream()
                .filter(e -> e.subject().equals("Your session is confirmed")).count());
        assertEquals(1, reminders(session.clientEmail()).size());
        assertEquals(1, reminders(session.psychologistEmail()).size());
    }

    @Test
    void aReminderWhoseSessionHasBegunIsExpiredNotSentLate() {
        Session session = Session.fresh("Faith Chebet", "Dr. Wekesa");
        Instant start = t0.plus(Duration.ofHours(1));
        publish(confirmed(session, start));
        single(this, session.clientEmail(), "Your session is confirmed");
        single(this, session.psychologistEmail(), "Your session is confirmed");

        // The service was down from before the reminder was due until after the session began.
        clock.set(start.plusSeconds(60));
        sweep();
        assertTrue(reminders(session.clientEmail()).isEmpty());
        assertTrue(reminders(session.psychologistEmail()).isEmpty());
        assertEquals(Optional.of(JobStatus.EXPIRED), store.statusOf(EmailJob.reminderId(session.id(), "client", start)));
        assertEquals(Optional.of(JobStatus.EXPIRED),
                store.statusOf(EmailJob.reminderId(session.id(), "psychologist", start)));
    }

    private static List<Email> reminders(String address) {
        return Mailbox.to(address).stream().filter(e -> e.subject().equals(REMINDER_SUBJECT)).toList();
    }

    /**
     * Waits for exactly one email with this subject to this address. A send that timed out (seen
     * rarely with GreenMail) is retried after its backoff, so the clock is moved on while waiting.
     */
    static Email single(NotificationTestBase test, String address, String subject) {
        boolean arrived = false;
        for (int round = 0; round < 4 && !arrived; round++) {
            arrived = Mailbox.await(Duration.ofSeconds(7),
                    () -> Mailbox.to(address).stream().anyMatch(e -> e.subject().equals(subject)));
            if (!arrived) {
                test.retryDueSends();
            }
        }
        assertTrue(arrived, "no '" + subject + "' email arrived");
        List<Email> matching = Mailbox.to(address).stream().filter(e -> e.subject().equals(subject)).toList();
        Email email = only(matching);
        assertNotNull(email.html(), "HTML part");
        assertNotNull(email.text(), "text part");
        return email;
    }

    private static Email only(List<Email> emails) {
        assertEquals(1, emails.size(), "expected exactly one email, got " + emails.size());
        return emails.get(0);
    }
}
