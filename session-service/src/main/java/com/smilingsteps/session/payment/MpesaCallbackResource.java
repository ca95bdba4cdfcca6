package com.smilingsteps.session.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.web.Caller;

/**
 * Daraja posts STK results here. The secret path segment only proves the caller knows our
 * callback URL; the payment is settled by what Daraja's STK Push Query answers. The path is kept
 * out of the access log ({@link CallbackAccessLog} logs it masked).
 */
@Path(MpesaCallbackResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class MpesaCallbackResource {

    public static final String PATH = "/api/payments/mpesa/callback";

    private final PaymentService payments;
    private final MpesaConfig config;
    private final Caller caller;
    private final AuditLog auditLog;

    public MpesaCallbackResource(PaymentService payments, MpesaConfig config, Caller caller, AuditLog auditLog) {
        this.payments = payments;
        this.config = config;
        this.caller = caller;
        this.auditLog = auditLog;
    }

    /** Acknowledges in Daraja's format once handled (or already handled earlier). */
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
        payments.applyCallback(StkCallback.parse(body), caller.clientIp());
        return Response.ok(Map.of("ResultCode", 0, "ResultDesc", "Accepted")).build();
    }
}
