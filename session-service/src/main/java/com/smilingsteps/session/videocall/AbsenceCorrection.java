package com.smilingsteps.session.videocall;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionEvents;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.group.Seat;
import com.smilingsteps.session.outbox.OutboxRelay;

/**
 * The late-join race of a group that met: a client's ParticipantJoined can reach session-service
 * only after the psychologist ended the group (or the system completed it), which then marked the
 * client absent. A join whose event time is not after the end proves they were there: it clears
 * the mark with one conditional update (the group still Completed, the client still marked, the
 * end not before the join) plus its AbsenceCleared event, so a redelivered join, or a second
 * replica, changes nothing. A join after the end leaves the mark.
 */
@ApplicationScoped
public class AbsenceCorrection {

    private final SessionStore store;
    private final OutboxRelay relay;
    private final CallMetrics metrics;

    AbsenceCorrection(SessionStore store, OutboxRelay relay, CallMetrics metrics) {
        this.store = store;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** Whether this call event cleared its client's absence now. */
    public boolean clearIfJoinedBeforeEnd(CallEvent event) {
        if (!CallEvent.PARTICIPANT_JOINED.equals(event.type()) || !"client".equals(event.payload().role())) {
            return false;
        }
        String clientId = event.payload().userId();
        Bson markedBeforeTheEnd = Filters.and(Filters.eq("status", SessionStatus.COMPLETED), Filters.eq("absentClients", clientId),
                Filters.gte("videoCallEnded", event.occurredAt()));
        Session session = Session.collection().find(Filters.and(Filters.eq("_id", new ObjectId(event.sessionId())),
                markedBeforeTheEnd)).first();
        Seat seat = session == null ? null : session.seatOf(clientId);
        if (seat == null) {
            return false;
        }
        List<String> stillAbsent = session.absentClients.stream().filter(id -> !id.equals(clientId)).toList();
        Map<String, Object> extra = new HashMap<>(Map.of("absentClients", stillAbsent));
        putIfSet(extra, "startedAt", session.videoCallStarted);
        putIfSet(extra, "endedAt", session.videoCallEnded);
        putIfSet(extra, "durationMinutes", session.callDuration);
        Session updated = store.update(session.id, markedBeforeTheEnd, List.of(Updates.pull("absentClients", clientId)),
                SessionEvents.seatEvent(SessionEvents.ABSENCE_CLEARED, session, seat.client, session.paidClients(),
                        SessionStatus.COMPLETED, extra));
        if (updated == null) {
            return false;
        }
        metrics.absenceCleared();
        relay.nudge();
        return true;
    }

    private static void putIfSet(Map<String, Object> extra, String field, Object value) {
        if (value != null) {
            extra.put(field, value);
        }
    }
}
