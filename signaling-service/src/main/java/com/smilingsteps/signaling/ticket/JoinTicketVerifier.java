package com.smilingsteps.signaling.ticket;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smilingsteps.kit.auth.LeanClaimsPrincipalFactory;
import com.smilingsteps.signaling.room.Role;
import com.smilingsteps.signaling.sessions.CallWindows;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies join tickets with the same keys and issuer as access tokens (session-service signs
 * both) but audience {@code signaling}, so an access token is never taken for a ticket.
 */
@ApplicationScoped
public class JoinTicketVerifier {

    public static final String AUDIENCE = "signaling";

    private final JWTParser parser;
    private final CallWindows windows;

    JoinTicketVerifier(JWTAuthContextInfo accessTokenContext, CallWindows windows) {
        JWTAuthContextInfo ticketContext = new JWTAuthContextInfo(accessTokenContext);
        ticketContext.setExpectedAudience(Set.of(AUDIENCE));
        this.parser = LeanClaimsPrincipalFactory.parser(ticketContext);
        this.windows = windows;
    }

    /** The ticket's claims if it is validly signed, unexpired, for signaling and for {@code userId}. */
    public JoinTicket verify(String ticket, String userId) throws InvalidTicketException {
        if (ticket == null || ticket.isBlank()) {
            throw new InvalidTicketException("A join ticket is required.");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(ticket);
        } catch (ParseException e) {
            throw new InvalidTicketException("The join ticket is invalid or expired.");
        }
        if (!userId.equals(jwt.getSubject())) {
            throw new InvalidTicketException("The join ticket belongs to another user.");
        }
        Role role = Role.fromWireName(text(jwt, "role"));
        String roomId = text(jwt, "roomId");
        String sessionId = text(jwt, "sessionId");
        if (role == null || isBlank(roomId) || isBlank(sessionId) || isBlank(jwt.getTokenID())) {
            throw new InvalidTicketException("The join ticket lacks its room, session, role or id.");
        }
        windows.allowedByTicket(sessionId, sessionUpdatedAt(jwt));
        String ended = windows.ending(sessionId, Instant.now()).orElse(null);
        if (ended != null) {
            throw new InvalidTicketException(CallWindows.SESSION_ENDED, ended);
        }
        if (role == Role.CLIENT && windows.gaveUpSeat(sessionId, userId)) {
            throw new InvalidTicketException(CallWindows.SESSION_ENDED, CallWindows.SEAT_GIVEN_UP);
        }
        String name = text(jwt, "name");
        boolean group = "group".equals(text(jwt, "sessionType"));
        return new JoinTicket(userId, roomId, sessionId, role, isBlank(name) ? role.wireName() : name, group,
                jwt.getTokenID(), jwt.getExpirationTime(), roomSize(jwt));
    }

    /** The {@code sessionUpdatedAt} claim (epoch ms), or null on a ticket minted before it existed. */
    private static Instant sessionUpdatedAt(JsonWebToken jwt) {
        Object value = jwt.getClaim("sessionUpdatedAt");
        if (value instanceof jakarta.json.JsonNumber number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        return value instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : null;
    }

    /** The {@code roomSize} claim, or 0 when absent or not a number. */
    private static int roomSize(JsonWebToken jwt) {
        Object value = jwt.getClaim("roomSize");
        if (value instanceof jakarta.json.JsonNumber number) {
            return number.intValue();
        }
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static String text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
