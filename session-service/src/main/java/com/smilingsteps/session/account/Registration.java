package com.smilingsteps.session.account;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.outbox.OutboxRelay;

/**
 * Self-registration that does not tell who is a client (issue 12 item 7): a new address gets an
 * unverified account and a verification link, an existing one a note to its owner, and the caller
 * learns nothing from the answer or its time (one bcrypt hash either way).
 */
@ApplicationScoped
public class Registration {

    private static final Duration NOTE_WINDOW = Duration.ofHours(1);

    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final AccountMailer mailer;
    private final MailQuota quota;
    private final AccountConfig config;
    private final OutboxRelay relay;
    private final AuditLog auditLog;

    Registration(AccountService accounts, PasswordHasher hasher, AccountMailer mailer, MailQuota quota,
            AccountConfig config, OutboxRelay relay, AuditLog auditLog) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.mailer = mailer;
        this.quota = quota;
        this.config = config;
        this.relay = relay;
        this.auditLog = auditLog;
    }

    /** {@code privacyNotice}: the version of the notice the person accepted (400 without the current one). */
    public void register(AccountService.NewAccount account, String privacyNotice, String clientIp) {
        PrivacyConsent consent = PrivacyConsent.accepted(privacyNotice, Instant.now());
        PasswordPolicy.require(account.password(), "password");
        User existing = accounts.byEmail(account.email()).orElse(null);
        if (existing == null) {
            try {
                User user = accounts.createSelfRegistered(account, mailer::verificationFor, consent);
                relay.nudge();
                auditLog.record(user.idText(), user.role, clientIp, "auth.register", "user:" + user.idText(), null,
                        AuditLog.ALLOWED, "client self-registration; verification mailed", null);
                return;
            } catch (ProblemException e) {
                if (!"email-taken".equals(e.slug())) {
                    throw e;
                }
                // registered by a concurrent request a moment ago: its owner is told, as for any existing address
                existing = accounts.byEmail(account.email()).orElseThrow(() -> e);
            }
        } else {
            hasher.hash(account.password()); // the same work as a new account, so the answer's time tells nothing
        }
        noteAttempt(existing, clientIp);
    }

    private void noteAttempt(User owner, String clientIp) {
        String key = "register|account|" + owner.idText();
        boolean mail = quota.allows(key, config.mailsPerAccountPerHour(), NOTE_WINDOW);
        if (mail) {
            quota.record(key);
            mailer.registrationAttempted(owner);
        }
        auditLog.record("anonymous", "", clientIp, "auth.register", "user:" + owner.idText(), null, AuditLog.DENIED,
                "address already registered; " + (mail ? "its owner was told" : "note not sent (hourly limit)"), null);
    }
}
