package com.smilingsteps.kit.auth;

import java.util.List;
import java.util.Map;

/**
 * The one rule for access tokens limited to one session (issued by a one-click join link): such a
 * token carries {@value #SCOPE_CLAIM}={@value #SESSION} and the session's id in {@value #SESSION_CLAIM},
 * and may reach only that session's call routes, the TURN credentials, the signaling socket and the
 * caller's own profile. Every other route refuses it, whatever the caller's role allows. Each REST
 * service of the kit applies it ({@link SessionScopeFilter}, audited); the gateway applies it to the
 * services without that filter.
 */
public final class SessionScope {

    public static final String SCOPE_CLAIM = "scope";
    public static final String SESSION = "session";
    public static final String SESSION_CLAIM = "sid";
    /** The audit reason and problem slug of a refusal. */
    public static final String REFUSED = "outside-session-scope";

    /** Routes that do not name a session: the caller's own profile, ICE servers, the signaling socket. */
    private static final Map<String, List<String>> ANY_SESSION = Map.of(
            "GET", List.of("/api/users/me", "/api/video-calls/config", "/ws/signaling"));
    /** Routes of the token's own session: the path ends with its id. */
    private static final Map<String, List<String>> OWN_SESSION = Map.of(
            "GET", List.of("/api/sessions/", "/api/video-calls/session/"),
            "POST", List.of("/api/video-calls/generate-room/", "/api/video-calls/start/", "/api/video-calls/end/",
                    "/api/video-calls/quality/"));

    private SessionScope() {
    }

    /** Whether a token scoped to {@code sessionId} may call {@code method path} (the decoded path, no query). */
    public static boolean permits(String method, String path, String sessionId) {
        if (method == null || path == null || sessionId == null || sessionId.isEmpty()) {
            return false;
        }
        String verb = "HEAD".equals(method) ? "GET" : method;
        if (ANY_SESSION.getOrDefault(verb, List.of()).contains(path)) {
            return true;
        }
        return OWN_SESSION.getOrDefault(verb, List.of()).stream().anyMatch(prefix -> path.equals(prefix + sessionId));
    }

    /**
     * The session a token is limited to, from its {@value #SCOPE_CLAIM} and {@value #SESSION_CLAIM}
     * claims; null for an ordinary access token. A scoped token without a session reaches nothing.
     */
    public static String sessionOf(Object scope, Object sessionId) {
        if (scope == null || !SESSION.equals(text(scope))) {
            return null;
        }
        return sessionId == null ? "" : text(sessionId);
    }

    /** A claim as plain text (a JSON string value prints with its quotes). */
    private static String text(Object claim) {
        String value = String.valueOf(claim);
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1)
                : value;
    }
}
