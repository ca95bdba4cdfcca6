package com.smilingsteps.session.account;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.rates.Rates;
import com.smilingsteps.session.web.Caller;

import io.quarkus.panache.common.Sort;

/** The caller's own account, the psychologist directory, and admin-created accounts. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    AccountService accounts;

    @Inject
    Caller caller;

    @Inject
    AuditLog auditLog;

    public record Me(String id, String name, String email, String role, String phone, List<String> specialties,
            String bio) {
    }

    public record PsychologistEntry(String id, String name, List<String> specialties, String bio, Rates rates) {
    }

    public record NewUserRequest(@NotBlank @Size(max = 200) String name,
            @NotBlank @ContactEmail String email,
            @NotBlank @Size(min = 8, max = 128) String password,
            @NotBlank String role,
            @Size(max = 20) String phone,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> specialties,
            @Size(max = 4000) String bio) {
    }

    @GET
    @Path("/users/me")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Me me() {
        User user = accounts.require(caller.userId());
        return new Me(user.idText(), user.name, user.email, user.role, accounts.phoneOf(user), user.specialties, user.bio);
    }

    @GET
    @Path("/psychologists")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public List<PsychologistEntry> psychologists() {
        List<User> found = User.list("role", Sort.ascending("name"), User.PSYCHOLOGIST);
        return found.stream()
                .map(u -> new PsychologistEntry(u.idText(), u.name, u.specialties == null ? List.of() : u.specialties, u.bio,
                        u.rates == null ? new Rates() : u.rates))
                .toList();
    }

    @POST
    @Path("/admin/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.ADMIN)
    public Response create(@Valid @NotNull NewUserRequest request) {
        User user = accounts.create(new AccountService.NewAccount(request.name(), request.email(), request.password(),
                request.phone(), request.role(), request.specialties(), request.bio()));
        auditLog.allowed("admin.users.create", "user:" + user.idText(), null, "admin created a " + user.role);
        return Response.status(201)
                .entity(new AuthResource.UserSummary(user.idText(), user.name, user.email, user.role)).build();
    }
}
