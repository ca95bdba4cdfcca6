package com.smilingsteps.session.account;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.smilingsteps.kit.problem.ProblemException;

/** Creates accounts and looks them up; email is unique regardless of case. */
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

    public User create(NewAccount account) {
        if (!User.ROLES.contains(account.role())) {
            throw ProblemException.badRequest("role", "role must be one of " + User.ROLES);
        }
        User user = new User();
        user.name = account.name().trim();
        user.email = account.email().trim();
        user.emailKey = emailKey(account.email());
        user.role = account.role();
        user.passwordHash = hasher.hash(account.password());
        user.phoneEncrypted = account.phone() == null || account.phone().isBlank() ? null
                : phoneCipher.encrypt(Phones.normalize(account.phone()));
        user.specialties = account.specialties() == null ? List.of() : List.copyOf(account.specialties());
        user.bio = account.bio();
        user.languages = List.of();
        user.createdAt = Instant.now();
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

    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
