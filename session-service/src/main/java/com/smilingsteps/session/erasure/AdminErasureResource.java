package com.smilingsteps.session.erasure;

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
import jakarta.ws.rs.core.Response;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.ObjectIds;

/**
 * An admin erases an account for someone who asked the practice (by phone, in person): no
 * password, the reason recorded in the audit log. Their own account they erase as its owner.
 */
@Path("/api/admin/users/{id}/erase")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminErasureResource {

    private final AccountErasure erasure;
    private final AccountService accounts;
    private final Caller caller;

    AdminErasureResource(AccountErasure erasure, AccountService accounts, Caller caller) {
        this.erasure = erasure;
        this.accounts = accounts;
        this.caller = caller;
    }

    /** {@code reason}: the request it fulfils (how and when the person asked); no name or address in it. */
    public record AdminErasure(@NotBlank @Size(max = 300) String reason) {
    }

    @POST
    @RolesAllowed(User.ADMIN)
    public Response eraseOnRequest(@PathParam("id") String id, @Valid @NotNull AdminErasure request) {
        ObjectIds.parse(id, "user");
        if (id.equals(caller.userId())) {
            throw ProblemException.badRequest("id", "to erase your own account use Delete my account (your password is asked)");
        }
        if (erasure.isErased(id)) {
            return Response.noContent().build();
        }
        User user = accounts.byId(id).orElseThrow(() -> ProblemException.notFound("user"));
        erasure.erase(user, "admin", "on the person's request: " + request.reason().trim());
        return Response.noContent().build();
    }
}
