package com.smilingsteps.session.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.ProblemException;

/** Daraja posts STK results here; the secret path segment is the callback's authentication. */
@Path("/api/payments/mpesa/callback")
@Produces(MediaType.APPLICATION_JSON)
public class MpesaCallbackResource {

    @Inject
    PaymentService payments;

    @Inject
    MpesaConfig config;

    @Inject
    Caller caller;

    @Inject
    AuditLog auditLog;

    /** Acknowledges in Daraja's format once applied (or already applied earlier). */
    @POST
    @Path("/{secret}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response callback(@PathParam("secret") String secret, JsonNode body) {
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                config.callbackSecret().getBytes(StandardCharsets.UTF_8))) {
            auditLog.record("anonymous", "", caller.clientIp(), "payment.callback", "mpesa-callback", null,
                    AuditLog.DENIED, "wrong callback secret", null);
            throw ProblemException.notFound("resource");
        }
        if (body == null) {
            throw ProblemException.badRequest("Body", "a Daraja callback body is required");
        }
        payments.applyCallback(body);
        return Response.ok(Map.of("ResultCode", 0, "ResultDesc", "Accepted")).build();
    }
}
