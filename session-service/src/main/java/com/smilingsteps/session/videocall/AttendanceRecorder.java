package com.smilingsteps.session.videocall;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.CallEvent;
import com.smilingsteps.session.booking.Session;

/**
 * Applies one {@code call-events} record to its session's {@link CallAttendance}: a join adds the
 * peer to those present and marks its side as attended (in a group session, any client joining
 * marks the client side), a leave removes it; when the room becomes
 * empty its {@code emptySince} is set in the same update (a join unsets it; a user's join also
 * replaces their earlier peers, as signaling does). Each change is one conditional update that
 * also records the event id, so a redelivered event is a no-op. Events of one session arrive in
 * order (Kafka key = sessionId) at one replica of the consumer group.
 */
@ApplicationScoped
public class AttendanceRecorder {

    /** Whether the event was applied now (false: unknown session or participant, or already applied). */
    public boolean record(CallEvent event) {
        CallEvent.Payload p = event.payload();
        boolean join = CallEvent.PARTICIPANT_JOINED.equals(event.type());
        if (join) {
            releaseEarlierPeersOf(event);
        }
        Bson condition = Filters.and(Filters.eq("_id", new ObjectId(event.sessionId())),
                participant(p.role(), p.userId()), Filters.ne("attendance.eventIds", event.eventId()));
        List<Bson> changes = new ArrayList<>(join
                ? List.of(Updates.addToSet("attendance.present", p.peerId()), Updates.min("attendance.firstJoinAt", event.occurredAt()),
                        Updates.set("attendance." + p.role() + "Joined", true), Updates.unset("attendance.emptySince"),
                        Updates.push("attendance.peers", new Document("peerId", p.peerId()).append("userId", p.userId())
                                .append("instanceId", p.instanceId()).append("joinedAt", event.occurredAt())))
                : List.of(Updates.pull("attendance.present", p.peerId()), Updates.max("attendance.lastLeaveAt", event.occurredAt()),
                        Updates.pullByFilter(new Document("attendance.peers", new Document("peerId", p.peerId())))));
        if (join && "client".equals(p.role())) {
            changes.add(Updates.addToSet("attendance.clientIds", p.userId()));
        }
        changes.add(Updates.addToSet("attendance.eventIds", event.eventId()));
        if (!join) {
            // the leave that empties the room also stamps emptySince, in the same update
            List<Bson> emptying = new ArrayList<>(changes);
            emptying.add(Updates.set("attendance.emptySince", event.occurredAt()));
            if (apply(Filters.and(condition, onlyPresent(p.peerId())), emptying)) {
                return true;
            }
        }
        return apply(condition, changes);
    }

    private static boolean apply(Bson condition, List<Bson> changes) {
        return Session.collection().updateOne(condition, Updates.combine(changes)).getMatchedCount() > 0;
    }

    /** Nobody but {@code peerId} is present (or nobody at all). */
    private static Bson onlyPresent(String peerId) {
        return Filters.or(Filters.exists("attendance.present", false), Filters.size("attendance.present", 0),
                Filters.and(Filters.size("attendance.present", 1), Filters.eq("attendance.present", peerId)));
    }

    /**
     * Signaling keeps one peer per user in a room (a user's new join replaces their old peer), so
     * a join also ends that user's earlier peers here: one whose leave was never published (its
     * signaling instance was the only one and restarted, so nobody reported it lost) must not keep
     * the room occupied, and the call from being completed once everyone has gone, for ever.
     */
    private static void releaseEarlierPeersOf(CallEvent event) {
        CallEvent.Payload p = event.payload();
        Session session = Session.collection().find(Filters.and(Filters.eq("_id", new ObjectId(event.sessionId())),
                Filters.ne("attendance.eventIds", event.eventId()))).first();
        if (session == null || session.attendance == null || session.attendance.peers == null) {
            return;
        }
        List<String> earlier = session.attendance.peers.stream()
                .filter(peer -> p.userId().equals(peer.userId) && !p.peerId().equals(peer.peerId)).map(peer -> peer.peerId).toList();
        if (!earlier.isEmpty()) {
            Session.collection().updateOne(Filters.eq("_id", session.id), Updates.combine(Updates.pullAll("attendance.present", earlier),
                    Updates.pullByFilter(new Document("attendance.peers", new Document("peerId", new Document("$in", earlier))))));
        }
    }

    /** The session names this user in this role: its psychologist, its client, or (group) a seat's client. */
    private static Bson participant(String role, String userId) {
        return "client".equals(role) ? Filters.or(Filters.eq("client.userId", userId), Filters.eq("seats.client.userId", userId))
                : Filters.eq(role + ".userId", userId);
    }

    /** Whether {@code event} is a join or leave this recorder can apply; anything else is skipped. */
    public static boolean applicable(CallEvent event) {
        CallEvent.Payload p = event.payload();
        return (CallEvent.PARTICIPANT_JOINED.equals(event.type()) || CallEvent.PARTICIPANT_LEFT.equals(event.type()))
                && event.eventId() != null && event.occurredAt() != null && event.sessionId() != null
                && ObjectId.isValid(event.sessionId()) && p != null && p.peerId() != null && p.userId() != null
                && ("client".equals(p.role()) || "psychologist".equals(p.role()));
    }
}
