package com.smilingsteps.notification.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.smilingsteps.contracts.SessionEvent;

class NotificationPlannerTest {

    static final Instant NOW = Instant.parse("2026-03-02T07:00:00Z");
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final SessionEvent.Party CLIENT = new SessionEvent.Party("c1", "Amina", "amina@example.test");
    static final SessionEvent.Party PSYCHOLOGIST = new SessionEvent.Party("p1", "Dr. Otieno", "otieno@example.test");

    final NotificationPlanner planner = new NotificationPlanner(Duration.ofMinutes(15));

    @Test
    void confirmedMeansConfirmationsNowAndRemindersFifteenMinutesBeforeForBothParties() {
        NotificationPlan plan = planner.plan(event(SessionEvent.CONFIRMED, START, null), NOW);

        assertFalse(plan.cancelReminders());
        List<EmailJob> reminders = plan.jobs().stream().filter(j -> j.kind() == EmailKind.REMINDER).toList();
        assertEquals(Set.of("amina@example.test", "otieno@example.test"),
                reminders.stream().map(j -> j.recipient().email()).collect(Collectors.toSet()));
        reminders.forEach(j -> assertEquals(Instant.parse("2026-03-02T08:45:00Z"), j.dueAt()));
        EmailJob toClient = reminders.stream().filter(j -> j.recipient().role().equals("client")).findFirst().orElseThrow();
        assertEquals("Dr. Otieno", toClient.otherPartyName());
        List<EmailJob> confirmations = plan.jobs().stream().filter(j -> j.kind() == EmailKind.BOOKING_CONFIRMED).toList();
        assertEquals(2, confirmations.size());
        confirmations.forEach(j -> assertEquals(NOW, j.dueAt()));
    }

    @Test
    void rescheduledKeepsOnlyRemindersForTheNewDateAndTheirIdsDifferFromTheOldOnes() {
        Instant moved = START.plus(Duration.ofDays(1));
        NotificationPlan plan = planner.plan(event(SessionEvent.RESCHEDULED, moved, START), NOW);

        assertTrue(plan.cancelReminders());
        assertEquals(moved, plan.keepRemindersFor());
        EmailJob reminder = plan.jobs().stream().filter(j -> j.kind() == EmailKind.REMINDER).findFirst().orElseThrow();
        assertEquals(moved.minus(Duration.ofMinutes(15)), reminder.dueAt());
        assertFalse(reminder.id().equals(EmailJob.reminderId("s1", reminder.recipient().role(), START)));
        assertEquals(2, plan.jobs().stream().filter(j -> j.kind() == EmailKind.RESCHEDULED).count());
    }

    @Test
    void cancelledAndEndedSessionsCancelEveryPendingReminder() {
        NotificationPlan cancelled = planner.plan(event(SessionEvent.CANCELLED, START, null), NOW);
        assertTrue(cancelled.cancelReminders());
        assertNull(cancelled.keepRemindersFor());
        assertEquals(Set.of(EmailKind.CANCELLED), cancelled.jobs().stream().map(EmailJob::kind).collect(Collectors.toSet()));

        NotificationPlan ended = planner.plan(event(SessionEvent.CALL_ENDED, START, null), NOW);
        assertTrue(ended.cancelReminders());
        assertEquals(Set.of(EmailKind.CALL_SUMMARY), ended.jobs().stream().map(EmailJob::kind).collect(Collectors.toSet()));
    }

    @Test
    void aMissedSessionMailsBothAndANoShowTellsEachSideItsOwnStory() {
        NotificationPlan missed = planner.plan(event(SessionEvent.MISSED, START, null), NOW);
        assertTrue(missed.cancelReminders());
        assertEquals(List.of(EmailKind.SESSION_MISSED, EmailKind.SESSION_MISSED), missed.jobs().stream().map(EmailJob::kind).toList());

        NotificationPlan clientAbsent = planner.plan(event(SessionEvent.NO_SHOW, START, null), NOW);
        assertEquals(Map.of("client", EmailKind.NO_SHOW_ABSENT, "psychologist", EmailKind.NO_SHOW_WAITED),
                clientAbsent.jobs().stream().collect(Collectors.toMap(job -> job.recipient().role(), EmailJob::kind)));
        assertEquals(Set.of(CLIENT.email(), PSYCHOLOGIST.email()),
                clientAbsent.jobs().stream().map(job -> job.recipient().email()).collect(Collectors.toSet()));
    }

    @Test
    void bookedAndStartedNeedNoEmail() {
        assertTrue(planner.plan(event(SessionEvent.BOOKED, START, null), NOW).jobs().isEmpty());
        assertTrue(planner.plan(event(SessionEvent.CALL_STARTED, START, null), NOW).jobs().isEmpty());
    }

    @Test
    void theSameEventAlwaysYieldsTheSameJobIds() {
        SessionEvent event = event(SessionEvent.CONFIRMED, START, null);
        assertEquals(planner.plan(event, NOW).jobs().stream().map(EmailJob::id).toList(),
                planner.plan(event, NOW.plusSeconds(30)).jobs().stream().map(EmailJob::id).toList());
    }

    private static SessionEvent event(String type, Instant date, Instant previous) {
        return new SessionEvent("11111111-2222-3333-4444-555555555555", type, SessionEvent.VERSION, NOW, "s1",
                new SessionEvent.Payload(date, "individual", "Confirmed", CLIENT, PSYCHOLOGIST, previous,
                        SessionEvent.CANCELLED.equals(type) ? "client" : null, null, null,
                        SessionEvent.CALL_ENDED.equals(type) ? 45 : null, null, null, null, null,
                        SessionEvent.NO_SHOW.equals(type) ? "client" : null));
    }
}
