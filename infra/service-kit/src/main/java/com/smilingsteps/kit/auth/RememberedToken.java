package com.smilingsteps.kit.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * What {@link CachingJwtParser} remembers of a token it verified: the claims the services read on
 * every request (name, subject, groups, exp, the session scope's two) and the raw token, which is
 * the cache's key already. smallrye-jwt's principal also holds every claim parsed (a map of JSON
 * values) and the claims' JSON text: at 20,000 remembered tokens turn-credentials-service kept
 * about 30 MB more live data, about 1.5 KB a token (issue 16 goal 3, benchmarks README, session 29).
 * Any other claim is read from the token's payload again when asked for (rarely: nothing on a
 * request path does), so every claim still reads as smallrye's principal reads it, as long as the
 * services configure no claim rewriting ({@code smallrye.jwt.path.*}, {@code smallrye.jwt.claims.*}):
 * the payload is read as it was signed.
 */
final class RememberedToken implements JsonWebToken {

    /** Group sets are few (one role each): one instance per set instead of one per token. */
    private static final ConcurrentHashMap<Set<String>, Set<String>> GROUP_SETS = new ConcurrentHashMap<>();
    private static final int MAX_GROUP_SETS = 64;

    private final String rawToken;
    private final String name;
    private final String subject;
    private final Set<String> groups;
    private final long expiresAt;
    private final Object scope;
    private final Object session;

    private RememberedToken(String rawToken, JsonWebToken verified) {
        this.rawToken = rawToken;
        this.name = verified.getName();
        this.subject = verified.getSubject();
        this.groups = shared(verified.getGroups());
        this.expiresAt = verified.getExpirationTime();
        this.scope = verified.getClaim(SessionScope.SCOPE_CLAIM);
        this.session = verified.getClaim(SessionScope.SESSION_CLAIM);
    }

    /** {@code verified}: smallrye-jwt's principal for {@code rawToken}, which has just verified. */
    static RememberedToken of(String rawToken, JsonWebToken verified) {
        return new RememberedToken(rawToken, verified);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getSubject() {
        return subject;
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public long getExpirationTime() {
        return expiresAt;
    }

    @Override
    public String getRawToken() {
        return rawToken;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        Object value = switch (claimName) {
            case "sub" -> subject;
            case "groups" -> groups;
            case "exp" -> expiresAt;
            case "raw_token" -> rawToken;
            case SessionScope.SCOPE_CLAIM -> scope;
            case SessionScope.SESSION_CLAIM -> session;
            default -> payload().getClaim(claimName);
        };
        return (T) value;
    }

    @Override
    public Set<String> getClaimNames() {
        return payload().getClaimNames();
    }

    /** The caller, never the token (a credential). */
    @Override
    public String toString() {
        return "RememberedToken[subject=" + subject + ", groups=" + groups + ", exp=" + expiresAt + "]";
    }

    /** smallrye-jwt's principal over the token's payload, which verified when it was remembered. */
    private JsonWebToken payload() {
        int start = rawToken.indexOf('.') + 1;
        String json = new String(Base64.getUrlDecoder().decode(rawToken.substring(start, rawToken.indexOf('.', start))),
                StandardCharsets.UTF_8);
        try {
            JwtClaims claims = JwtClaims.parse(json);
            claims.setClaim(Claims.raw_token.name(), rawToken);
            return new LeanClaimsPrincipalFactory.LeanClaimsPrincipal("JWT", claims);
        } catch (InvalidJwtException e) {
            throw new IllegalStateException("a verified token's payload no longer parses", e);
        }
    }

    private static Set<String> shared(Set<String> groups) {
        Set<String> copy = Set.copyOf(groups);
        if (GROUP_SETS.size() >= MAX_GROUP_SETS) {
            return copy;
        }
        return GROUP_SETS.computeIfAbsent(copy, set -> set);
    }
}
