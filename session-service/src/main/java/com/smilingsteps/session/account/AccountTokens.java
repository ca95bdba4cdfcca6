package com.smilingsteps.session.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
 * expiry (to say "expired" rather than "unknown"), then purged. A token may also be bound to a
 * subject (a session) and open only from a given time (a join link works from shortly before the call).
 */
@ApplicationScoped
public class AccountTokens {

    public static final String VERIFY_EMAIL = "verify-email";
    public static final String RESET_PASSWORD = "reset-password";
    public static final String INVITATION = "invitation";
    /** A personal one-click join link of a session (subject = the session id). */
    public static final String JOIN_SESSION = "join-session";
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

    /** A stored token as found by {@link #find}: whose, for what, when it works, and whether it is spent. */
    public record Stored(String userId, String subject, Instant validFrom, Instant expiresAt, boolean used,
            boolean withdrawn) {
    }

    /** A new token for {@code userId}; the caller mails it, nobody stores or logs it. */
    public Issued issue(String userId, String purpose, Duration lifetime) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return issue(userId, purpose, null, now, now.plus(lifetime));
    }

    /** A new token bound to {@code subject} that works from {@code validFrom} until {@code expiresAt}. */
    public Issued issue(String userId, String purpose, String subject, Instant validFrom, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Document record = new Document("_id", hash(token)).append("purpose", purpose).append("userId", userId)
                .append("createdAt", now).append("expiresAt", expiresAt);
        if (subject != null) {
            record.append("subject", subject).append("validFrom", validFrom);
        }
        tokens.insertOne(record);
        tokens.deleteMany(Filters.lt("expiresAt", now.minus(KEPT_AFTER_EXPIRY)));
        return new Issued(token, expiresAt);
    }

    /** The record of a token of this purpose, used or not, without changing it; empty when unknown. */
    public Optional<Stored> find(String token, String purpose) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        Document known = tokens.find(Filters.and(Filters.eq("_id", hash(token)), Filters.eq("purpose", purpose))).first();
        return Optional.ofNullable(known).map(doc -> new Stored(doc.getString("userId"), doc.getString("subject"),
                instant(doc.getDate("validFrom")), instant(doc.getDate("expiresAt")), doc.get("usedAt") != null,
                doc.get("withdrawnAt") != null));
    }

    /** Marks a token found by {@link #find} used, unless someone used it first or it was withdrawn meanwhile. */
    public boolean use(String token, Instant now) {
        return tokens.updateOne(Filters.and(Filters.eq("_id", hash(token)), Filters.eq("usedAt", null),
                Filters.eq("withdrawnAt", null), Filters.gt("expiresAt", now)), Updates.set("usedAt", now))
                .getModifiedCount() == 1;
    }

    /** Withdraws the unused tokens of a subject issued before {@code cutoff} (a moved session's old join links). */
    public long withdraw(String subject, String purpose, Instant cutoff) {
        return tokens.updateMany(Filters.and(Filters.eq("subject", subject), Filters.eq("purpose", purpose),
                Filters.eq("usedAt", null), Filters.eq("withdrawnAt", null), Filters.lt("createdAt", cutoff)),
                Updates.set("withdrawnAt", Instant.now())).getModifiedCount();
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

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
