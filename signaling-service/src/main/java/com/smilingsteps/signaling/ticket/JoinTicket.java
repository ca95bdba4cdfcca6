package com.smilingsteps.signaling.ticket;

import com.smilingsteps.signaling.room.Role;

/**
 * The verified claims of a join ticket minted by session-service; {@code ticketId} (jti) and
 * {@code expiresAt} (epoch seconds) make it single-use.
 */
public record JoinTicket(String userId, String roomId, String sessionId, Role role, String name, boolean groupSession,
        String ticketId, long expiresAt) {
}
