package com.smilingsteps.session.booking;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.ProblemException;
import com.smilingsteps.session.web.QueryParams;

/** Bookings: clients book, participants view/cancel/reschedule, psychologists accept/decline, admins see all. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @Inject
    BookingService booking;

    @Inject
    SessionStore store;

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Inject
    AuditLog auditLog;

    public record BookRequest(@NotBlank @Size(max = 64) String psychologistId, @NotBlank @Size(max = 64) String sessionDate,
            @NotBlank String sessionType, Long price) {
    }

    public record RescheduleRequest(@NotBlank @Size(max = 64) String sessionDate) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.CLIENT)
    public Response book(@Valid @NotNull BookRequest request) {
        User client = accounts.require(caller.userId());
        Session session = booking.book(client, request.psychologistId(), request.sessionDate(), request.sessionType(),
                request.price());
        auditLog.allowed("session.book", "session:" + session.idText(), session.idText(), "client booked");
        return Response.status(201).entity(SessionView.of(session)).build();
    }

    @GET
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public List<SessionView> list(@QueryParam("status") String status, @QueryParam("clientId") String clientId,
            @QueryParam("psychologistId") String psychologistId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        List<Bson> filters = new ArrayList<>();
        if (caller.isAdmin()) {
            QueryParams.addEq(filters, "client.userId", clientId);
            QueryParams.addEq(filters, "psychologist.userId", psychologistId);
        } else if (User.PSYCHOLOGIST.equals(caller.role())) {
            filters.add(Filters.eq("psychologist.userId", caller.userId()));
        } else {
            filters.add(Filters.eq("client.userId", caller.userId()));
        }
        QueryParams.addEq(filters, "status", status);
        if (from != null) {
            filters.add(Filters.gte("sessionDate", QueryParams.instant("from", from)));
        }
        if (to != null) {
            filters.add(Filters.lt("sessionDate", QueryParams.instant("to", to)));
        }
        List<SessionView> found = new ArrayList<>();
        Session.collection().find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.ascending("sessionDate")).limit(500)
                .forEach(s -> found.add(SessionView.of(s)));
        if (caller.isAdmin()) {
            auditLog.allowed("admin.sessions.read", "sessions", null, "admin role");
        }
        return found;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView get(@PathParam("id") String id) {
        Session session = store.require(id);
        authorizeParticipantOrAdmin(session, "session.view");
        return SessionView.of(session);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView cancel(@PathParam("id") String id) {
        Session session = store.require(id);
        authorizeParticipantOrAdmin(session, "session.cancel");
        return SessionView.of(booking.cancel(session, caller.isAdmin() ? User.ADMIN : session.roleOf(caller.userId())));
    }

    @POST
    @Path("/{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView reschedule(@PathParam("id") String id, @Valid @NotNull RescheduleRequest request) {
        Session session = store.require(id);
        authorizeParticipantOrAdmin(session, "session.reschedule");
        return SessionView.of(booking.reschedule(session, request.sessionDate()));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(User.PSYCHOLOGIST)
    public SessionView accept(@PathParam("id") String id) {
        Session session = store.require(id);
        authorizePsychologist(session, "session.accept");
        return SessionView.of(booking.accept(session));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed(User.PSYCHOLOGIST)
    public SessionView decline(@PathParam("id") String id) {
        Session session = store.require(id);
        authorizePsychologist(session, "session.decline");
        return SessionView.of(booking.cancel(session, User.PSYCHOLOGIST));
    }

    private void authorizeParticipantOrAdmin(Session session, String action) {
        String resource = "session:" + session.idText();
        if (caller.isAdmin()) {
            auditLog.allowed(action, resource, session.idText(), "admin role");
        } else if (session.isParticipant(caller.userId())) {
            auditLog.allowed(action, resource, session.idText(), "participant");
        } else {
            auditLog.denied(action, resource, session.idText(), "not a participant");
            throw ProblemException.forbidden("not-participant", "you are not a participant of this session");
        }
    }

    private void authorizePsychologist(Session session, String action) {
        String resource = "session:" + session.idText();
        if (!caller.userId().equals(session.psychologist.userId)) {
            auditLog.denied(action, resource, session.idText(), "not this session's psychologist");
            throw ProblemException.forbidden("not-participant", "you are not this session's psychologist");
        }
        auditLog.allowed(action, resource, session.idText(), "session's psychologist");
    }

}
