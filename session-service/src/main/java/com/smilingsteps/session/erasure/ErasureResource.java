package com.smilingsteps.session.erasure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.CurrentPassword;
import com.smilingsteps.session.account.PasswordPolicy;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.signin.SignInCookie;
import com.smilingsteps.session.web.Caller;

/**
 * The right to erasure: the owner erases their account with their password
 * ({@code DELETE /api/users/me}; an admin does it on request: {@link AdminErasureResource}).
 * Audited; asking again once it is done answers 204 once more.
 */
@Path("/api")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final AccountErasure erasure;
    private final AccountService accounts;
    private final CurrentPassword currentPassword;
    private final Caller caller;

    ErasureResource(AccountErasure erasure, AccountService accounts, CurrentPassword currentPassword, Caller caller) {
        this.erasure = erasure;
        this.accounts = accounts;
        this.currentPassword = currentPassword;
        this.caller = caller;
    }

    public record OwnErasure(@NotBlank @Size(max = PasswordPolicy.MAX) String password) {
    }

    @DELETE
    @Path("/users/me")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Response eraseOwn(@Valid @NotNull OwnErasure request) {
        if (erasure.isErased(caller.userId())) {
            return signedOut(); // a repeated request (the first answer was lost): it is done
        }
        User user = accounts.require(caller.userId());
        currentPassword.require(user, request.password(), "account.erase", "password");
        erasure.erase(user, "self", "own request, password verified; every sign-in ended");
        return signedOut();
    }

    private Response signedOut() {
        return Response.noContent().cookie(SignInCookie.cleared(caller.overTls())).build();
    }
}
