package com.smilingsteps.turn.credentials;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.audit.AccessDecision;
import com.smilingsteps.kit.audit.AuditPublisher;
import com.smilingsteps.kit.auth.RevokedAccess;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.turn.sessions.JoinWindows;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Issues one user's ICE configuration: rate limit, mint, audit, count. Built at startup so a bad
 * {@code TURN_URLS} or TTL stops the service instead of failing the first call.
 */
@Startup
@ApplicationScoped
public class VideoCallConfigService {

    static final String ACTION = "turn.credentials";
    static final String RESOURCE = "/api/video-calls/config";
    private static final Set<String> PARTICIPANT_ROLES = Set.of("client", "psychologist");

    private final TurnRestCredentials credentials;
    private final IceServerUrls urls;
    /** The STUN entry (no credential), the same in every answer; null without STUN URLs. */
    private final VideoCallConfig.IceServer stunServer;
    private final List<String> turnUrlTexts;
    private final String iceTransportPolicy;
    private final PerUserRateLimiter rateLimiter;
    private final AuditPublisher audit;
    private final Clock clock;
    /** Registered once: a registry look-up per mint builds a meter id and its tags (issue 16). */
    private final Map<String, Counter> issuedByRole;
    private final Counter deniedNoOpenSession;
    private final Counter deniedRateLimited;
    private final Counter deniedRevoked;

    private final JoinWindows windows;
    private final RevokedAccess revoked;

    public VideoCallConfigService(TurnConfig config, AuditPublisher audit, MeterRegistry registry, JoinWindows windows,
            RevokedAccess revoked) {
        this.windows = windows;
        this.revoked = revoked;
        this.clock = Clock.systemUTC();
        this.credentials = new TurnRestCredentials(config.secret(), config.ttl());
        if (config.previousSecret().filter(config.secret()::equals).isPresent()) {
            throw new IllegalArgumentException("TURN_PREVIOUS_SECRET equals TURN_SECRET: a rotation needs a new secret");
        }
        this.urls = IceServerUrls.parse(config.urls().orElse(List.of()));
        this.stunServer = urls.stun().isEmpty() ? null : new VideoCallConfig.IceServer(texts(urls.stun()), null, null);
        this.turnUrlTexts = texts(urls.turn());
        this.iceTransportPolicy = config.iceTransportPolicy();
        if (!iceTransportPolicy.equals("all") && !iceTransportPolicy.equals("relay")) {
            throw new IllegalArgumentException("turn.ice-transport-policy must be 'all' or 'relay', not '"
                    + iceTransportPolicy + "'");
        }
        this.rateLimiter = new PerUserRateLimiter(config.rateLimit().requests(), config.rateLimit().window(), clock);
        this.audit = audit;
        this.issuedByRole = PARTICIPANT_ROLES.stream().collect(Collectors.toUnmodifiableMap(role -> role,
                role -> registry.counter("turn.credentials.issued", "role", role)));
        this.deniedNoOpenSession = registry.counter("turn.credentials.denied", "reason", "no-open-session");
        this.deniedRateLimited = registry.counter("turn.credentials.denied", "reason", "rate-limited");
        this.deniedRevoked = registry.counter("turn.credentials.denied", "reason", "access-revoked");
    }

    /**
     * The configuration for {@code userId}, whose access token has {@code iat} {@code issuedAt} (epoch
     * seconds, 0 without one); a 401
     * {@link ProblemException} when that token was revoked, a 429 once over the limit.
     */
    public VideoCallConfig issue(String userId, String role, long issuedAt, String clientIp) {
        if (userId == null || userId.isBlank() || userId.indexOf(':') >= 0) {
            audit.publish(AccessDecision.denied(userId, role, ACTION, RESOURCE, "token subject unusable as TURN user id",
                    clientIp));
            throw ProblemException.forbidden("unusable-identity",
                    "The access token's subject cannot be used as a TURN user id.");
        }
        if (revoked.isRevoked(userId, issuedAt)) {
            audit.publish(AccessDecision.denied(userId, role, ACTION, RESOURCE, "access token revoked", clientIp));
            deniedRevoked.increment();
            throw new ProblemException(401, "access-revoked", "Unauthorized",
                    "This sign-in has ended; please sign in again.", null);
        }
        Instant now = clock.instant();
        // Relay is for therapy calls only: a client or psychologist whose session can be joined now,
        // and never past the end of that window (coturn is not a free relay for any account).
        Optional<JoinWindows.OpenWindow> window = PARTICIPANT_ROLES.contains(role) ? windows.openWindow(userId, now)
                : Optional.empty();
        if (window.isEmpty()) {
            audit.publish(AccessDecision.denied(userId, role, ACTION, RESOURCE, "no session whose join window is open",
                    clientIp));
            deniedNoOpenSession.increment();
            throw ProblemException.forbidden("no-open-session",
                    "TURN credentials are issued only to a participant of a session that can be joined now.");
        }
        OptionalLong retryAfter = rateLimiter.tryAcquire(userId);
        if (retryAfter.isPresent()) {
            audit.publish(AccessDecision.denied(userId, role, ACTION, RESOURCE, "rate limit exceeded", clientIp)
                    .withDetails(Map.of("retryAfterSeconds", retryAfter.getAsLong())));
            deniedRateLimited.increment();
            throw ProblemException.tooManyRequests("too-many-requests", "Too Many Requests",
                    "Too many TURN credential requests; retry in " + retryAfter.getAsLong() + " s", retryAfter.getAsLong());
        }
        TurnRestCredentials.Credential credential = credentials.mint(userId, now, window.get().closes());
        List<VideoCallConfig.IceServer> servers = new ArrayList<>(2);
        if (stunServer != null) {
            servers.add(stunServer);
        }
        if (!turnUrlTexts.isEmpty()) {
            servers.add(new VideoCallConfig.IceServer(turnUrlTexts, credential.username(), credential.password()));
        }
        long ttlSeconds = credential.expiresAt().getEpochSecond() - now.getEpochSecond();
        audit.publish(AccessDecision.allowed(userId, role, ACTION, RESOURCE, "participant of a session open now", clientIp)
                .inSession(window.get().sessionId())
                .withDetails(Map.of("ttlSeconds", ttlSeconds, "expiresAt", credential.expiresAt().toString())));
        issuedByRole.get(role).increment(); // only participants get this far (the window check above)
        return new VideoCallConfig(List.copyOf(servers), ttlSeconds, credential.expiresAt(), iceTransportPolicy);
    }

    public IceServerUrls urls() {
        return urls;
    }

    /** Mints and discards one credential: proves the secret and HMAC work, for readiness. */
    public boolean canMint() {
        return !credentials.mint("readiness-check", clock.instant()).password().isEmpty();
    }

    private static List<String> texts(List<IceUrl> urls) {
        return urls.stream().map(IceUrl::text).toList();
    }
}
