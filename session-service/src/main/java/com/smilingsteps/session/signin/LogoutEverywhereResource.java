package com.smilingsteps.session.signin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.session.account.User;
import com.smilingsteps.session.web.Caller;

/** "Sign out everywhere": ends every sign-in of the calling user (access tokens lapse within their lifetime). */
@Path("/api/auth/logout-all")
public class LogoutEverywhereResource {

    private final SignIns signIns;
    private final Caller caller;

    LogoutEverywhereResource(SignIns signIns, Caller caller) {
        this.signIns = signIns;
        this.caller = caller;
    }

    public record Revoked(long signInsRevoked) {
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response logoutEverywhere() {
        long revoked = signIns.logoutEverywhere();
        return Response.ok(new Revoked(revoked)).cookie(SignInCookie.cleared(caller.overTls())).build();
    }
}
