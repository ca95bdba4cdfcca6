package com.smilingsteps.signaling.ticket;

import com.smilingsteps.signaling.room.Role;

/**
 * The verified claims of a join ticket minted by session-service; {@code ticketId} (jti) and
 * {@code expiresAt} (epoch seconds) make it single-use. {@code roomSize} is how many the session
 * admits at once (2, or a group's capacity + 1), as session-service read it from the session; 0
 * on a ticket minted before the claim existed.
 */
public record JoinTicket(String userId, String roomId, String sessionId, Role role, String name, boolean groupSession,
        String ticketId, long expiresAt, int roomSize) {

    /** The largest call the mesh carries: one psychologist and five clients. */
    public static final int MAX_ROOM_SIZE = 6;

    /**
     * The room's capacity: the session's size from the ticket (never above the mesh limit nor
     * {@code groupSize}); without it, {@code groupSize} for a group session and 2 otherwise.
     */
    public int capacity(int groupSize) {
        int limit = Math.min(MAX_ROOM_SIZE, groupSize);
        if (roomSize >= 2) {
            return Math.min(limit, roomSize);
        }
        return groupSession ? limit : 2;
    }
}
