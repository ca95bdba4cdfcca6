package com.smilingsteps.session.signin;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;

import org.bson.Document;

import com.mongodb.client.MongoDatabase;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.AuthResource.TokenResponse;
import com.smilingsteps.session.account.PasswordChanged;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.signin.RefreshTokens.Rotation;
import com.smilingsteps.session.token.TokenIssuer;
import com.smilingsteps.session.web.Caller;

/**
 * Sign-ins that outlive the short access token: started at login, refreshed (rotated) by the SPA,
 * ended by logout, everywhere at once by the user, an admin or a password change. Every decision
 * is audited.
 */
@ApplicationScoped
public class SignIns {

    public static final String REFRESH = "auth.refresh";

    private final Clock clock = Clock.systemUTC();
    private final RefreshTokens tokens;
    private final AccountService accounts;
    private final TokenIssuer issuer;
    private final AuditLog auditLog;
    private final Caller caller;
    private final AccessRevocations revocations;

    @Inject
    SignIns(MongoDatabase db, RefreshTokenConfig config, AccountService accounts, TokenIssuer issuer, AuditLog auditLog,
            Caller caller, AccessRevocations revocations) {
        this.tokens = new RefreshTokens(db.getCollection(RefreshTokens.COLLECTION, Document.class), config.lifetime(),
                config.retryGrace(), clock);
        this.accounts = accounts;
        this.issuer = issuer;
        this.auditLog = auditLog;
        this.caller = caller;
        this.revocations = revocations;
    }

    /** A fresh access token and the rotated cookie. */
    public record Refreshed(TokenResponse body, NewCookie cookie) {
    }

    /** The cookie of a new sign-in for a user whose password was just verified. */
    public NewCookie start(User user) {
        return cookie(tokens.issue(user.idText()));
    }

    /** @throws ProblemException 401 (the sign-in has ended) or 403 (account disabled); the caller clears the cookie */
    public Refreshed refresh(String presented) {
        if (presented == null || presented.isEmpty()) {
            auditLog.denied(REFRESH, "sign-in", null, "no refresh token");
            throw ended();
        }
        Rotation rotation = tokens.rotate(presented);
        if (!rotation.succeeded()) {
            String actor = rotation.userId() == null ? "anonymous" : rotation.userId();
            String reason = switch (rotation.failure()) {
                case UNKNOWN -> "unknown refresh token";
                case EXPIRED -> "refresh token expired";
                case REVOKED -> "sign-in revoked";
                case REUSED -> "rotated refresh token reused: the sign-in is revoked (possible theft)";
            };
            auditLog.record(actor, "", caller.clientIp(), REFRESH, resource(rotation.familyId()), null,
                    AuditLog.DENIED, reason, null);
            throw ended();
        }
        Optional<User> user = accounts.byId(rotation.userId());
        if (user.isEmpty() || user.get().disabled) {
            tokens.revokeUser(rotation.userId(), user.isEmpty() ? "account gone" : "account disabled");
            auditLog.record(rotation.userId(), user.map(u -> u.role).orElse(""), caller.clientIp(), REFRESH,
                    resource(rotation.familyId()), null, AuditLog.DENIED,
                    user.isEmpty() ? "account no longer exists" : "account disabled", null);
            throw user.isEmpty() ? ended()
                    : ProblemException.forbidden("account-disabled", "this account has been disabled; contact the practice");
        }
        auditLog.record(user.get().idText(), user.get().role, caller.clientIp(), REFRESH, resource(rotation.familyId()),
                null, AuditLog.ALLOWED, rotation.retried() ? "refresh token rotated again (its first answer was lost)"
                        : "refresh token rotated", null);
        return new Refreshed(TokenResponse.of(issuer, user.get()), cookie(rotation.next()));
    }

    /** Ends the sign-in the cookie belongs to (nothing to end without one). */
    public void logout(String presented) {
        Optional<String> owner = tokens.revokeFamilyOf(presented, "logout");
        auditLog.record(owner.orElse("anonymous"), caller.role(), caller.clientIp(), "auth.logout", "sign-in", null,
                AuditLog.ALLOWED, owner.isPresent() ? "signed out" : "no sign-in to end", null);
    }

    /** Ends every sign-in of the calling user, and the calls of their access tokens (AccessRevocations); how many were live. */
    public long logoutEverywhere() {
        long revoked = tokens.revokeUser(caller.userId(), "logout everywhere");
        revocations.revoke(caller.userId(), caller.role());
        auditLog.decision("auth.logout-all", "user:" + caller.userId(), null, AuditLog.ALLOWED,
                "signed out everywhere", Map.of("signInsRevoked", revoked));
        return revoked;
    }

    /**
     * An admin ends every sign-in of a user (a lost phone, a suspected break-in), and the calls and
     * relay credentials minted on their access tokens from now on; how many were live.
     */
    public long revokeFor(User user) {
        long revoked = tokens.revokeUser(user.idText(), "revoked by an admin");
        revocations.revoke(user.idText(), user.role);
        auditLog.decision("admin.users.revoke-sessions", "user:" + user.idText(), null, AuditLog.ALLOWED,
                "admin revoked the user's sign-ins", Map.of("signInsRevoked", revoked));
        return revoked;
    }

    /**
     * A changed or reset password ends every sign-in: whoever knew the old one is out. A reset from a
     * mailed link ends their access tokens too (a change keeps them: the device that made it goes on).
     */
    void onPasswordChanged(@Observes PasswordChanged event) {
        long revoked = tokens.revokeUser(event.userId(), "password changed");
        if (event.byResetLink()) {
            revocations.revoke(event.userId(), event.role());
        }
        auditLog.record(event.userId(), "", null, "auth.sign-ins.revoke", "user:" + event.userId(), null,
                AuditLog.ALLOWED, "password changed: every sign-in revoked", Map.of("signInsRevoked", revoked));
    }

    private NewCookie cookie(RefreshTokens.Issued issued) {
        return SignInCookie.of(issued.value(), issued.expiresAt(), clock.instant(), caller.overTls());
    }

    private static String resource(String familyId) {
        return familyId == null ? "sign-in" : "sign-in:" + familyId;
    }

    private static ProblemException ended() {
        return new ProblemException(401, "sign-in-ended", "Unauthorized", "your sign-in has ended; please sign in again", null);
    }
}
