package com.smilingsteps.turn.credentials;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the TURN REST API scheme that coturn's {@code use-auth-secret}
 * checks: username {@code <expiry-unix>:<userId>}, password {@code base64(HMAC-SHA1(secret, username))}.
 * coturn recomputes the HMAC with each of its secrets and refuses usernames whose expiry has passed.
 */
public final class TurnRestCredentials {

    private static final String HMAC_SHA1 = "HmacSHA1";

    /** One user's credential; {@code expiresAt} is the instant encoded in the username. */
    public record Credential(String username, String password, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final Duration ttl;
    /**
     * One keyed Mac per thread: a Mac is not thread-safe, and {@code Mac.getInstance} + {@code init}
     * per mint (a JCA provider look-up) cost more than the HMAC itself (issue 16). Mints run on the
     * event loops ({@code @NonBlocking}), so there are about two per core, plus the readiness check's.
     */
    private final ThreadLocal<Mac> macs;

    public TurnRestCredentials(String secret, Duration ttl) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the TURN secret is empty");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the TURN credential TTL must be positive");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        this.ttl = ttl;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public Duration ttl() {
        return ttl;
    }

    public Credential mint(String userId, Instant now) {
        return mint(userId, now, now.plus(ttl));
    }

    /** A credential that expires after the TTL or at {@code notAfter}, whichever comes first. */
    public Credential mint(String userId, Instant now, Instant notAfter) {
        if (userId == null || userId.isBlank() || userId.indexOf(':') >= 0) {
            // coturn splits the username at the first ':'; a colon in the id would move the expiry
            throw new IllegalArgumentException("a TURN user id must be non-empty and contain no ':'");
        }
        Instant end = now.plus(ttl).isBefore(notAfter) ? now.plus(ttl) : notAfter;
        Instant expiresAt = Instant.ofEpochSecond(end.getEpochSecond());
        String username = expiresAt.getEpochSecond() + ":" + userId;
        return new Credential(username, password(username), expiresAt);
    }

    /** {@code base64(HMAC-SHA1(secret, username))}. */
    public String password(String username) {
        Mac mac = macs.get();
        mac.reset(); // free when clean; a mint that died half-way (an Error) must not spoil the next
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable in this JVM", e);
        }
    }
}
