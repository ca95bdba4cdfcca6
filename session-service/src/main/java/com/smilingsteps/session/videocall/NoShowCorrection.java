package com.smilingsteps.session.videocall;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

/**
 * The late-join race of a session whose window closed with one side only: the other side's
 * ParticipantJoined can reach session-service only after the lifecycle job made it NoShow. A join
 * whose event time is inside the window (before start + {@link JoinRules#LATEST}) proves that side
 * came: both sides attended, so the session completes as one whose call never connected does
 * (by the system, first join to last leave, a group's absent clients marked), with one conditional
 * update (still NoShow by that side, its join recorded, the window not closed at the join) plus its
 * CallEnded, whose summary mails supersede the no-show ones. A redelivered join, or a second
 * replica, finds it no longer NoShow and changes nothing; a join after the window leaves the NoShow.
 */
@ApplicationScoped
public class NoShowCorrection {

    private final CallLifecycleJob lifecycle;
    private final CallMetrics metrics;

    NoShowCorrection(CallLifecycleJob lifecycle, CallMetrics metrics) {
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    /** Whether this call event completed a NoShow now. */
    public boolean completeIfJoinedInWindow(CallEvent event) {
        if (!CallEvent.PARTICIPANT_JOINED.equals(event.type())) {
            return false;
        }
        String role = event.payload().role();
        Bson noShowByThem = Filters.and(Filters.eq("status", SessionStatus.NO_SHOW), Filters.eq("noShowBy", role),
                Filters.eq("attendance." + role + "Joined", true),
                Filters.gt("sessionDate", event.occurredAt().minus(JoinRules.LATEST)));
        Session session = Session.collection().find(Filters.and(Filters.eq("_id", new ObjectId(event.sessionId())), noShowByThem))
                .first();
        if (session == null) {
            return false;
        }
        // the late side's leave may still be on its way: the call lasted at least until this join
        var lastLeave = session.attendance.lastLeaveAt != null && session.attendance.lastLeaveAt.isAfter(event.occurredAt())
                ? session.attendance.lastLeaveAt : event.occurredAt();
        if (!lifecycle.complete(session, noShowByThem, lastLeave, List.of(Updates.unset("noShowBy")))) {
            return false;
        }
        metrics.noShowCleared(role, session.isGroup());
        return true;
    }
}
