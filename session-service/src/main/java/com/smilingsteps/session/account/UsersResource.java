package com.smilingsteps.session.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.conversions.Bson;

import com.smilingsteps.session.availability.AvailabilityService;
import com.smilingsteps.session.availability.SlotCalculator.Slot;
import com.smilingsteps.session.rates.Rates;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.QueryParams;

/** The caller's own account and the psychologist directory (admins manage accounts in useradmin). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private final AccountService accounts;
    private final Caller caller;
    private final AvailabilityService availability;

    UsersResource(AccountService accounts, Caller caller, AvailabilityService availability) {
        this.accounts = accounts;
        this.caller = caller;
        this.availability = availability;
    }

    public record Me(String id, String name, String email, String role, String phone, List<String> specialties,
            String bio) {
    }

    public record PsychologistEntry(String id, String name, List<String> specialties, List<String> languages, String bio,
            Rates rates, Instant nextFreeSlot, String photo) {
    }

    public record DirectoryPage(List<PsychologistEntry> items, int page, int size, long total) {
    }

    @GET
    @Path("/users/me")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Me me() {
        User user = accounts.require(caller.userId());
        return new Me(user.idText(), user.name, user.email, user.role, accounts.phoneOf(user), user.specialties, user.bio);
    }

    /**
     * The directory, a page at a time: search by name, specialty or language; each entry with its
     * rates and next free slot.
     */
    @GET
    @Path("/psychologists")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public DirectoryPage psychologists(@QueryParam("q") String name, @QueryParam("specialty") String specialty,
            @QueryParam("language") String language, @QueryParam("page") String pageParam,
            @QueryParam("size") String sizeParam) {
        int page = pageParam == null ? 0 : QueryParams.integer("page", pageParam);
        int size = sizeParam == null ? 50 : QueryParams.integer("size", sizeParam);
        if (page < 0 || size < 1 || size > 100) {
            throw ProblemException.badRequest(page < 0 ? "page" : "size", "page from 0, size 1 to 100");
        }
        Bson filter = DirectoryQuery.filter(name, specialty, language);
        List<PsychologistEntry> items = new ArrayList<>();
        User.mongoCollection().find(filter).sort(DirectoryQuery.byName()).skip(QueryParams.skip(page, size)).limit(size).forEach(found -> {
            User u = (User) found;
            Slot next = availability.nextFreeSlot(u.idText());
            items.add(new PsychologistEntry(u.idText(), u.name, u.specialties == null ? List.of() : u.specialties,
                    u.languages == null ? List.of() : u.languages, u.bio, u.rates == null ? new Rates() : u.rates,
                    next == null ? null : next.start(), u.photoUrl()));
        });
        return new DirectoryPage(items, page, size, User.mongoCollection().countDocuments(filter));
    }
}
