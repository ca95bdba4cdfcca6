package com.smilingsteps.session.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.booking.OutboxEntry;

/**
 * Creates accounts and looks them up; email is unique regardless of case. An account created by
 * an admin or the deployment with a password counts as verified (the practice vouches for the
 * address); one that registered itself or was invited without a password is not, until its link is opened.
 */
@ApplicationScoped
public class AccountService {

    private final PasswordHasher hasher;
    private final PhoneCipher phoneCipher;

    AccountService(PasswordHasher hasher, PhoneCipher phoneCipher) {
        this.hasher = hasher;
        this.phoneCipher = phoneCipher;
    }

    public record NewAccount(String name, String email, String password, String phone, String role,
            List<String> specialties, String bio) {
    }

    /** A verified account (its password set by whoever creates it). */
    public User create(NewAccount account) {
        return insert(account, true, null, null);
    }

    /**
     * An account whose address is still to be proved; {@code firstMail} (the verification or
     * invitation) is inserted with it. {@code password} may be null: nobody can sign in until the
     * invitation link sets one.
     */
    public User createUnverified(NewAccount account, Function<User, OutboxEntry> firstMail) {
        return insert(account, false, firstMail, null);
    }

    /** A self-registered account: unverified, with the privacy notice its owner accepted. */
    public User createSelfRegistered(NewAccount account, Function<User, OutboxEntry> firstMail, PrivacyConsent consent) {
        return insert(account, false, firstMail, consent);
    }

    private User insert(NewAccount account, boolean verified, Function<User, OutboxEntry> firstMail,
            PrivacyConsent consent) {
        if (!User.ROLES.contains(account.role())) {
            throw ProblemException.badRequest("role", "role must be one of " + User.ROLES);
        }
        User user = new User();
        user.id = new ObjectId();
        user.name = account.name().trim();
        user.email = account.email().trim();
        user.emailKey = emailKey(account.email());
        user.role = account.role();
        user.passwordHash = account.password() == null ? null : hasher.hash(account.password());
        user.phoneEncrypted = account.phone() == null || account.phone().isBlank() ? null
                : phoneCipher.encrypt(Phones.normalize(account.phone()));
        user.specialties = account.specialties() == null ? List.of() : List.copyOf(account.specialties());
        user.bio = account.bio();
        user.languages = List.of();
        user.createdAt = Instant.now();
        user.emailVerified = verified;
        user.privacyConsent = consent;
        if (firstMail != null) {
            user.outbox = new ArrayList<>(List.of(firstMail.apply(user)));
        }
        try {
            user.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw ProblemException.conflict("email-taken", "an account with this email already exists");
            }
            throw e;
        }
        return user;
    }

    public Optional<User> byEmail(String email) {
        return User.find("emailKey", emailKey(email)).firstResultOptional();
    }

    public Optional<User> byId(String id) {
        if (id == null || !ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return User.findByIdOptional(new ObjectId(id));
    }

    /** The authenticated caller's own account; a token for a deleted or disabled account is refused. */
    public User require(String id) {
        User user = byId(id).orElseThrow(() -> new ProblemException(401, "unknown-account", "Unauthorized",
                "the account of this token no longer exists", null));
        if (user.disabled) {
            throw new ProblemException(401, "account-disabled", "Unauthorized", "this account has been disabled", null);
        }
        return user;
    }

    public boolean anyAdmin() {
        return User.count("role", User.ADMIN) > 0;
    }

    public String phoneOf(User user) {
        return user.phoneEncrypted == null ? null : phoneCipher.decrypt(user.phoneEncrypted);
    }

    /**
     * Sets a new password (the caller checked {@link PasswordPolicy}); the reset and invitation links
     * prove the address too. {@code consent}, when not null, is the privacy notice accepted with it.
     */
    public void setPassword(User user, String password, boolean provesAddress, PrivacyConsent consent) {
        user.passwordHash = hasher.hash(password);
        user.bootstrapPassword = false;
        var changes = new ArrayList<>(List.of(Updates.set("passwordHash", user.passwordHash),
                Updates.set("bootstrapPassword", false)));
        if (consent != null) {
            user.privacyConsent = consent;
            changes.add(Updates.set("privacyConsent", new Document("notice", consent.notice)
                    .append("acceptedAt", Date.from(consent.acceptedAt))));
        }
        if (provesAddress) {
            user.emailVerified = true;
            changes.add(Updates.set("emailVerified", true));
        }
        User.mongoCollection().updateOne(Filters.eq("_id", user.id),
                Updates.combine(changes));
    }

    /** The lower-cased address the account is found by (and the login throttle keys on). */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
