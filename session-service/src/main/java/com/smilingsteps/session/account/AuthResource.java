package com.smilingsteps.session.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
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

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.signin.SignIns;
import com.smilingsteps.session.token.TokenIssuer;
import com.smilingsteps.session.web.Caller;

/**
 * Self-registration of clients (answered the same whether or not the address has an account; the
 * verification link signs in, {@link VerificationResource}) and login for everyone.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final LoginThrottle throttle = LoginThrottle.defaults(Clock.systemUTC());
    private final AccountService accounts;
    private final Registration registration;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final AuditLog auditLog;
    private final Caller caller;
    private final SignIns signIns;

    AuthResource(AccountService accounts, Registration registration, PasswordHasher hasher, TokenIssuer tokens,
            AuditLog auditLog, Caller caller, SignIns signIns) {
        this.accounts = accounts;
        this.registration = registration;
        this.hasher = hasher;
        this.tokens = tokens;
        this.auditLog = auditLog;
        this.caller = caller;
        this.signIns = signIns;
    }

    public record RegisterRequest(@NotBlank @Size(max = 200) String name,
            @NotBlank @ContactEmail String email,
            @NotBlank @Size(min = PasswordPolicy.MIN, max = PasswordPolicy.MAX) String password,
            @Size(max = 20) String phone,
            @Size(max = 40) String privacyNotice) {
    }

    /** The one answer to every accepted registration, new address or not. */
    public record RegistrationAccepted(String detail) {
        static final RegistrationAccepted CHECK_EMAIL = new RegistrationAccepted(
                "Check your email: we have sent a message to this address. Open its link to finish signing up.");
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    /**
     * {@code passwordChangeDue}: an admin still using the deployment's bootstrap password (the SPA reminds them).
     * {@code privacyConsentDue}: an account the practice created whose owner has not accepted the privacy
     * notice yet (the change-password form asks for it).
     */
    public record UserSummary(String id, String name, String email, String role, boolean emailVerified,
            boolean passwordChangeDue, boolean privacyConsentDue) {
        public static UserSummary of(User user) {
            return new UserSummary(user.idText(), user.name, user.email, user.role, user.verified(), user.bootstrapPassword,
                    user.privacyConsent == null);
        }
    }

    /** The answer to a login and to a refresh: a fresh access token and who it is for. */
    public record TokenResponse(String token, Instant expiresAt, UserSummary user) {
        public static TokenResponse of(TokenIssuer tokens, User user) {
            TokenIssuer.Signed signed = tokens.accessToken(user.idText(), user.email, user.name, user.role,
                    user.accessRevokedAt);
            return new TokenResponse(signed.token(), signed.expiresAt(), UserSummary.of(user));
        }
    }

    @POST
    @Path("/register")
    @PermitAll
    public Response register(@Valid @NotNull RegisterRequest request) {
        registration.register(new AccountService.NewAccount(request.name(), request.email(), request.password(),
                request.phone(), User.CLIENT, null, null), request.privacyNotice(), caller.clientIp());
        return Response.status(202).entity(RegistrationAccepted.CHECK_EMAIL).build();
    }

    @POST
    @Path("/login")
    @PermitAll
    public Response login(@Valid @NotNull LoginRequest request) {
        String ip = caller.clientIp();
        String accountKey = AccountService.emailKey(request.email());
        String addressKey = String.valueOf(ip);
        Duration wait = throttle.waitFor(accountKey, addressKey);
        if (!wait.isZero()) {
            auditLog.record("anonymous", "", ip, "auth.login", "login", null, AuditLog.DENIED,
                    "throttled after repeated failures", null);
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw ProblemException.tooManyRequests("too-many-attempts", "Too many attempts",
                    "too many failed logins; try again in " + seconds + " s", seconds);
        }
        User user = accounts.byEmail(request.email()).orElse(null);
        boolean ok = hasher.matches(request.password(), user == null ? null : user.passwordHash);
        if (!ok) {
            throttle.failed(accountKey, addressKey);
            auditLog.record(user == null ? "anonymous" : user.idText(), user == null ? "" : user.role, ip,
                    "auth.login", "login", null, AuditLog.DENIED,
                    user == null ? "unknown email" : "wrong password", null);
            throw new ProblemException(401, "invalid-credentials", "Unauthorized", "invalid email or password", null);
        }
        throttle.succeeded(accountKey, addressKey);
        if (user.disabled) {
            // said only after the right password: a disabled account's existence is no secret to its owner
            auditLog.record(user.idText(), user.role, ip, "auth.login", "user:" + user.idText(), null, AuditLog.DENIED,
                    "account disabled", null);
            throw ProblemException.forbidden("account-disabled", "this account has been disabled; contact the practice");
        }
        auditLog.record(user.idText(), user.role, ip, "auth.login", "user:" + user.idText(), null, AuditLog.ALLOWED,
                "password verified", null);
        // the access token in the body, the sign-in (refresh token) in an HttpOnly cookie
        return Response.ok(tokenFor(user)).cookie(signIns.start(user)).build();
    }

    /** The throttle's buckets are keyed by address: an erased account's go with it. */
    void onErased(@Observes AccountErased erased) {
        throttle.forget(erased.emailKey());
    }

    private TokenResponse tokenFor(User user) {
        return TokenResponse.of(tokens, user);
    }
}
