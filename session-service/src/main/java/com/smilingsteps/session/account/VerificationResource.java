package com.smilingsteps.session.account;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.signin.SignIns;
import com.smilingsteps.session.token.TokenIssuer;
import com.smilingsteps.session.web.Caller;

/**
 * The verification link of a new account: opening it (the SPA posts its token) proves the address
 * and signs in. Anyone may present a token; a signed-in, unverified account may ask for a new link.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private static final Duration RESEND_WINDOW = Duration.ofHours(1);

    private final AccountService accounts;
    private final AccountTokens tokens;
    private final AccountMailer mailer;
    private final MailQuota quota;
    private final AccountConfig config;
    private final TokenIssuer issuer;
    private final AuditLog auditLog;
    private final Caller caller;
    private final SignIns signIns;

    VerificationResource(AccountService accounts, AccountTokens tokens, AccountMailer mailer, MailQuota quota,
            AccountConfig config, TokenIssuer issuer, AuditLog auditLog, Caller caller, SignIns signIns) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mailer = mailer;
        this.quota = quota;
        this.config = config;
        this.issuer = issuer;
        this.auditLog = auditLog;
        this.caller = caller;
        this.signIns = signIns;
    }

    public record VerifyRequest(@NotBlank @Size(max = 200) String token) {
    }

    public record Resent(String detail) {
    }

    @POST
    @Path("/verify-email")
    @PermitAll
    public Response verify(@Valid @NotNull VerifyRequest request) {
        String userId;
        try {
            userId = tokens.redeem(request.token(), List.of(AccountTokens.VERIFY_EMAIL));
        } catch (ProblemException e) {
            auditLog.record("anonymous", "", caller.clientIp(), "auth.verify-email", "verification", null, AuditLog.DENIED,
                    e.slug(), null);
            throw e;
        }
        User user = accounts.byId(userId).orElseThrow(() -> ProblemException.notFound("account"));
        if (user.disabled) {
            auditLog.record(user.idText(), user.role, caller.clientIp(), "auth.verify-email", "user:" + user.idText(), null,
                    AuditLog.DENIED, "account disabled", null);
            throw ProblemException.forbidden("account-disabled", "this account has been disabled; contact the practice");
        }
        User.mongoCollection().updateOne(Filters.eq("_id", user.id), Updates.set("emailVerified", true));
        user.emailVerified = true;
        auditLog.record(user.idText(), user.role, caller.clientIp(), "auth.verify-email", "user:" + user.idText(), null,
                AuditLog.ALLOWED, "verification link opened; signed in", null);
        // signed in as by a login: the access token in the body, the sign-in in its cookie
        return Response.ok(AuthResource.TokenResponse.of(issuer, user)).cookie(signIns.start(user)).build();
    }

    /** A new verification link for the signed-in account, at most a few per hour. */
    @POST
    @Path("/resend-verification")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response resend() {
        User user = accounts.require(caller.userId());
        if (user.verified()) {
            throw ProblemException.conflict("already-verified", "this address is already verified");
        }
        String key = "verify|account|" + user.idText();
        if (!quota.allows(key, config.mailsPerAccountPerHour(), RESEND_WINDOW)) {
            auditLog.denied("auth.verify-email.resend", "user:" + user.idText(), null, "hourly limit reached");
            throw ProblemException.tooManyRequests("too-many-mails", "Too many requests",
                    "we have sent several links in the last hour; please check your inbox and spam folder, or try again later",
                    RESEND_WINDOW.toSeconds());
        }
        quota.record(key);
        mailer.verification(user);
        auditLog.allowed("auth.verify-email.resend", "user:" + user.idText(), null, "new verification link mailed");
        return Response.status(202).entity(new Resent("We have sent a new link to " + user.email + ".")).build();
    }
}
