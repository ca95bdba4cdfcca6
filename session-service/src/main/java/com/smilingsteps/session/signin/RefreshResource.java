package com.smilingsteps.session.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.kit.problem.Problem;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.Caller;

/**
 * A new access token for the refresh cookie, which is rotated. Authenticated by the cookie alone
 * (the access token may have expired): SameSite=Strict keeps other sites' pages from sending it,
 * and JSON-only requests keep plain cross-site form posts out. Each sign-in route has its own
 * class: Quarkus REST routes a path to the class with the longest matching {@code @Path}, so
 * these cannot share AuthResource's {@code /api/auth}.
 */
@Path("/api/auth/refresh")
public class RefreshResource {

    private final SignIns signIns;
    private final Caller caller;

    RefreshResource(SignIns signIns, Caller caller) {
        this.signIns = signIns;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response refresh(@CookieParam(SignInCookie.NAME) String refreshToken) {
        try {
            SignIns.Refreshed refreshed = signIns.refresh(refreshToken);
            return Response.ok(refreshed.body()).cookie(refreshed.cookie()).build();
        } catch (ProblemException refused) {
            // whatever went wrong, the browser's cookie is useless now: forget it
            return Response.status(refused.status()).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(refused.status(), refused.slug(), refused.title(), refused.getMessage(), caller.path()))
                    .cookie(SignInCookie.cleared(caller.overTls())).build();
        }
    }
}
