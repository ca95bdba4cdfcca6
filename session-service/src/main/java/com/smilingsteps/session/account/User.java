package com.smilingsteps.session.account;

import java.time.Instant;
import java.util.List;

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

    public String idText() {
        return id.toHexString();
    }

    /** The profile photo's address (null: none), changing with each upload so caches never show an old one. */
    public String photoUrl() {
        return photoUpdatedAt == null ? null : "/api/psychologists/" + idText() + "/photo?v=" + photoUpdatedAt.toEpochMilli();
    }
}
