package com.smilingsteps.session.booking;

import jakarta.enterprise.context.ApplicationScoped;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;

/**
 * What a client must have to book for themself (a session or a group seat): a verified address
 * and some of their daily booking budget left (mail and slot flooding).
 */
@ApplicationScoped
public class ClientBookingGate {

    private final AccountService accounts;
    private final AuditLog auditLog;
    private final ClientQuota quota;
    private final BookingConfig config;

    public ClientBookingGate(AccountService accounts, AuditLog auditLog, ClientQuota quota, BookingConfig config) {
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.quota = quota;
        this.config = config;
    }

    /** The client, once allowed to book; refusals are audited as {@code action} on {@code resource}. */
    public User admit(String clientId, String action, String resource, String sessionId) {
        User client = accounts.require(clientId);
        if (!client.verified()) {
            auditLog.denied(action, resource, sessionId, "email address not verified");
            throw ProblemException.forbidden("email-not-verified",
                    "confirm your email address before booking: open the link we sent you, or ask for a new one");
        }
        quota.require(client.idText(), ClientQuota.BOOK, config.clientBookingsPerDay());
        return client;
    }

    /** Counts a booking made against the client's daily budget. */
    public void booked(User client) {
        quota.record(client.idText(), ClientQuota.BOOK);
    }
}
