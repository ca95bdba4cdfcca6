package com.smilingsteps.session.refund;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.booking.SessionView;
import com.smilingsteps.session.web.Caller;

/**
 * Admins list refunds (Due by default), one per client payment owed, and mark one done after
 * paying it back in the M-Pesa portal: a one-to-one session's by the session, a group seat's by
 * the session and the seat's client.
 */
@Path("/api/admin/refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundsResource {

    private final SessionStore store;
    private final Refunds refunds;
    private final Caller caller;
    private final AuditLog auditLog;

    public RefundsResource(SessionStore store, Refunds refunds, Caller caller, AuditLog auditLog) {
        this.store = store;
        this.refunds = refunds;
        this.caller = caller;
        this.auditLog = auditLog;
    }

    @GET
    @RolesAllowed(User.ADMIN)
    public List<Refunds.RefundView> list(@QueryParam("status") String status) {
        String wanted = status == null ? RefundPolicy.DUE : status;
        if (!RefundPolicy.DUE.equals(wanted) && !RefundPolicy.DONE.equals(wanted)) {
            throw ProblemException.badRequest("status", "status is Due or Done");
        }
        auditLog.allowed("admin.refunds.read", "refunds", null, "admin role");
        return refunds.list(wanted);
    }

    /** A one-to-one session's refund; a group's are per seat. */
    @POST
    @Path("/{sessionId}/done")
    @RolesAllowed(User.ADMIN)
    public SessionView done(@PathParam("sessionId") String sessionId) {
        Session session = store.require(sessionId);
        if (session.isGroup()) {
            throw ProblemException.conflict("refund-per-seat",
                    "a group session's refunds are per seat: POST /api/admin/refunds/{sessionId}/seats/{clientId}/done");
        }
        Session updated = store.update(session.id, Filters.eq("refundStatus", RefundPolicy.DUE),
                List.of(Updates.set("refundStatus", RefundPolicy.DONE), Updates.set("refundedBy", caller.userId()),
                        Updates.set("refundedAt", Instant.now())), null);
        if (updated == null) {
            throw ProblemException.conflict("refund-not-due", "this session has no refund due");
        }
        auditLog.allowed("admin.refunds.done", "session:" + sessionId, sessionId, "admin marked the refund done");
        return SessionView.of(updated);
    }

    /** One group seat's refund (its client gave it up, or the group was cancelled). */
    @POST
    @Path("/{sessionId}/seats/{clientId}/done")
    @RolesAllowed(User.ADMIN)
    public Refunds.RefundView seatDone(@PathParam("sessionId") String sessionId, @PathParam("clientId") String clientId) {
        Session session = store.require(sessionId);
        Refunds.RefundView done = refunds.seatDone(session, clientId, caller.userId());
        auditLog.allowed("admin.refunds.done", "session:" + sessionId, sessionId, "admin marked a seat's refund done");
        return done;
    }
}
