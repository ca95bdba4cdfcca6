package com.smilingsteps.gateway.routing;

import java.util.List;
import java.util.Optional;

/**
 * Which service serves a path, and whether a caller needs an access token for it. Paths are
 * matched whole segment by segment, so {@code /api/sessionsX} matches nothing.
 */
public final class RouteTable {

    public enum Upstream {
        SESSION, SIGNALING, TURN, NOTIFICATION
    }

    /** {@code route}: the rule's prefix, the label of the request in metrics (never the path, which carries ids). */
    public record Match(Upstream upstream, boolean requiresToken, String route) {
    }

    private record Rule(String prefix, Upstream upstream) {
    }

    /**
     * The only routes open without a token: sign-in, its refresh and logout (authenticated by the
     * refresh cookie; the access token may have expired), registration and the mailed links (verify
     * the address, reset the password, join a session), the public keys, Daraja's callback.
     */
    private static final List<String> PUBLIC_PREFIXES = List.of(
            "/api/auth/login", "/api/auth/register", "/api/auth/refresh", "/api/auth/logout",
            "/api/auth/verify-email", "/api/auth/password-reset", "/api/auth/join-link", "/api/auth/jwks", "/api/payments/mpesa/callback");

    // First match wins: the TURN config route sits inside the session-service's /api/video-calls.
    private static final List<Rule> RULES = List.of(
            new Rule("/ws/signaling", Upstream.SIGNALING),
            new Rule("/api/video-calls/config", Upstream.TURN),
            new Rule("/api/notifications", Upstream.NOTIFICATION),
            new Rule("/api/auth", Upstream.SESSION),
            new Rule("/api/users", Upstream.SESSION),
            new Rule("/api/psychologists", Upstream.SESSION),
            new Rule("/api/sessions", Upstream.SESSION),
            new Rule("/api/group-sessions", Upstream.SESSION),
            new Rule("/api/payments", Upstream.SESSION),
            new Rule("/api/admin", Upstream.SESSION),
            new Rule("/api/video-calls", Upstream.SESSION));

    public Optional<Match> match(String path) {
        for (Rule rule : RULES) {
            if (underPrefix(path, rule.prefix())) {
                boolean open = PUBLIC_PREFIXES.stream().anyMatch(prefix -> underPrefix(path, prefix));
                return Optional.of(new Match(rule.upstream(), !open, rule.prefix() + "/*"));
            }
        }
        return Optional.empty();
    }

    /**
     * Paths that could reach a different route after the upstream decodes or normalises them
     * ({@code ..}, encoded slashes or dots, backslashes, matrix parameters) are refused outright,
     * so the public-route check cannot be walked around.
     */
    public static boolean isSuspicious(String rawPath) {
        String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("\\") || lower.contains(";") || lower.contains("//") || lower.contains("%00");
    }

    /**
     * The path as the upstream will read it, percent-escapes decoded. Only call it on a path that is
     * not {@link #isSuspicious}: escapes that change the path's structure are refused before this.
     */
    public static String decoded(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        try {
            return java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath; // a broken escape: the upstream refuses it; match it as it is
        }
    }

    /** True when {@code path} is {@code prefix} or below it, segment by segment. */
    public static boolean underPrefix(String path, String prefix) {
        return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }
}
