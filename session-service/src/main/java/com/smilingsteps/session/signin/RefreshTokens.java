package com.smilingsteps.session.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Rotating refresh tokens, stored only as SHA-256 hashes in {@code refresh_tokens}. One sign-in
 * is a family: each refresh marks the presented token rotated and adds its successor to the
 * family. A rotated token presented again means two holders (the owner and a thief), and nobody
 * can tell which is which: the whole family is revoked, so both must sign in again.
 *
 * <p>Except a retry: a phone whose connection drops while the answer is on its way still holds the
 * rotated token, and presents it again. Within {@code retryGrace} of its rotation, while its
 * successor has never been presented, that successor is superseded (marked rotated, so presenting
 * it later is a reuse that revokes the family) and a new one issued. A thief replaying the token in
 * that minute gets a sign-in, and the owner's next refresh, with the superseded successor, revokes
 * both: the family still never has two live tokens.
 */
public class RefreshTokens {

    public static final String COLLECTION = "refresh_tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> tokens;
    private final Duration lifetime;
    private final Duration retryGrace;
    private final Clock clock;

    public RefreshTokens(MongoCollection<Document> tokens, Duration lifetime, Duration retryGrace, Clock clock) {
        this.tokens = tokens;
        this.lifetime = lifetime;
        this.retryGrace = retryGrace;
        this.clock = clock;
    }

    /** A token as handed to the browser (the only time its value exists outside the cookie). */
    public record Issued(String value, String familyId, String userId, Instant expiresAt) {
    }

    public enum Failure {
        /** Never issued, or so old its record is gone. */
        UNKNOWN,
        EXPIRED,
        /** Its family was signed out (logout, password change, an admin, or an earlier reuse). */
        REVOKED,
        /** Already rotated: theft detected, the family has just been revoked. */
        REUSED
    }

    /**
     * Either the successor token, or why there is none (with the owner, when known, for the audit log);
     * {@code retried}: the presented token had been rotated already, its answer lost.
     */
    public record Rotation(Issued next, Failure failure, String userId, String familyId, boolean retried) {

        static Rotation failed(Failure failure, String userId, String familyId) {
            return new Rotation(null, failure, userId, familyId, false);
        }

        public boolean succeeded() {
            return next != null;
        }
    }

    /** A new sign-in: the first token of a new family. */
    public Issued issue(String userId) {
        return insert(UUID.randomUUID().toString(), userId, newValue());
    }

    /** Exchanges a live token for its successor; exactly one of concurrent presentations wins. */
    public Rotation rotate(String presented) {
        Optional<String> hash = hash(presented);
        if (hash.isEmpty()) {
            return Rotation.failed(Failure.UNKNOWN, null, null);
        }
        Instant now = clock.instant();
        String nextValue = newValue();
        Document claimed = tokens.findOneAndUpdate(Filters.and(Filters.eq("_id", hash.get()),
                Filters.eq("rotatedAt", null), Filters.eq("revokedAt", null), Filters.gt("expiresAt", Date.from(now))),
                Updates.combine(Updates.set("rotatedAt", Date.from(now)), Updates.set("successor", sha256(nextValue))));
        if (claimed != null) {
            return successor(claimed, nextValue, false);
        }
        Document known = tokens.find(Filters.eq("_id", hash.get())).first();
        if (known == null) {
            return Rotation.failed(Failure.UNKNOWN, null, null);
        }
        String familyId = known.getString("familyId");
        String userId = known.getString("userId");
        if (known.get("revokedAt") != null) {
            return Rotation.failed(Failure.REVOKED, userId, familyId);
        }
        if (!known.getDate("expiresAt").toInstant().isAfter(now)) {
            return Rotation.failed(Failure.EXPIRED, userId, familyId);
        }
        Optional<Rotation> retried = rotateAgain(known, now);
        if (retried.isPresent()) {
            return retried.get();
        }
        revokeFamily(familyId, "rotated token reused");
        return Rotation.failed(Failure.REUSED, userId, familyId);
    }

    /**
     * A rotated token presented again within the grace, its successor never presented: the successor
     * is superseded and a new one issued. Empty when that is not the case (then it is a reuse).
     */
    private Optional<Rotation> rotateAgain(Document known, Instant now) {
        String successor = known.getString("successor");
        Date rotatedAt = known.getDate("rotatedAt");
        if (successor == null || rotatedAt == null || !now.isBefore(rotatedAt.toInstant().plus(retryGrace))) {
            return Optional.empty();
        }
        Document superseded = tokens.findOneAndUpdate(Filters.and(Filters.eq("_id", successor), Filters.eq("rotatedAt", null),
                Filters.eq("revokedAt", null)), Updates.combine(Updates.set("rotatedAt", Date.from(now)),
                        Updates.set("supersededAt", Date.from(now))));
        if (superseded == null) {
            return Optional.empty();
        }
        String nextValue = newValue();
        tokens.updateOne(Filters.and(Filters.eq("_id", known.getString("_id")), Filters.eq("successor", successor)),
                Updates.set("successor", sha256(nextValue)));
        return Optional.of(successor(known, nextValue, true));
    }

    /** Stores {@code nextValue} as the successor of {@code rotated}, unless its family was revoked meanwhile. */
    private Rotation successor(Document rotated, String nextValue, boolean retried) {
        String familyId = rotated.getString("familyId");
        String userId = rotated.getString("userId");
        Issued next = insert(familyId, userId, nextValue);
        if (familyRevoked(familyId)) {
            // signed out everywhere between the claim and the insert: the successor must not outlive that
            revokeFamily(familyId, "revoked while rotating");
            return Rotation.failed(Failure.REVOKED, userId, familyId);
        }
        return new Rotation(next, null, userId, familyId, retried);
    }

    /** Signs out the sign-in the presented token belongs to; its owner, or empty when the token is unknown. */
    public Optional<String> revokeFamilyOf(String presented, String reason) {
        Optional<Document> known = hash(presented).map(h -> tokens.find(Filters.eq("_id", h)).first());
        known.ifPresent(token -> revokeFamily(token.getString("familyId"), reason));
        return known.map(token -> token.getString("userId"));
    }

    /** Signs the user out everywhere; the number of sign-ins (families) that were still live. */
    public long revokeUser(String userId, String reason) {
        Instant now = clock.instant();
        // a live family has exactly one token neither rotated nor revoked nor expired
        long live = tokens.countDocuments(Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null),
                Filters.eq("rotatedAt", null), Filters.gt("expiresAt", Date.from(now))));
        tokens.updateMany(Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", Date.from(now)), Updates.set("revokedReason", reason)));
        return live;
    }

    private void revokeFamily(String familyId, String reason) {
        tokens.updateMany(Filters.and(Filters.eq("familyId", familyId), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", Date.from(clock.instant())), Updates.set("revokedReason", reason)));
    }

    private boolean familyRevoked(String familyId) {
        return tokens.find(Filters.and(Filters.eq("familyId", familyId), Filters.ne("revokedAt", null))).first() != null;
    }

    private Issued insert(String familyId, String userId, String value) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        tokens.insertOne(new Document("_id", sha256(value)).append("familyId", familyId).append("userId", userId)
                .append("issuedAt", Date.from(now)).append("expiresAt", Date.from(expiresAt))
                .append("rotatedAt", null).append("revokedAt", null));
        return new Issued(value, familyId, userId, expiresAt);
    }

    private static String newValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored key of a presented value; empty for anything that cannot be one of ours. */
    static Optional<String> hash(String presented) {
        if (presented == null || presented.length() != 43 || !presented.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return Optional.of(sha256(presented));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
