package com.smilingsteps.session.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.web.Caller;

/**
 * The right of access: anyone signed in downloads what the practice holds about them, as one
 * document (this service's records plus the emails notification-service sent them).
 */
@Path("/api/users/me/export")
public class PrivacyResource {

    private final AccountService accounts;
    private final PersonalDataExport export;
    private final EmailsSentClient emailsSent;
    private final AuditLog auditLog;
    private final Caller caller;
    private final JsonWebToken jwt;

    PrivacyResource(AccountService accounts, PersonalDataExport export, EmailsSentClient emailsSent, AuditLog auditLog,
            Caller caller, JsonWebToken jwt) {
        this.accounts = accounts;
        this.export = export;
        this.emailsSent = emailsSent;
        this.auditLog = auditLog;
        this.caller = caller;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@HeaderParam("X-Request-Id") String requestId) {
        User user = accounts.require(caller.userId());
        PersonalData data = export.of(user, emailsSent.emailsTo(jwt.getRawToken(), caller.clientIp(), requestId));
        auditLog.allowed("privacy.export", "user:" + user.idText(), null, "own data");
        return Response.ok(data).header("Content-Disposition", "attachment; filename=\"my-data.json\"")
                .header("Cache-Control", "no-store").build();
    }
}
