package com.smilingsteps.session.useradmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.account.AccountMailer;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.PasswordPolicy;
import com.smilingsteps.session.account.AuthResource;
import com.smilingsteps.session.account.ContactEmail;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.booking.BookingService;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.session.group.GroupSessions;
import com.smilingsteps.session.outbox.OutboxRelay;
import com.smilingsteps.session.signin.AccessRevocations;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.ObjectIds;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.QueryParams;

/**
 * Admins create accounts (without a password: the person is mailed an invitation link to set their
 * own, which also verifies the address; with one: verified, the practice vouching for the address), page through them (search by name or email, filter by role) and disable or re-enable
 * one. Disabling cancels the account's future sessions (as the practice: both parties are told,
 * paid ones are refunded), releases its unpaid group seats (its paid ones stay, counted in the
 * answer and the audit for the practice to refund) and stops its sign-in.
 */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    private final AccountService accounts;
    private final BookingService booking;
    private final Caller caller;
    private final AuditLog auditLog;
    private final AccountMailer mailer;
    private final OutboxRelay relay;
    private final GroupSessions groups;
    private final AccessRevocations revocations;

    public AdminUsersResource(AccountService accounts, BookingService booking, Caller caller, AuditLog auditLog,
            AccountMailer mailer, OutboxRelay relay, GroupSessions groups, AccessRevocations revocations) {
        this.groups = groups;
        this.revocations = revocations;
        this.accounts = accounts;
        this.mailer = mailer;
        this.relay = relay;
        this.booking = booking;
        this.caller = caller;
        this.auditLog = auditLog;
    }

    public record NewUserRequest(@NotBlank @Size(max = 200) String name,
            @NotBlank @ContactEmail String email,
            @Size(min = PasswordPolicy.MIN, max = PasswordPolicy.MAX) String password,
            @NotBlank String role,
            @Size(max = 20) String phone,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> specialties,
            @Size(max = 4000) String bio,
            @Size(max = 10) List<@NotBlank @Size(max = 50) String> languages) {
    }

    public record UserRow(String id, String name, String email, String role, boolean disabled, Instant createdAt) {
        static UserRow of(User u) {
            return new UserRow(u.idText(), u.name, u.email, u.role, u.disabled, u.createdAt);
        }
    }

    public record UserPage(List<UserRow> items, int page, int size, long total) {
    }

    /** {@code groupSeatsReleased}: unpaid group seats freed; {@code paidGroupSeatsKept}: paid ones left for the practice to refund. */
    public record Disabled(UserRow user, int sessionsCancelled, int groupSeatsReleased, int paidGroupSeatsKept) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.ADMIN)
    public Response create(@Valid @NotNull NewUserRequest request) {
        boolean invite = request.password() == null;
        if (!invite) {
            PasswordPolicy.require(request.password(), "password");
        }
        AccountService.NewAccount account = new AccountService.NewAccount(request.name(), request.email(),
                request.password(), request.phone(), request.role(), request.specialties(), request.bio());
        User user = invite ? accounts.createUnverified(account, mailer::invitationFor) : accounts.create(account);
        if (invite) {
            relay.nudge();
        }
        if (request.languages() != null && !request.languages().isEmpty()) {
            User.mongoCollection().updateOne(com.mongodb.client.model.Filters.eq("_id", user.id),
                    Updates.set("languages", List.copyOf(request.languages())));
        }
        auditLog.allowed("admin.users.create", "user:" + user.idText(), null, "admin created a " + user.role
                + (invite ? "; invitation mailed" : " with a password"));
        return Response.status(201).entity(AuthResource.UserSummary.of(user)).build();
    }

    @GET
    @RolesAllowed(User.ADMIN)
    public UserPage list(@QueryParam("q") String query, @QueryParam("role") String role,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        int page = pageParam == null ? 0 : QueryParams.integer("page", pageParam);
        int size = sizeParam == null ? 50 : QueryParams.integer("size", sizeParam);
        if (page < 0 || size < 1 || size > 200) {
            throw ProblemException.badRequest(page < 0 ? "page" : "size", "page from 0, size 1 to 200");
        }
        List<Bson> filters = new ArrayList<>();
        QueryParams.addEq(filters, "role", role);
        if (query != null && !query.isBlank()) {
            String literal = Pattern.quote(query.trim());
            filters.add(Filters.or(Filters.regex("name", literal, "i"), Filters.regex("emailKey", literal, "i")));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<UserRow> items = new ArrayList<>();
        User.mongoCollection().find(filter).sort(Sorts.orderBy(Sorts.ascending("name"), Sorts.ascending("_id")))
                .skip(QueryParams.skip(page, size)).limit(size).forEach(u -> items.add(UserRow.of((User) u)));
        auditLog.allowed("admin.users.read", "users", null, "admin role");
        return new UserPage(items, page, size, User.mongoCollection().countDocuments(filter));
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(User.ADMIN)
    public Disabled disable(@PathParam("id") String id) {
        if (id.equals(caller.userId())) {
            throw ProblemException.badRequest("id", "admins cannot disable their own account");
        }
        User user = setDisabled(id, true);
        // an open call ends now, not when the access token expires, and no relay credential is minted
        revocations.revoke(user.idText(), user.role);
        int cancelled = 0;
        List<Session> future = new ArrayList<>();
        Session.collection().find(Filters.and(Filters.or(Filters.eq("client.userId", id), Filters.eq("psychologist.userId", id)),
                Filters.in("status", SessionStatus.CHANGEABLE), Filters.gt("sessionDate", Instant.now()))).forEach(future::add);
        for (Session session : future) {
            try {
                booking.cancel(session, User.ADMIN);
                cancelled++;
            } catch (ProblemException changedMeanwhile) {
                // started, cancelled or paid meanwhile: what happened to it stands
            }
        }
        GroupSessions.Released seats = groups.releaseUnpaidSeatsOf(id);
        auditLog.allowed("admin.users.disable", "user:" + id, null, "admin disabled the account; "
                + cancelled + " future session(s) cancelled; " + seats.released() + " unpaid group seat(s) released, "
                + seats.paidKept() + " paid group seat(s) kept (refund by hand if due)");
        return new Disabled(UserRow.of(user), cancelled, seats.released(), seats.paidKept());
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(User.ADMIN)
    public UserRow enable(@PathParam("id") String id) {
        User user = setDisabled(id, false);
        auditLog.allowed("admin.users.enable", "user:" + id, null, "admin enabled the account");
        return UserRow.of(user);
    }

    private User setDisabled(String id, boolean disabled) {
        User user = (User) User.mongoCollection().findOneAndUpdate(Filters.eq("_id", ObjectIds.parse(id, "user")),
                Updates.combine(Updates.set("disabled", disabled), Updates.set("disabledBy", disabled ? caller.userId() : null),
                        Updates.set("disabledAt", disabled ? Instant.now() : null)),
                new com.mongodb.client.model.FindOneAndUpdateOptions()
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        if (user == null) {
            throw ProblemException.notFound("user");
        }
        return user;
    }
}
