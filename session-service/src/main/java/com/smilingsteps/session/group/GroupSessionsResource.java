package com.smilingsteps.session.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.ClientBookingGate;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.booking.SessionStore;
import com.smilingsteps.session.booking.SessionView;
import com.smilingsteps.session.payment.ManualConfirmations;
import com.smilingsteps.session.web.Caller;

/**
 * Group sessions: a psychologist opens one for themself (an admin for any psychologist); any
 * signed-in user lists the open ones with the seats left; a client books a seat and then pays it
 * through {@code /api/sessions/{id}/payment/mpesa}; an admin may confirm a seat's payment by hand.
 * A seat's holder sees the session through {@code /api/sessions} like any participant.
 */
@Path("/api/group-sessions")
@Produces(MediaType.APPLICATION_JSON)
public class GroupSessionsResource {

    private final GroupSessions groups;
    private final SessionStore store;
    private final AccountService accounts;
    private final Caller caller;
    private final AuditLog auditLog;
    private final ClientBookingGate bookingGate;
    private final ManualConfirmations manualConfirmations;

    GroupSessionsResource(GroupSessions groups, SessionStore store, AccountService accounts, Caller caller, AuditLog auditLog,
            ClientBookingGate bookingGate, ManualConfirmations manualConfirmations) {
        this.groups = groups;
        this.store = store;
        this.accounts = accounts;
        this.caller = caller;
        this.auditLog = auditLog;
        this.bookingGate = bookingGate;
        this.manualConfirmations = manualConfirmations;
    }

    public record CreateRequest(@NotBlank @Size(max = 120) String title, @NotNull Integer capacity,
            @NotBlank @Size(max = 64) String sessionDate, @Size(max = 64) String psychologistId) {
    }

    /** An open group session as the directory shows it: no client's name, only the seats left. */
    public record OpenGroupSession(String id, String title, int capacity, int seatsLeft, Instant sessionDate, long price,
            SessionView.PartyView psychologist, boolean booked) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.PSYCHOLOGIST, User.ADMIN })
    public Response create(@Valid @NotNull CreateRequest request) {
        boolean byAdmin = caller.isAdmin();
        String psychologistId = byAdmin ? request.psychologistId() : caller.userId();
        if (!byAdmin && request.psychologistId() != null && !request.psychologistId().equals(caller.userId())) {
            auditLog.denied("group-session.create", "sessions", null, "a psychologist opens group sessions for themself only");
            throw ProblemException.forbidden("not-own-session", "psychologists open group sessions for themselves only");
        }
        User psychologist = accounts.byId(psychologistId).filter(u -> User.PSYCHOLOGIST.equals(u.role) && !u.disabled)
                .orElseThrow(() -> ProblemException.badRequest("psychologistId", "no psychologist with this id"));
        Session session = groups.create(psychologist, request.title(), request.capacity(), request.sessionDate(), byAdmin);
        auditLog.allowed("group-session.create", "session:" + session.idText(), session.idText(),
                byAdmin ? "admin opened it for the psychologist" : "psychologist opened it");
        return Response.status(201).entity(SessionView.of(session)).build();
    }

    /** Group sessions still taking bookings (not started, a seat free, not cancelled), soonest first. */
    @GET
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public List<OpenGroupSession> open(@QueryParam("psychologistId") String psychologistId) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.exists("capacity"), Filters.in("status", SessionStatus.CHANGEABLE),
                Filters.gt("sessionDate", Instant.now())));
        if (psychologistId != null) {
            filters.add(Filters.eq("psychologist.userId", psychologistId));
        }
        List<OpenGroupSession> open = new ArrayList<>();
        Session.collection().find(Filters.and(filters)).sort(Sorts.ascending("sessionDate")).limit(200).forEach(s -> {
            if (s.seatsTaken < s.capacity) {
                open.add(new OpenGroupSession(s.idText(), s.title, s.capacity, s.capacity - s.seatsTaken, s.sessionDate, s.price,
                        new SessionView.PartyView(s.psychologist.userId, s.psychologist.name, null),
                        s.seatOf(caller.userId()) != null));
            }
        });
        return open;
    }

    /** The calling client takes a seat, held unpaid for the payment hold (within their daily booking budget). */
    @POST
    @Path("/{id}/seats")
    @RolesAllowed(User.CLIENT)
    public Response bookSeat(@PathParam("id") String id) {
        Session session = requireGroup(id);
        String resource = "session:" + session.idText();
        User client = bookingGate.admit(caller.userId(), "group-session.seat", resource, session.idText());
        Session updated = groups.bookSeat(session, client);
        bookingGate.booked(client);
        auditLog.allowed("group-session.seat", resource, session.idText(), "client booked a seat");
        return Response.status(201).entity(SessionView.of(updated).seenBy(client.idText())).build();
    }

    /** An admin records a seat paid outside M-Pesa (cash, bank transfer). */
    @POST
    @Path("/{id}/seats/{clientId}/payment/confirm")
    @RolesAllowed(User.ADMIN)
    public SessionView confirmSeat(@PathParam("id") String id, @PathParam("clientId") String clientId) {
        Session session = requireGroup(id);
        Session updated = manualConfirmations.confirmSeat(session, clientId, caller.userId());
        auditLog.allowed("payment.confirm", "session:" + id, id, "admin confirmed a seat's payment by hand");
        return SessionView.of(updated);
    }

    private Session requireGroup(String id) {
        Session session = store.require(id);
        if (!session.isGroup()) {
            throw ProblemException.notFound("group session");
        }
        return session;
    }
}
