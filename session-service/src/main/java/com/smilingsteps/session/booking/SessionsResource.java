package com.smilingsteps.session.booking;


import jakarta.annotation.security.RolesAllowed;
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


import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.group.GroupSessions;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.kit.problem.ProblemException;

/** Bookings: clients book, participants view/cancel/reschedule, psychologists accept/decline, admins see all. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private final BookingService booking;
    private final SessionStore store;
    private final AccountService accounts;
    private final Caller caller;
    private final AuditLog auditLog;
    private final ClientQuota quota;
    private final BookingConfig config;
    private final SessionListing listing;
    private final GroupSessions groupSessions;
    private final ClientBookingGate bookingGate;

    public SessionsResource(BookingService booking, SessionStore store, AccountService accounts, Caller caller,
            AuditLog auditLog, ClientQuota quota, BookingConfig config, SessionListing listing, GroupSessions groupSessions,
            ClientBookingGate bookingGate) {
        this.groupSessions = groupSessions;
        this.bookingGate = bookingGate;
        this.listing = listing;
        this.booking = booking;
        this.store = store;
        this.accounts = accounts;
        this.caller = caller;
        this.auditLog = auditLog;
        this.quota = quota;
        this.config = config;
    }

    public record BookRequest(@NotBlank @Size(max = 64) String psychologistId, @NotBlank @Size(max = 64) String sessionDate,
            @NotBlank String sessionType, Long price, @Size(max = 64) String clientId) {
    }

    public record RescheduleRequest(@NotBlank @Size(max = 64) String sessionDate) {
    }

    /**
     * A client books a free slot for themself (within a daily budget); an admin books for the
     * client named by {@code clientId} (phone bookings) at any time the psychologist is free.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.CLIENT, User.ADMIN })
    public Response book(@Valid @NotNull BookRequest request) {
        boolean byAdmin = caller.isAdmin();
        User client;
        if (byAdmin) {
            client = accounts.byId(request.clientId()).filter(u -> User.CLIENT.equals(u.role) && !u.disabled)
                    .orElseThrow(() -> ProblemException.badRequest("clientId", "an admin books for a client: clientId names one"));
        } else {
            if (request.clientId() != null && !request.clientId().equals(caller.userId())) {
                throw ProblemException.badRequest("clientId", "clients book only for themselves");
            }
            client = bookingGate.admit(caller.userId(), "session.book", "sessions", null);
        }
        Session session = booking.book(client, request.psychologistId(), request.sessionDate(), request.sessionType(),
                request.price(), byAdmin);
        if (!byAdmin) {
            bookingGate.booked(client);
        }
        auditLog.allowed("session.book", "session:" + session.idText(), session.idText(),
                byAdmin ? "admin booked for the client" : "client booked");
        return Response.status(201).entity(SessionView.of(session)).build();
    }

    /**
     * One page of sessions (array body, total in {@code X-Total-Count}). Admins: everyone's, newest
     * first, filtered by status, paymentStatus, clientId, psychologistId, from, to. Others: their own.
     */
    @GET
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response list(@QueryParam("status") String status, @QueryParam("paymentStatus") String paymentStatus,
            @QueryParam("clientId") String clientId, @QueryParam("psychologistId") String psychologistId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("scope") String scope,
            @QueryParam("order") String order, @QueryParam("page") String page, @QueryParam("size") String size) {
        String ownerField = caller.isAdmin() ? null
                : User.PSYCHOLOGIST.equals(caller.role()) ? "psychologist.userId" : "client.userId";
        SessionListing.Page found = listing.list(new SessionListing.Query(ownerField, caller.userId(), status, paymentStatus,
                clientId, psychologistId, from, to, scope, order, page, size));
        if (caller.isAdmin()) {
            auditLog.allowed("admin.sessions.read", "sessions", null, "admin role");
        }
        return Response.ok(found.items().stream().map(this::seenByCaller).toList()).header("X-Total-Count", found.total()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView get(@PathParam("id") String id) {
        Session session = store.require(id);
        if (!caller.isAdmin() && !session.isParticipant(caller.userId()) && session.givenUpSeatOf(caller.userId()) != null) {
            // read-only: no seat, so no ticket, join link or room (those check isParticipant)
            auditLog.allowed("session.view", "session:" + id, id, "client who gave up their paid seat");
            return seenByCaller(SessionView.of(session));
        }
        authorizeParticipantOrAdmin(session, "session.view");
        return seenByCaller(SessionView.of(session));
    }

    /** A client sees only their own seat of a group session. */
    private SessionView seenByCaller(SessionView view) {
        return view.seenBy(caller);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView cancel(@PathParam("id") String id) {
        Session session = store.require(id);
        authorizeParticipantOrAdmin(session, "session.cancel");
        String cancelledBy = caller.isAdmin() ? User.ADMIN : session.roleOf(caller.userId());
        if (session.isGroup() && User.CLIENT.equals(cancelledBy)) {
            // a client cancels their own seat, never the others' session
            Session updated = limitedIfClient(() -> groupSessions.giveUpSeat(session, caller.userId()));
            auditLog.allowed("group-session.give-up", "session:" + id, id, "client gave up their own seat");
            return seenByCaller(SessionView.of(updated));
        }
        return SessionView.of(limitedIfClient(() -> booking.cancel(session, cancelledBy)));
    }

    @POST
    @Path("/{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public SessionView reschedule(@PathParam("id") String id, @Valid @NotNull RescheduleRequest request) {
        Session session = store.require(id);
        authorizeParticipantOrAdmin(session, "session.reschedule");
        if (session.isGroup() && User.CLIENT.equals(caller.role())) {
            auditLog.denied("session.reschedule", "session:" + id, id, "a group session is moved by its psychologist");
            throw ProblemException.forbidden("group-reschedule", "a group session is moved by its psychologist or the practice");
        }
        if (User.CLIENT.equals(caller.role())) {
            try {
                booking.requireClientMayMove(session);
            } catch (ProblemException refused) {
                // moving a paid session out of the no-refund period would turn no refund into a full one
                auditLog.denied("session.reschedule", "session:" + id, id, "paid session inside the no-refund period");
                throw refused;
            }
        }
        return SessionView.of(limitedIfClient(() -> booking.reschedule(session, request.sessionDate(), caller.isAdmin())));
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

    /** A client's cancellations and reschedules mail both parties, so they count against a daily budget. */
    private Session limitedIfClient(java.util.function.Supplier<Session> change) {
        if (!User.CLIENT.equals(caller.role())) {
            return change.get();
        }
        quota.require(caller.userId(), ClientQuota.CHANGE, config.clientChangesPerDay());
        Session changed = change.get();
        quota.record(caller.userId(), ClientQuota.CHANGE);
        return changed;
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
