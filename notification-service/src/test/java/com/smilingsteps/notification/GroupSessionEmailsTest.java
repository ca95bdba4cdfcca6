package com.smilingsteps.notification;

import static com.smilingsteps.notification.SessionEmailsTest.single;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.jobs.EmailJob;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.Mailbox.Email;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A group session's emails through Kafka and real SMTP: each paying client gets their own
 * confirmation and receipt, every paid client and the psychologist a reminder (the psychologist
 * one, however many seats were paid), and the summary and a released seat reach whom they concern.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class GroupSessionEmailsTest extends NotificationTestBase {

    private static final String TITLE = "Coping with exam stress";

    record Person(String id, String name, String email) {
        static Person fresh(String name) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new Person("u-" + tag, name, name.toLowerCase().replace(' ', '.') + "-" + tag + "@example.test");
        }
    }

    @Test
    void everyPayingClientAndThePsychologistGetTheirOwnMailsAndNobodyElsesDetails() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Achieng");
        Person amina = Person.fresh("Amina Wanjiru");
        Person brian = Person.fresh("Brian Mwangi");
        Person carol = Person.fresh("Carol Njeri");
        Instant start = t0.plus(Duration.ofDays(2));

        String aminaToken = "amina-" + UUID.randomUUID() + UUID.randomUUID();
        publish(SessionEvents.withJoinLink(seatEvent("SessionConfirmed", sessionId, start, "Confirmed", psychologist, amina,
                List.of(amina), 1500, "NLJ7RT61SA"), "client", aminaToken));
        publish(seatEvent("SessionConfirmed", sessionId, start, "Confirmed", psychologist, brian, List.of(amina, brian), 1500,
                "NLJ7RT61SB"));
        for (Person client : List.of(amina, brian)) {
            Email confirmed = single(this, client.email(), "Your session is confirmed");
            assertTrue(confirmed.text().contains("Dr Achieng"), confirmed.text());
            // a seat paid on its own: its confirmation carries its client's personal link (when the event has one)
            assertEquals(client == amina, confirmed.text().contains("/join#token=" + aminaToken), confirmed.text());
            Email receipt = single(this, client.email(), "Payment received");
            assertTrue(receipt.text().contains("KES 1500"), receipt.text());
            assertTrue(receipt.text().contains(client == amina ? "NLJ7RT61SA" : "NLJ7RT61SB"), receipt.text());
        }
        // a seat that was never paid is released: only its client hears of it
        publish(seatEvent("SeatReleased", sessionId, start, "Confirmed", psychologist, carol, List.of(amina, brian), null, null));
        Email released = single(this, carol.email(), "Your unpaid booking has expired");
        assertTrue(released.text().contains("Dr Achieng"), released.text());

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        single(this, amina.email(), SessionEmailsTest.REMINDER_SUBJECT);
        single(this, brian.email(), SessionEmailsTest.REMINDER_SUBJECT);
        Email psychologistReminder = single(this, psychologist.email(), SessionEmailsTest.REMINDER_SUBJECT);
        assertTrue(psychologistReminder.text().contains(TITLE), psychologistReminder.text());
        assertTrue(Mailbox.to(carol.email()).stream().noneMatch(e -> e.subject().equals(SessionEmailsTest.REMINDER_SUBJECT)));

        ObjectNode ended = groupEvent("CallEnded", sessionId, start, "Completed", psychologist, null, List.of(amina, brian));
        ((ObjectNode) ended.get("payload")).put("startedAt", start.toString()).put("endedAt", start.plusSeconds(3000).toString())
                .put("durationMinutes", 50).put("endedBy", "psychologist");
        ((ObjectNode) ended.get("payload")).putArray("absentClients").add(brian.id());
        publish(ended);
        // brian paid but never joined: his summary says he was marked absent
        Email absent = single(this, brian.email(), "Session completed: you were marked absent");
        assertTrue(absent.text().contains("marked absent"), absent.text());
        assertTrue(absent.text().contains("Dr Achieng"), absent.text());
        for (Person person : List.of(amina, psychologist)) {
            Email summary = single(this, person.email(), "Session completed");
            for (Person other : List.of(amina, brian)) {
                if (other != person) {
                    assertTrue(!summary.text().contains(other.name()) && !summary.html().contains(other.email()),
                            "no other client's name in " + person.name() + "'s summary");
                }
            }
        }
        assertTrue(Mailbox.to(brian.email()).stream().noneMatch(e -> e.subject().equals("Session completed")));
        // brian's join reached session-service after the end: the mark is withdrawn, and he alone is told
        ObjectNode cleared = groupEvent("AbsenceCleared", sessionId, start, "Completed", psychologist, brian, List.of(amina, brian));
        ((ObjectNode) cleared.get("payload")).put("durationMinutes", 50);
        publish(cleared);
        Email correction = single(this, brian.email(), "Correction: you were not absent");
        assertTrue(correction.text().contains("no longer marked absent") && correction.text().contains("50 minutes"),
                correction.text());
        assertTrue(Mailbox.to(amina.email()).stream().noneMatch(e -> e.subject().startsWith("Correction")));
        assertTrue(Mailbox.to(psychologist.email()).stream().noneMatch(e -> e.subject().startsWith("Correction")));
        // the psychologist was not mailed once per paid seat
        assertEquals(0, Mailbox.to(psychologist.email()).stream().filter(e -> e.subject().equals("Your session is confirmed")).count());
    }

    @Test
    void aClientGivingUpTheirPaidSeatAndThePsychologistAreToldAndOnlyThatClientsReminderIsWithdrawn() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Kamau");
        Person amina = Person.fresh("Amina Atieno");
        Person brian = Person.fresh("Brian Kiprop");
        Instant start = t0.plus(Duration.ofDays(4));
        publish(seatEvent("SessionConfirmed", sessionId, start, "Confirmed", psychologist, amina, List.of(amina), 1500,
                "NLJ7RT61SC"));
        publish(seatEvent("SessionConfirmed", sessionId, start, "Confirmed", psychologist, brian, List.of(amina, brian), 1500,
                "NLJ7RT61SD"));
        single(this, brian.email(), "Your session is confirmed");

        ObjectNode givenUp = seatEvent("SeatReleased", sessionId, start, "Confirmed", psychologist, amina, List.of(brian), 1500,
                null);
        ((ObjectNode) givenUp.get("payload")).put("cancelledBy", "client").remove("mpesaReceipt");
        publish(givenUp);
        Email toAmina = single(this, amina.email(), "A group seat was given up");
        assertTrue(toAmina.text().contains("You gave up your seat") && toAmina.text().contains("Dr Kamau"), toAmina.text());
        assertTrue(toAmina.text().contains("refund the KES 1500"), toAmina.text());
        assertTrue(toAmina.html().contains("refund the KES 1500"), toAmina.html());
        Email toPsychologist = single(this, psychologist.email(), "A group seat was given up");
        assertTrue(toPsychologist.text().contains(TITLE) && toPsychologist.text().contains("free for another client"),
                toPsychologist.text());
        assertTrue(!toPsychologist.text().contains("refund") && !toPsychologist.text().contains(amina.name()),
                toPsychologist.text());
        assertTrue(Mailbox.to(amina.email()).stream().noneMatch(e -> e.subject().equals("Your unpaid booking has expired")));

        clock.set(start.minus(Duration.ofMinutes(15)));
        sweep();
        single(this, brian.email(), SessionEmailsTest.REMINDER_SUBJECT);
        single(this, psychologist.email(), SessionEmailsTest.REMINDER_SUBJECT);
        assertTrue(Mailbox.to(amina.email()).stream().noneMatch(e -> e.subject().equals(SessionEmailsTest.REMINDER_SUBJECT)),
                "the client who gave up her seat gets no reminder with a join link");
    }

    @Test
    void aWithdrawnAbsenceWhoseAbsentSummaryHadNotGoneOutYetLeavesOnePlainSummaryAndNoCorrection() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Wafula");
        Person amina = Person.fresh("Amina Chebet");
        Person brian = Person.fresh("Brian Odhiambo");
        Instant start = t0.minus(Duration.ofHours(1));
        // the mail server is down when the group completes: brian's "marked absent" summary waits
        SharedServers.smtp().stop();
        try {
            ObjectNode ended = ended(sessionId, start, psychologist, List.of(amina, brian), brian);
            publish(ended);
            String brianSummary = EmailJob.summaryId(sessionId, "client:" + brian.id());
            assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> {
                Document job = job(brianSummary);
                return job != null && job.getInteger("attempts", 0) >= 1 && job.getString("leaseOwner") == null;
            }), "brian's absent summary was tried once while the mail server was down");
            assertEquals("CALL_SUMMARY_ABSENT", job(brianSummary).getString("kind"));

            ObjectNode cleared = cleared(sessionId, start, psychologist, List.of(amina, brian), brian);
            publish(cleared);
            assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(cleared.get("eventId").asText())));
            assertEquals("CALL_SUMMARY", job(brianSummary).getString("kind"), "the waiting summary became the plain one");
        } finally {
            SharedServers.smtp().restart();
        }
        retryDueSends();
        Email summary = single(this, brian.email(), "Session completed");
        assertTrue(summary.text().contains("50 minutes"), summary.text());
        single(this, amina.email(), "Session completed");
        single(this, psychologist.email(), "Session completed");
        assertOnlyThePlainSummary(brian);
    }

    @Test
    void anAbsenceClearedReadBeforeItsCallEndedKeepsTheAbsentSummaryFromEverBeingPlanned() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Nduta");
        Person amina = Person.fresh("Amina Moraa");
        Person brian = Person.fresh("Brian Kibet");
        Instant start = t0.minus(Duration.ofHours(1));
        publish(cleared(sessionId, start, psychologist, List.of(amina, brian), brian));
        Email summary = single(this, brian.email(), "Session completed");
        assertTrue(summary.text().contains("50 minutes"), summary.text());

        ObjectNode ended = ended(sessionId, start, psychologist, List.of(amina, brian), brian);
        publish(ended);
        single(this, amina.email(), "Session completed");
        single(this, psychologist.email(), "Session completed");
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(ended.get("eventId").asText())));
        sweep();
        assertOnlyThePlainSummary(brian);
    }

    private static void assertOnlyThePlainSummary(Person client) {
        List<String> subjects = Mailbox.to(client.email()).stream().map(Email::subject).toList();
        assertEquals(List.of("Session completed"), subjects, "one summary that is right, nothing contradicting it");
    }

    /** The group's CallEnded (50 minutes) with {@code absent} marked absent. */
    private static ObjectNode ended(String sessionId, Instant start, Person psychologist, List<Person> paid, Person absent) {
        ObjectNode ended = groupEvent("CallEnded", sessionId, start, "Completed", psychologist, null, paid);
        ((ObjectNode) ended.get("payload")).put("startedAt", start.toString()).put("endedAt", start.plusSeconds(3000).toString())
                .put("durationMinutes", 50).put("endedBy", "psychologist");
        ((ObjectNode) ended.get("payload")).putArray("absentClients").add(absent.id());
        return ended;
    }

    /** The AbsenceCleared of {@code client}, as session-service writes it (the call's times with it). */
    private static ObjectNode cleared(String sessionId, Instant start, Person psychologist, List<Person> paid, Person client) {
        ObjectNode cleared = groupEvent("AbsenceCleared", sessionId, start, "Completed", psychologist, client, paid);
        ((ObjectNode) cleared.get("payload")).put("startedAt", start.toString())
                .put("endedAt", start.plusSeconds(3000).toString()).put("durationMinutes", 50);
        ((ObjectNode) cleared.get("payload")).putArray("absentClients");
        return cleared;
    }

    @Test
    void aGroupNobodyPaidByItsStartIsReportedToItsPsychologist() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Otieno");
        Instant start = t0.plus(Duration.ofDays(3));
        publish(groupEvent("SessionExpired", sessionId, start, "Expired", psychologist, null, List.of()));
        Email expired = single(this, psychologist.email(), "Your group session did not take place");
        assertTrue(expired.text().contains(TITLE), expired.text());
        assertTrue(expired.text().contains("did not take place"), expired.text());
        assertTrue(expired.html().contains(TITLE), expired.html());
    }

    @Test
    void aGroupWhosePsychologistNeverCameTellsEachClientTheirOwnStoryAndOneNobodyCameMailsEveryone() {
        String sessionId = "g-" + UUID.randomUUID();
        Person psychologist = Person.fresh("Dr Wafula");
        Person amina = Person.fresh("Amina Odhiambo");
        Person brian = Person.fresh("Brian Kariuki");
        Instant start = t0.minus(Duration.ofHours(3));
        ObjectNode noShow = groupEvent("SessionNoShow", sessionId, start, "NoShow", psychologist, null, List.of(amina, brian));
        ((ObjectNode) noShow.get("payload")).put("noShowBy", "psychologist").putArray("absentClients").add(brian.id());
        publish(noShow);
        // amina came and waited; brian stayed away too, so nobody waited for him
        Email waited = single(this, amina.email(), "The other participant did not join");
        assertTrue(waited.text().contains("You joined your video session") && waited.text().contains("Dr Wafula"), waited.text());
        Email neither = single(this, brian.email(), "Your session did not take place");
        assertTrue(neither.text().contains("Neither you nor Dr Wafula joined"), neither.text());
        assertTrue(neither.html().contains("Neither you nor Dr Wafula joined"), neither.html());
        assertTrue(Mailbox.to(brian.email()).stream().noneMatch(e -> e.subject().equals("The other participant did not join")));
        Email absent = single(this, psychologist.email(), "We missed you at your session");
        assertTrue(absent.text().contains(TITLE), absent.text());

        String nobodyId = "g-" + UUID.randomUUID();
        publish(groupEvent("SessionMissed", nobodyId, start, "Missed", psychologist, null, List.of(amina, brian)));
        for (Person person : List.of(amina, brian, psychologist)) {
            Email missed = single(this, person.email(), "Your session was missed");
            assertTrue(missed.text().contains(person == psychologist ? TITLE : "Dr Wafula"), missed.text());
        }
    }

    private static ObjectNode seatEvent(String type, String sessionId, Instant start, String status, Person psychologist,
            Person client, List<Person> paid, Integer amount, String receipt) {
        ObjectNode event = groupEvent(type, sessionId, start, status, psychologist, client, paid);
        if (amount != null) {
            ((ObjectNode) event.get("payload")).put("amount", amount).put("mpesaReceipt", receipt);
        }
        return event;
    }

    private static ObjectNode groupEvent(String type, String sessionId, Instant start, String status, Person psychologist,
            Person client, List<Person> paid) {
        SessionEvents.Session any = SessionEvents.Session.fresh("unused", "unused");
        ObjectNode event = SessionEvents.event(type, any, start, status);
        event.put("sessionId", sessionId);
        ObjectNode payload = (ObjectNode) event.get("payload");
        payload.put("sessionType", "group").put("title", TITLE).put("capacity", 3);
        payload.remove("client");
        if (client != null) {
            party(payload.putObject("client"), client);
        }
        party(payload.putObject("psychologist"), psychologist);
        ArrayNode clients = payload.putArray("clients");
        paid.forEach(p -> party(clients.addObject(), p));
        return event;
    }

    private static void party(ObjectNode node, Person person) {
        node.put("id", person.id()).put("name", person.name()).put("email", person.email());
    }
}
