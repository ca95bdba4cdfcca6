package com.smilingsteps.session.payment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.booking.SessionView;
import com.smilingsteps.session.web.Caller;

/** Paying for a session: the client's STK push or an admin's manual confirmation. */
@Path("/api/sessions/{id}/payment")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private final PaymentService payments;
    private final ManualConfirmations manualConfirmations;
    private final SessionStore store;
    private final Caller caller;
    private final AuditLog auditLog;

    PaymentResource(PaymentService payments, ManualConfirmations manualConfirmations, SessionStore store, Caller caller,
            AuditLog auditLog) {
        this.payments = payments;
        this.manualConfirmations = manualConfirmations;
        this.store = store;
        this.caller = caller;
        this.auditLog = auditLog;
    }

    public record StkRequest(@NotBlank @Size(max = 20) String phone) {
    }

    @POST
    @Path("/mpesa")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.CLIENT)
    public PaymentService.StkStarted stkPush(@PathParam("id") String id, @Valid @NotNull StkRequest request) {
        Session session = store.require(id);
        boolean payer = session.isGroup() ? session.seatOf(caller.userId()) != null : caller.userId().equals(session.client.userId);
        if (!payer) {
            auditLog.denied("payment.mpesa", "session:" + id, id,
                    session.isGroup() ? "holds no seat of this group session" : "not this session's client");
            throw ProblemException.forbidden("not-participant",
                    session.isGroup() ? "only a seat's client pays for it" : "only the session's client pays for it");
        }
        PaymentService.StkStarted started = payments.startStkPush(session, caller.userId(), request.phone());
        auditLog.allowed("payment.mpesa", "session:" + id, id, started.simulated() ? "simulated STK push" : "STK push sent");
        return started;
    }

    @POST
    @Path("/confirm")
    @RolesAllowed(User.ADMIN)
    public SessionView confirm(@PathParam("id") String id) {
        Session session = store.require(id);
        Session updated = manualConfirmations.confirm(session, caller.userId());
        auditLog.allowed("payment.confirm", "session:" + id, id, "admin confirmed payment by hand");
        return SessionView.of(updated);
    }
}
