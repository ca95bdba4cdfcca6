package com.smilingsteps.session.account;

import java.time.Instant;
import java.util.List;

import com.smilingsteps.session.booking.OutboxEntry;
import com.smilingsteps.session.rates.Rates;

import io.quarkus.mongodb.panache.PanacheMongoEntity;
import io.quarkus.mongodb.panache.common.MongoEntity;

/** An account. {@code emailKey} (lower-cased) is unique; the phone is stored only encrypted. */
@MongoEntity(collection = "users")
public class User extends PanacheMongoEntity {

    public static final String CLIENT = "client";
    public static final String PSYCHOLOGIST = "psychologist";
    public static final String ADMIN = "admin";
    public static final List<String> ROLES = List.of(CLIENT, PSYCHOLOGIST, ADMIN);

    public String name;
    public String email;
    public String emailKey;
    public String role;
    public String passwordHash;
    public String phoneEncrypted;
    public List<String> specialties;
    public String bio;
    /** Languages a psychologist holds sessions in (directory search). */
    public List<String> languages;
    /** Set by an admin; a psychologist without a rate for a session type cannot be booked for it. */
    public Rates rates;
    public Instant createdAt;
    /** When the profile photo was last uploaded (null: none); the directory's photo address carries it. */
    public Instant photoUpdatedAt;
    /** A disabled account cannot sign in or act with a token it still holds where the account is loaded. */
    public boolean disabled;
    public String disabledBy;
    public Instant disabledAt;
    /**
     * The last AccountAccessRevoked of this account: its tokens are signed in a later second (a JWT's
     * iat has whole seconds, and one of the revocation's own second counts as revoked).
     */
    public Instant accessRevokedAt;
    /**
     * False until the owner opened the verification (or invitation) link. Absent (null) on accounts
     * created before addresses were verified: those count as verified (see {@link #verified()}).
     */
    public Boolean emailVerified;
    /** True while an admin's password is still the one the deployment configured (BOOTSTRAP_ADMIN_PASSWORD). */
    public boolean bootstrapPassword;
    /** The privacy notice accepted at self-registration (null: created by an admin or the deployment). */
    public PrivacyConsent privacyConsent;
    /** account-events waiting for the relay, written in the same update as the change they report. */
    public List<OutboxEntry> outbox;

    /** Whether the owner has proved the address; accounts from before verification existed have. */
    public boolean verified() {
        return !Boolean.FALSE.equals(emailVerified);
    }

    public String idText() {
        return id.toHexString();
    }

    /** The profile photo's address (null: none), changing with each upload so caches never show an old one. */
    public String photoUrl() {
        return photoUpdatedAt == null ? null : "/api/psychologists/" + idText() + "/photo?v=" + photoUpdatedAt.toEpochMilli();
    }
}
