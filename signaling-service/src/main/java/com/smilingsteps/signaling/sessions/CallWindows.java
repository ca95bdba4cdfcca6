package com.smilingsteps.signaling.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.smilingsteps.contracts.SessionEvent;

/**
 * Whether a session's call may go on, learnt from {@code session-events} (issue 12 item 10): only
 * while it is Confirmed or In Progress and inside its call window (the join rules' 15 minutes
 * before to 120 minutes after the start; a call In Progress goes on past that until an event ends
 * it, as session-service's join rules let a late-started call run and its participants rejoin,
 * issue 14); and who gave up their seat in a group (a ticket issued
 * before the give-up is refused, issue 14). The latest event of a session carries its whole state,
 * so each one replaces what was known. A session never heard of is not judged: its ticket came
 * from session-service, which applied the join rules. Nor is one whose latest event is older than
 * a ticket's {@code sessionUpdatedAt}: the events may lag (a session paid a second ago is still
 * Pending here), and the ticket says session-service found the call allowed on a later state.
 */
public final class CallWindows {

    /** The {@code error} frame code for a call that must end. */
    public static final String SESSION_ENDED = "session-ended";
    /** Why a group client who gave up their seat is out of its call. */
    public static final String SEAT_GIVEN_UP = "You gave up your seat in this group session.";
    private static final String IN_PROGRESS = "In Progress";
    private static final Set<String> CALLABLE = Set.of("Confirmed", IN_PROGRESS);
    /** A forgotten session is unknown, and so judged by its ticket alone: forget long after any ticket for it ran out. */
    private static final Duration FORGET_AFTER_CLOSE = Duration.ofHours(1);

    /** {@code asOf}: when the event that told this happened (null: unknown, the state is always judged). */
    private record State(String status, Instant opens, Instant closes, Instant asOf) {

        /** A started call has no fixed end: the psychologist ends it, or session-service completes it once abandoned. */
        boolean closedAt(Instant now) {
            return !IN_PROGRESS.equals(status) && !now.isBefore(closes);
        }
    }

    private final Duration before;
    private final Duration after;
    private final ConcurrentHashMap<String, State> bySession = new ConcurrentHashMap<>();
    /** Group clients who gave up their seat, by session: their tickets, issued before, must not join. */
    private final ConcurrentHashMap<String, Set<String>> seatsGivenUp = new ConcurrentHashMap<>();
    /** The latest session state (its last change) session-service found a call allowed on, from the tickets seen. */
    private final ConcurrentHashMap<String, Instant> allowedAsOf = new ConcurrentHashMap<>();

    public CallWindows(Duration before, Duration after) {
        this.before = before;
        this.after = after;
    }

    /** Events of one session arrive in order (key = sessionId). */
    public void apply(SessionEvent event) {
        SessionEvent.Payload payload = event.payload();
        if (event.sessionId() == null || payload == null || payload.status() == null || payload.sessionDate() == null) {
            return;
        }
        bySession.put(event.sessionId(), new State(payload.status(), payload.sessionDate().minus(before),
                payload.sessionDate().plus(after), event.occurredAt()));
        if (payload.group()) {
            // a seat paid again (the client booked anew) is theirs again
            Set<String> gaveUp = seatsGivenUp.get(event.sessionId());
            if (gaveUp != null) {
                payload.clients().forEach(client -> gaveUp.remove(client.id()));
            }
        }
        if (givesUpSeat(event)) {
            seatsGivenUp.computeIfAbsent(event.sessionId(), id -> ConcurrentHashMap.newKeySet()).add(payload.client().id());
        }
    }

    /** A group client giving up their paid seat (not an unpaid hold running out: that client never had a ticket). */
    public static boolean givesUpSeat(SessionEvent event) {
        SessionEvent.Payload payload = event.payload();
        return SessionEvent.SEAT_RELEASED.equals(event.type()) && payload != null && "client".equals(payload.cancelledBy())
                && payload.client() != null && payload.client().id() != null;
    }

    /** Whether {@code userId} gave up their seat in the group session {@code sessionId} (and has not paid one again). */
    public boolean gaveUpSeat(String sessionId, String userId) {
        Set<String> gaveUp = sessionId == null ? null : seatsGivenUp.get(sessionId);
        return gaveUp != null && gaveUp.contains(userId);
    }

    /**
     * A valid ticket for {@code sessionId}: session-service applied the join rules to the session as
     * last changed at {@code updatedAt} and allowed the call, which outdates every event before it.
     */
    public void allowedByTicket(String sessionId, Instant updatedAt) {
        if (sessionId != null && updatedAt != null) {
            allowedAsOf.merge(sessionId, updatedAt, (known, seen) -> seen.isAfter(known) ? seen : known);
        }
    }

    /**
     * Why calls of {@code sessionId} must not go on at {@code now}; empty when they may or the
     * session is unknown. A ticket issued on a later state than the latest event outdates that
     * event's status (a lagging Pending), not the call window, which only the clock closes.
     */
    public Optional<String> ending(String sessionId, Instant now) {
        State state = sessionId == null ? null : bySession.get(sessionId);
        if (state == null) {
            return Optional.empty();
        }
        Instant allowed = allowedAsOf.get(sessionId);
        boolean laterStateAllowed = allowed != null && state.asOf() != null && state.asOf().isBefore(allowed);
        if (!laterStateAllowed && !CALLABLE.contains(state.status())) {
            return Optional.of("The session is " + state.status() + ".");
        }
        if (state.closedAt(now)) {
            return Optional.of("The session's call window has closed.");
        }
        if (now.isBefore(state.opens())) {
            return Optional.of("The session's call window is not open now (it was rescheduled).");
        }
        return Optional.empty();
    }

    /** Keeps memory bounded by the sessions still ahead or in progress. */
    public void forgetClosed(Instant now) {
        bySession.values().removeIf(state -> state.closedAt(now) && now.isAfter(state.closes().plus(FORGET_AFTER_CLOSE)));
        seatsGivenUp.keySet().retainAll(bySession.keySet());
        // a ticket's word outlives its own short life only while a later-arriving older event could need it
        allowedAsOf.values().removeIf(checked -> now.isAfter(checked.plus(FORGET_AFTER_CLOSE)));
    }

    public int size() {
        return bySession.size();
    }
}
