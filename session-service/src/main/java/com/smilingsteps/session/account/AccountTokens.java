package com.smilingsteps.session.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * The one-time secrets of mailed links ({@code account_tokens}): only their SHA-256 is stored, so
 * a copy of the database opens no account. A token is used once (a conditional update), and a used
 * or expired one is refused with a reason the person can act on. Records are kept a week past their
 * expiry (to say "expired" rather than "unknown"), then purged.
 */
@ApplicationScoped
public class AccountTokens {

    public static final String VERIFY_EMAIL = "verify-email";
    public static final String RESET_PASSWORD = "reset-password";
    public static final String INVITATION = "invitation";
    /** Tokens that set a password. */
    public static final List<String> SETS_PASSWORD = List.of(RESET_PASSWORD, INVITATION);
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();
    private final MongoCollection<Document> tokens;

    AccountTokens(MongoDatabase database) {
        this.tokens = database.getCollection("account_tokens");
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** A new token for {@code userId}; the caller mails it, nobody stores or logs it. */
    public Issued issue(String userId, String purpose, Duration lifetime) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(lifetime);
        tokens.insertOne(new Document("_id", hash(token)).append("purpose", purpose).append("userId", userId)
                .append("createdAt", now).append("expiresAt", expiresAt));
        tokens.deleteMany(Filters.lt("expiresAt", now.minus(KEPT_AFTER_EXPIRY)));
        return new Issued(token, expiresAt);
    }

    /** Marks the token used and returns its user; refuses an unknown, used or expired one (410/400 problem JSON). */
    public String redeem(String token, List<String> purposes) {
        Instant now = Instant.now();
        String id = token == null || token.length() > 200 ? null : hash(token);
        Document used = id == null ? null : tokens.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                Filters.in("purpose", purposes), Filters.eq("usedAt", null), Filters.gt("expiresAt", now)),
                Updates.set("usedAt", now));
        if (used != null) {
            return used.getString("userId");
        }
        Document known = id == null ? null : tokens.find(Filters.and(Filters.eq("_id", id), Filters.in("purpose", purposes)))
                .first();
        if (known == null) {
            throw new ProblemException(400, "link-invalid", "Bad Request",
                    "this link is not valid; ask for a new one", "token");
        }
        if (known.get("usedAt") != null) {
            throw new ProblemException(410, "link-used", "Gone",
                    "this link has already been used; sign in, or ask for a new one", "token");
        }
        throw new ProblemException(410, "link-expired", "Gone", "this link has expired; ask for a new one", "token");
    }

    /** Ends the unused tokens of a user for these purposes now (a changed password ends the reset links in the mailbox). */
    public void expire(String userId, List<String> purposes) {
        Instant now = Instant.now();
        tokens.updateMany(Filters.and(Filters.eq("userId", userId), Filters.in("purpose", purposes),
                Filters.eq("usedAt", null), Filters.gt("expiresAt", now)), Updates.set("expiresAt", now));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
