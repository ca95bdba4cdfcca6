package com.smilingsteps.session.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.smilingsteps.session.account.AccountService;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.availability.SlotCalculator.Slot;
import com.smilingsteps.session.web.Caller;
import com.smilingsteps.session.web.OwnOrAdmin;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.QueryParams;

/**
 * A psychologist's free slots (any signed-in user, to book), and their working hours and time off
 * (read by anyone signed in; changed by that psychologist or an admin, audited).
 */
@Path("/api/psychologists/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityResource {

    private final AvailabilityService availability;
    private final AccountService accounts;
    private final Caller caller;
    private final OwnOrAdmin ownOrAdmin;

    public AvailabilityResource(AvailabilityService availability, AccountService accounts, Caller caller, OwnOrAdmin ownOrAdmin) {
        this.availability = availability;
        this.accounts = accounts;
        this.caller = caller;
        this.ownOrAdmin = ownOrAdmin;
    }

    public record Slots(List<Slot> slots, String timeZone) {
    }

    public record Hours(WorkingHours hours, String timeZone) {
    }

    @GET
    @Path("/availability")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Slots slots(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        requirePsychologist(id);
        Instant start = from == null ? Instant.now() : QueryParams.instant("from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(7)) : QueryParams.instant("to", to);
        return new Slots(availability.freeSlots(id, start, end), availability.timeZone());
    }

    @GET
    @Path("/working-hours")
    @RolesAllowed({ User.CLIENT, User.PSYCHOLOGIST, User.ADMIN })
    public Hours hours(@PathParam("id") String id) {
        requirePsychologist(id);
        return new Hours(availability.hoursOf(id), availability.timeZone());
    }

    @PUT
    @Path("/working-hours")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ User.PSYCHOLOGIST, User.ADMIN })
    public Hours change(@PathParam("id") String id, @NotNull WorkingHours hours) {
        requirePsychologist(id);
        ownOrAdmin.require("psychologist.hours", id, "hours");
        return new Hours(availability.save(id, hours, caller.userId()), availability.timeZone());
    }

    private void requirePsychologist(String id) {
        accounts.byId(id).filter(u -> User.PSYCHOLOGIST.equals(u.role))
                .orElseThrow(() -> ProblemException.notFound("psychologist"));
    }
}
