package com.smilingsteps.session.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
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
import com.smilingsteps.session.web.Caller;

/**
 * Changing a password (signed in, current password required) and resetting a forgotten one by a
 * mailed link. The reset request answers 202 whatever the address, so it tells nobody who has an
 * account; it is limited per client address (429) and per account (silently: no more mails).
 * Every new password fires {@link PasswordChanged} (sign-ins elsewhere end) and ends open reset links.
 * Whoever has not accepted the privacy notice (accounts the practice created) accepts it with their
 * first password; it is recorded and exported like sign-up consent.
 */
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private static final Duration HOUR = Duration.ofHours(1);

    private final AccountService accounts;
    private final AccountTokens tokens;
    private final AccountMailer mailer;
    private final MailQuota quota;
    private final AccountConfig config;
    private final CurrentPassword currentPassword;
    private final Event<PasswordChanged> passwordChanged;
    private final SignIns signIns;
    private final AuditLog auditLog;
    private final Caller caller;

    PasswordResource(AccountService accounts, AccountTokens tokens, AccountMailer mailer, MailQuota quota,
            AccountConfig config, CurrentPassword currentPassword, Event<PasswordChanged> passwordChanged, AuditLog auditLog,
            Caller caller, SignIns signIns) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.mailer = mailer;
        this.quota = quota;
        this.config = config;
        this.currentPassword = currentPassword;
        this.passwordChanged = passwordChanged;
        this.auditLog = auditLog;
        this.caller = caller;
        this.signIns = signIns;
    }

    public record ResetRequest(@NotBlank @Size(max = 254) String email) {
    }

    /**
     * {@code privacyNotice}: the version of the privacy notice accepted with the new password, required
     * from whoever has accepted none yet (accounts the practice created; {@link PrivacyConsent#onNewPassword}).
     */
    public record NewPassword(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = PasswordPolicy.MAX) String password,
            @Size(max = 40) String privacyNotice) {
    }

    /** {@code privacyNotice} as for {@link NewPassword} (the bootstrap admin's first change records it). */
    public record ChangeRequest(@NotBlank @Size(max = PasswordPolicy.MAX) String currentPassword,
            @NotBlank @Size(max = PasswordPolicy.MAX) String newPassword, @Size(max = 40) String privacyNotice) {
    }

    /** The one answer to every reset request. */
    public record ResetAccepted(String detail) {
        static final ResetAccepted CHECK_EMAIL = new ResetAccepted(
                "If this address has an account, we have sent it a link to set a new password. The link works for 30 minutes.");
    }

    @POST
    @Path("/password-reset")
    @PermitAll
    public Response requestReset(@Valid @NotNull ResetRequest request) {
        String ip = caller.clientIp();
        String addressKey = "reset|address|" + ip;
        if (!quota.allows(addressKey, config.resetsPerAddressPerHour(), HOUR)) {
            auditLog.record("anonymous", "", ip, "auth.password-reset", "password-reset", null, AuditLog.DENIED,
                    "hourly limit of this address reached", null);
            throw ProblemException.tooManyRequests("too-many-requests", "Too many requests",
                    "too many password-reset requests from here; try again later", HOUR.toSeconds());
        }
        quota.record(addressKey);
        User user = accounts.byEmail(request.email()).filter(u -> !u.disabled).orElse(null);
        if (user == null) {
            auditLog.record("anonymous", "", ip, "auth.password-reset", "password-reset", null, AuditLog.DENIED,
                    "no enabled account with this address; nothing sent", null);
        } else if (!quota.allows("reset|account|" + user.idText(), config.mailsPerAccountPerHour(), HOUR)) {
            auditLog.record("anonymous", "", ip, "auth.password-reset", "user:" + user.idText(), null, AuditLog.DENIED,
                    "hourly limit of this account reached; nothing sent", null);
        } else {
            quota.record("reset|account|" + user.idText());
            mailer.passwordReset(user);
            auditLog.record("anonymous", "", ip, "auth.password-reset", "user:" + user.idText(), null, AuditLog.ALLOWED,
                    "reset link mailed to the account's address", null);
        }
        return Response.status(202).entity(ResetAccepted.CHECK_EMAIL).build();
    }

    /** Sets the password from a reset or invitation link (which also proves the address). */
    @POST
    @Path("/password-reset/confirm")
    @PermitAll
    public Response confirmReset(@Valid @NotNull NewPassword request) {
        PasswordPolicy.require(request.password(), "password"); // before the link is used up
        // so is the consent an account the practice created gives with its first password (a spent link is
        // refused below for being spent)
        Instant now = Instant.now();
        AccountTokens.SETS_PASSWORD.stream().flatMap(purpose -> tokens.find(request.token(), purpose).stream())
                .filter(link -> !link.used() && !link.withdrawn() && link.expiresAt().isAfter(now)).findFirst()
                .flatMap(link -> accounts.byId(link.userId()))
                .ifPresent(owner -> PrivacyConsent.onNewPassword(owner, request.privacyNotice(), now));
        // a reset (someone may have the old password) ends the access tokens too; an invitation's first password does not
        boolean reset = tokens.find(request.token(), AccountTokens.RESET_PASSWORD).isPresent();
        String userId;
        try {
            userId = tokens.redeem(request.token(), AccountTokens.SETS_PASSWORD);
        } catch (ProblemException e) {
            auditLog.record("anonymous", "", caller.clientIp(), "auth.password-reset.confirm", "password-reset", null,
                    AuditLog.DENIED, e.slug(), null);
            throw e;
        }
        User user = accounts.byId(userId).orElseThrow(() -> ProblemException.notFound("account"));
        if (user.disabled) {
            auditLog.record(user.idText(), user.role, caller.clientIp(), "auth.password-reset.confirm",
                    "user:" + user.idText(), null, AuditLog.DENIED, "account disabled", null);
            throw ProblemException.forbidden("account-disabled", "this account has been disabled; contact the practice");
        }
        newPassword(user, request.password(), true, reset, PrivacyConsent.onNewPassword(user, request.privacyNotice(), now));
        auditLog.record(user.idText(), user.role, caller.clientIp(), "auth.password-reset.confirm", "user:" + user.idText(),
                null, AuditLog.ALLOWED, "password set from a mailed link", null);
        return Response.noContent().build();
    }

    @POST
    @Path("/password")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response change(@Valid @NotNull ChangeRequest request) {
        User user = accounts.require(caller.userId());
        currentPassword.require(user, request.currentPassword(), "auth.password.change", "currentPassword");
        PasswordPolicy.require(request.newPassword(), "newPassword");
        newPassword(user, request.newPassword(), false, false,
                PrivacyConsent.onNewPassword(user, request.privacyNotice(), Instant.now()));
        auditLog.allowed("auth.password.change", "user:" + user.idText(), null, "current password verified");
        // every sign-in ended with the old password; this device, which just proved the current one, gets a new one
        return Response.noContent().cookie(signIns.start(user)).build();
    }

    private void newPassword(User user, String password, boolean provesAddress, boolean byResetLink,
            PrivacyConsent consent) {
        accounts.setPassword(user, password, provesAddress, consent);
        tokens.expire(user.idText(), List.of(AccountTokens.RESET_PASSWORD));
        passwordChanged.fire(new PasswordChanged(user.idText(), user.role, byResetLink));
    }
}
