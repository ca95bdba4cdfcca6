package com.smilingsteps.session.account;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;

/**
 * The signed-in owner proves it is them before a change that cannot be taken back (a new password,
 * erasing the account): a wrong current password is 403 {@code wrong-password}; after
 * {@code account.wrong-current-passwords} wrong ones in 15 minutes, 429 (a stolen access token
 * cannot be used to guess it).
 */
@ApplicationScoped
public class CurrentPassword {

    private static final Duration GUESS_WINDOW = Duration.ofMinutes(15);

    private final PasswordHasher hasher;
    private final MailQuota quota;
    private final AccountConfig config;
    private final AuditLog auditLog;

    CurrentPassword(PasswordHasher hasher, MailQuota quota, AccountConfig config, AuditLog auditLog) {
        this.hasher = hasher;
        this.quota = quota;
        this.config = config;
        this.auditLog = auditLog;
    }

    /** Returns when {@code presented} is the user's password; {@code field} names it in the problem. */
    public void require(User user, String presented, String action, String field) {
        String guesses = "password|wrong|" + user.idText();
        if (!quota.allows(guesses, config.wrongCurrentPasswords(), GUESS_WINDOW)) {
            auditLog.denied(action, "user:" + user.idText(), null, "too many wrong current passwords");
            throw ProblemException.tooManyRequests("too-many-attempts", "Too many attempts",
                    "too many wrong current passwords; try again in 15 minutes", GUESS_WINDOW.toSeconds());
        }
        if (!hasher.matches(presented, user.passwordHash)) {
            quota.record(guesses);
            auditLog.denied(action, "user:" + user.idText(), null, "wrong current password");
            throw new ProblemException(403, "wrong-password", "Forbidden", "the current password is not right", field);
        }
        quota.clear(guesses);
    }
}
