package com.smilingsteps.session.signin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.signin.LogoutEverywhereResource.Revoked;

/** An admin ends every sign-in of a user (a lost phone, a suspected break-in). */
@Path("/api/admin/users/{id}/revoke-sessions")
public class AdminSignInsResource {

    private final SignIns signIns;
    private final AccountService accounts;

    AdminSignInsResource(SignIns signIns, AccountService accounts) {
        this.signIns = signIns;
        this.accounts = accounts;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.ADMIN)
    public Revoked revoke(@PathParam("id") String id) {
        User user = accounts.byId(id).orElseThrow(() -> ProblemException.notFound("user"));
        return new Revoked(signIns.revokeFor(user));
    }
}
