package com.smilingsteps.session.signin;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.kit.problem.Problem;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.web.Caller;

/**
 * The sign-in's own routes. Refresh and logout are authenticated by the refresh cookie alone
 * (the access token may have expired): SameSite=Strict keeps other sites' pages from sending it,
 * and JSON-only requests keep plain cross-site form posts out.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SignInSessionsResource {

    private final SignIns signIns;
    private final AccountService accounts;
    private final Caller caller;

    SignInSessionsResource(SignIns signIns, AccountService accounts, Caller caller) {
        this.signIns = signIns;
        this.accounts = accounts;
        this.caller = caller;
    }

    public record Revoked(long signInsRevoked) {
    }

    @POST
    @Path("/auth/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
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

    @POST
    @Path("/auth/logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public Response logout(@CookieParam(SignInCookie.NAME) String refreshToken) {
        signIns.logout(refreshToken);
        return Response.noContent().cookie(SignInCookie.cleared(caller.overTls())).build();
    }

    @POST
    @Path("/auth/logout-all")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response logoutEverywhere() {
        long revoked = signIns.logoutEverywhere();
        return Response.ok(new Revoked(revoked)).cookie(SignInCookie.cleared(caller.overTls())).build();
    }

    @POST
    @Path("/admin/users/{id}/revoke-sessions")
    @RolesAllowed(User.ADMIN)
    public Revoked revokeUserSignIns(@PathParam("id") String id) {
        User user = accounts.byId(id).orElseThrow(() -> ProblemException.notFound("user"));
        return new Revoked(signIns.revokeFor(user));
    }
}
