package com.smilingsteps.session.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.session.web.Caller;

/** Ends the sign-in of this browser (the refresh cookie's family); the access token may already have expired. */
@Path("/api/auth/logout")
public class LogoutResource {

    private final SignIns signIns;
    private final Caller caller;

    LogoutResource(SignIns signIns, Caller caller) {
        this.signIns = signIns;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response logout(@CookieParam(SignInCookie.NAME) String refreshToken) {
        signIns.logout(refreshToken);
        return Response.noContent().cookie(SignInCookie.cleared(caller.overTls())).build();
    }
}
