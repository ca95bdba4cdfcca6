package com.smilingsteps.session.refund;

import java.time.Instant;
import java.util.ArrayList;
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
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.booking.SessionView;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.kit.problem.ProblemException;

/** Admins list refunds (Due by default) and mark one done after paying it back in the M-Pesa portal. */
@Path("/api/admin/refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundsResource {

    private final SessionStore store;
    private final Caller caller;
    private final AuditLog auditLog;

    public RefundsResource(SessionStore store, Caller caller, AuditLog auditLog) {
        this.store = store;
        this.caller = caller;
        this.auditLog = auditLog;
    }

    @GET
    @RolesAllowed(User.ADMIN)
    public List<SessionView> list(@QueryParam("status") String status) {
        String wanted = status == null ? RefundPolicy.DUE : status;
        if (!RefundPolicy.DUE.equals(wanted) && !RefundPolicy.DONE.equals(wanted)) {
            throw ProblemException.badRequest("status", "status is Due or Done");
        }
        auditLog.allowed("admin.refunds.read", "refunds", null, "admin role");
        List<SessionView> found = new ArrayList<>();
        Session.collection().find(Filters.eq("refundStatus", wanted)).sort(Sorts.ascending("updatedAt")).limit(500)
                .forEach(s -> found.add(SessionView.of(s)));
        return found;
    }

    @POST
    @Path("/{sessionId}/done")
    @RolesAllowed(User.ADMIN)
    public SessionView done(@PathParam("sessionId") String sessionId) {
        Session session = store.require(sessionId);
        Session updated = store.update(session.id, Filters.eq("refundStatus", RefundPolicy.DUE),
                List.of(Updates.set("refundStatus", RefundPolicy.DONE), Updates.set("refundedBy", caller.userId()),
                        Updates.set("refundedAt", Instant.now())), null);
        if (updated == null) {
            throw ProblemException.conflict("refund-not-due", "this session has no refund due");
        }
        auditLog.allowed("admin.refunds.done", "session:" + sessionId, sessionId, "admin marked the refund done");
        return SessionView.of(updated);
    }
}
