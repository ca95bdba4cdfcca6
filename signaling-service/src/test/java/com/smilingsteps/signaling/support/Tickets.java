package com.smilingsteps.signaling.support;

import java.time.Instant;

import com.smilingsteps.infra.testing.TestJwt;

/** Join tickets as session-service mints them, signed with the test key. */
public final class Tickets {

    private Tickets() {
    }

    public static String ticket(String userId, String role, String roomId) {
        return ticket(userId, role, roomId, "individual", Instant.now().plusSeconds(300));
    }

    public static String ticket(String userId, String role, String roomId, String sessionType, Instant expiresAt) {
        return TestJwt.sign(claims(userId, role, roomId, sessionType, expiresAt));
    }

    /** A ticket minted on the session as last changed at {@code sessionUpdatedAt}, as session-service mints them now. */
    public static String ticketOnState(String userId, String role, String roomId, Instant sessionUpdatedAt) {
        return TestJwt.sign(claims(userId, role, roomId, "individual", Instant.now().plusSeconds(300))
                .claim("sessionUpdatedAt", sessionUpdatedAt.toEpochMilli()));
    }

    /** A group session's ticket carrying the session's room size (capacity + 1), as session-service mints it. */
    public static String groupTicket(String userId, String role, String roomId, int roomSize) {
        return TestJwt.sign(claims(userId, role, roomId, "group", Instant.now().plusSeconds(300)).claim("roomSize", roomSize));
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(String userId, String role, String roomId, String sessionType,
            Instant expiresAt) {
        return TestJwt.claims(userId, role)
                .audience(TestJwt.TICKET_AUDIENCE)
                .claim("roomId", roomId)
                .claim("sessionId", "session-" + roomId)
                .claim("role", role)
                .claim("name", "Name of " + userId)
                .claim("sessionType", sessionType)
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(expiresAt);
    }
}
