package com.smilingsteps.session.videocall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;

/**
 * The lifecycle decisions made without anybody pressing a button: when a started call counts as
 * abandoned, how long it lasted, and what a paid session whose call window closed became.
 */
public final class CallOutcomes {

    /** What a Confirmed session becomes when its window closes; {@code noShowBy} only for NoShow. */
    public record WindowClosed(String status, String noShowBy) {
    }

    private CallOutcomes() {
    }

    /** Whether a room empty since {@code emptySince} (null while anyone is in it) is abandoned at {@code now}. */
    public static boolean abandoned(Instant emptySince, Duration abandonAfter, Instant now) {
        return emptySince != null && !emptySince.plus(abandonAfter).isAfter(now);
    }

    /**
     * The clients of a group that met who never joined its call: the paid seats' clients not
     * among those who joined (empty for a one-to-one session, whose absence is a NoShow).
     */
    public static List<String> absentClients(Session session) {
        if (!session.isGroup()) {
            return List.of();
        }
        List<String> joined = session.attendance == null || session.attendance.clientIds == null ? List.of()
                : session.attendance.clientIds;
        return session.paidClients().stream().map(client -> client.userId).filter(id -> !joined.contains(id)).toList();
    }

    /** Call length in whole minutes, rounded to the nearest. */
    public static int minutes(Instant from, Instant to) {
        return (int) Math.round(Math.max(0, Duration.between(from, to).toMillis()) / 60000.0);
    }

    /**
     * Nobody joined: Missed. One side only: NoShow by the other. In a group session the client side
     * attended when any client joined: NoShow by client only when no client came at all (clients
     * who stayed away from a group that met are marked absent when it completes, by
     * {@link #absentClients}). Both joined but the call never connected (so never started): they
     * met in the room, so it completes like an abandoned call.
     */
    public static WindowClosed windowClosed(boolean clientJoined, boolean psychologistJoined) {
        if (clientJoined && psychologistJoined) {
            return new WindowClosed(SessionStatus.COMPLETED, null);
        }
        if (clientJoined) {
            return new WindowClosed(SessionStatus.NO_SHOW, "psychologist");
        }
        if (psychologistJoined) {
            return new WindowClosed(SessionStatus.NO_SHOW, "client");
        }
        return new WindowClosed(SessionStatus.MISSED, null);
    }
}
