package com.smilingsteps.session.videocall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.session.booking.PaymentStatus;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.outbox.OutboxRelay;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends what nobody ended: a started call whose room stayed empty for {@code call.abandon-after}
 * is completed by the system, and a paid Confirmed session whose call window closed becomes
 * Missed, NoShow or (both joined, never connected) Completed, by {@link CallOutcomes}. Each is one
 * conditional update with its event in the outbox: with two replicas both may pick a session, the
 * condition lets exactly one change it, so the event is written once.
 */
@ApplicationScoped
public class CallLifecycleJob {

    private static final Logger LOG = Logger.getLogger(CallLifecycleJob.class);
    private static final int BATCH = 500;

    private final SessionStore store;
    private final OutboxRelay relay;
    private final CallMetrics metrics;
    private final Duration abandonAfter;

    CallLifecycleJob(SessionStore store, OutboxRelay relay, CallMetrics metrics, CallConfig config) {
        this.store = store;
        this.relay = relay;
        this.metrics = metrics;
        this.abandonAfter = config.abandonAfter();
    }

    @Scheduled(every = "${call.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Instant now = Instant.now();
        int abandoned = completeAbandoned(now);
        int closed = closeUnattended(now);
        if (abandoned + closed > 0) {
            LOG.infof("completed %d abandoned call(s), closed %d unattended session(s)", abandoned, closed);
        }
    }

    /** Completes every started call whose room has been empty long enough; returns how many this call completed. */
    public int completeAbandoned(Instant now) {
        Bson abandoned = Filters.and(Filters.eq("status", SessionStatus.IN_PROGRESS), Filters.size("attendance.present", 0),
                Filters.lte("attendance.emptySince", now.minus(abandonAfter)));
        int completed = 0;
        for (Session session : due(abandoned)) {
            CallAttendance attendance = session.attendance;
            if (!CallOutcomes.abandoned(attendance.emptySince, abandonAfter, now)) {
                continue;
            }
            Instant lastLeave = attendance.lastLeaveAt != null ? attendance.lastLeaveAt : attendance.emptySince;
            completed += complete(session, abandoned, lastLeave) ? 1 : 0;
        }
        return nudged(completed);
    }

    /** Settles every paid Confirmed session whose call window closed; returns how many this call settled. */
    public int closeUnattended(Instant now) {
        Bson closed = Filters.and(Filters.eq("status", SessionStatus.CONFIRMED), Filters.eq("paymentStatus", PaymentStatus.PAID),
                Filters.lt("sessionDate", now.minus(JoinRules.LATEST)));
        int settled = 0;
        for (Session session : due(closed)) {
            boolean client = session.attendance != null && session.attendance.clientJoined;
            boolean psychologist = session.attendance != null && session.attendance.psychologistJoined;
            // who attended is part of the condition: a join landing meanwhile re-runs the decision next time
            Bson unchanged = Filters.and(closed, attended("client", client), attended("psychologist", psychologist));
            CallOutcomes.WindowClosed outcome = CallOutcomes.windowClosed(client, psychologist);
            if (SessionStatus.COMPLETED.equals(outcome.status())) {
                Instant lastLeave = session.attendance.lastLeaveAt != null ? session.attendance.lastLeaveAt : now;
                settled += complete(session, unchanged, lastLeave) ? 1 : 0;
                continue;
            }
            Map<String, Object> extra = new HashMap<>();
            List<Bson> changes = new ArrayList<>(List.of(Updates.set("status", outcome.status()), Updates.unset("slotKey")));
            if (outcome.noShowBy() != null) {
                extra.put("noShowBy", outcome.noShowBy());
                changes.add(Updates.set("noShowBy", outcome.noShowBy()));
            }
            if (outcome.noShowBy() != null && session.isGroup()) {
                // which paid clients stayed away: a group's psychologist may be the absent side while some clients came
                List<String> absent = CallOutcomes.absentClients(session);
                extra.put("absentClients", absent);
                changes.add(Updates.set("absentClients", absent));
                unchanged = Filters.and(unchanged, Filters.nin("attendance.clientIds", absent));
            }
            String type = SessionStatus.MISSED.equals(outcome.status()) ? SessionEvents.MISSED : SessionEvents.NO_SHOW;
            if (store.update(session.id, unchanged, changes, SessionEvents.event(type, session, outcome.status(), extra)) != null) {
                metrics.unattended(outcome.status(), outcome.noShowBy(), session.isGroup());
                settled++;
            }
        }
        return nudged(settled);
    }

    /** Completed by the system: the call lasted from the first join to the last leave. */
    private boolean complete(Session session, Bson condition, Instant lastLeave) {
        return complete(session, condition, lastLeave, List.of());
    }

    /**
     * As above, with {@code moreChanges} in the same update (a NoShow corrected unsets its
     * {@code noShowBy}); one conditional update with its CallEnded, so the first caller alone completes it.
     */
    boolean complete(Session session, Bson condition, Instant lastLeave, List<Bson> moreChanges) {
        // a join lost on the way (signaling could not publish it) leaves only the start, or the leave itself
        Instant firstJoin = session.attendance.firstJoinAt != null ? session.attendance.firstJoinAt
                : session.videoCallStarted != null ? session.videoCallStarted : lastLeave;
        Instant started = session.videoCallStarted != null ? session.videoCallStarted : firstJoin;
        int minutes = CallOutcomes.minutes(firstJoin, lastLeave);
        Map<String, Object> extra = new HashMap<>(Map.of("startedAt", started, "endedAt", lastLeave,
                "durationMinutes", minutes, "endedBy", SessionEvent.ENDED_BY_SYSTEM));
        List<String> absent = CallOutcomes.absentClients(session);
        List<Bson> changes = new ArrayList<>(List.of(Updates.set("status", SessionStatus.COMPLETED),
                Updates.set("videoCallStarted", started), Updates.set("videoCallEnded", lastLeave),
                Updates.set("callDuration", minutes), Updates.set("endedBy", SessionEvent.ENDED_BY_SYSTEM)));
        changes.addAll(moreChanges);
        if (session.isGroup()) {
            extra.put("absentClients", absent);
            changes.add(Updates.set("absentClients", absent));
            // none of them joined meanwhile (else the next run decides again)
            condition = Filters.and(condition, Filters.nin("attendance.clientIds", absent));
        }
        Session updated = store.update(session.id, condition, changes,
                SessionEvents.event(SessionEvents.CALL_ENDED, session, SessionStatus.COMPLETED, extra));
        if (updated == null) {
            return false;
        }
        metrics.abandoned(Duration.between(firstJoin, lastLeave));
        metrics.absentFromGroup(absent.size());
        return true;
    }

    private static List<Session> due(Bson filter) {
        List<Session> due = new ArrayList<>();
        Session.collection().find(filter).limit(BATCH).forEach(due::add);
        return due;
    }

    private static Bson attended(String role, boolean joined) {
        return joined ? Filters.eq("attendance." + role + "Joined", true) : Filters.ne("attendance." + role + "Joined", true);
    }

    private int nudged(int changed) {
        if (changed > 0) {
            relay.nudge();
        }
        return changed;
    }
}
