package com.smilingsteps.session.joinlink;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bson.types.ObjectId;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.AccountTokens;
import com.smilingsteps.session.account.AuthResource.UserSummary;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.BookingConfig;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.joinlink.JoinLinkRules.Refusal;
import com.smilingsteps.session.token.TokenIssuer;
import com.smilingsteps.session.web.Caller;

/**
 * {@code POST /api/auth/join-link}: anyone may present a personal join link's token (the SPA's
 * {@code /join} page posts it). A link that may be used now is spent and answers an access token
 * limited to that session's call ({@code SessionScope}), valid until the call window closes, with
 * no refresh cookie; anything else is refused with what the person can do instead. Every use and
 * every refusal is audited, with the link's session and owner.
 */
@Path("/api/auth/join-link")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class JoinLinkResource {

    static final String ACTION = "auth.join-link";

    private final AccountTokens tokens;
    private final AccountService accounts;
    private final TokenIssuer issuer;
    private final BookingConfig booking;
    private final AuditLog auditLog;
    private final Caller caller;

    JoinLinkResource(AccountTokens tokens, AccountService accounts, TokenIssuer issuer, BookingConfig booking,
            AuditLog auditLog, Caller caller) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.issuer = issuer;
        this.booking = booking;
        this.auditLog = auditLog;
        this.caller = caller;
    }

    public record JoinLinkRequest(@NotBlank @Size(max = 200) String token) {
    }

    /** The login answer's shape, plus the one session this sign-in reaches. */
    public record SessionSignIn(String token, Instant expiresAt, UserSummary user, String sessionId, String scope) {
    }

    @POST
    @PermitAll
    public SessionSignIn use(@Valid @NotNull JoinLinkRequest request) {
        Optional<AccountTokens.Stored> found = tokens.find(request.token(), AccountTokens.JOIN_SESSION);
        if (found.isEmpty()) {
            throw refuse(JoinLinkRules.unknown(), null, "join-link");
        }
        AccountTokens.Stored link = found.get();
        Instant now = Instant.now();
        Session session = ObjectId.isValid(link.subject()) ? Session.findById(new ObjectId(link.subject())) : null;
        Refusal refusal = JoinLinkRules.decide(link, session, now, booking.timeZone());
        if (refusal != null) {
            throw refuse(refusal, link, "session:" + link.subject());
        }
        User user = accounts.byId(link.userId()).filter(u -> !u.disabled).orElse(null);
        if (user == null) {
            throw refuse(new Refusal(403, "account-disabled", "This account has been disabled; contact the practice.",
                    "account disabled or gone"), link, "session:" + link.subject());
        }
        if (!tokens.use(request.token(), now)) {
            // used (or withdrawn) between the check and now, by someone else
            throw refuse(new Refusal(410, "link-used",
                    "This join link has already been used. If it is yours, sign in to join your session.",
                    "join link used concurrently"), link, "session:" + link.subject());
        }
        TokenIssuer.Signed signed = issuer.sessionAccessToken(user.idText(), user.email, user.name, user.role,
                link.subject(), link.expiresAt(), user.accessRevokedAt);
        auditLog.record(user.idText(), user.role, caller.clientIp(), ACTION, "session:" + link.subject(), link.subject(),
                AuditLog.ALLOWED, "join link used: signed in for this session only", null);
        return new SessionSignIn(signed.token(), signed.expiresAt(), UserSummary.of(user), link.subject(), "session");
    }

    /** Audits the refusal (the person presenting the link is not known: it may have been forwarded). */
    private ProblemException refuse(Refusal refusal, AccountTokens.Stored link, String resource) {
        auditLog.record(AuditEvent.ANONYMOUS, AuditEvent.NO_ROLE, caller.clientIp(), ACTION, resource,
                link == null ? null : link.subject(), AuditLog.DENIED, refusal.reason(),
                link == null ? null : Map.of("linkOf", link.userId()));
        return new ProblemException(refusal.status(), refusal.slug(), title(refusal.status()), refusal.detail(), "token");
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 409 -> "Conflict";
            default -> "Gone";
        };
    }
}
