package com.smilingsteps.signaling.room;

/**
 * One joined (or waiting) socket: {@code peerId} is server-assigned per join, the identity comes
 * from the verified join ticket and {@code instanceId} names the instance holding the socket.
 */
public record Participant(String peerId, String userId, String name, Role role, String roomId, String sessionId,
        String instanceId) {
}
