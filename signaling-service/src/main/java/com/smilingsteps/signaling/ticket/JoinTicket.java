package com.smilingsteps.signaling.ticket;

import com.smilingsteps.signaling.room.Role;

/** The verified claims of a join ticket minted by session-service. */
public record JoinTicket(String userId, String roomId, String sessionId, Role role, String name, boolean groupSession) {
}
