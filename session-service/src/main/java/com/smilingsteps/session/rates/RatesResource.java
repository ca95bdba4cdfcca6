package com.smilingsteps.session.rates;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.audit.AuditLog;
import com.smilingsteps.session.web.ObjectIds;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * Admins read and set a psychologist's rates (clients see them in the directory). Bookings copy
 * the rate at booking time onto the session, so a change here never touches existing bookings.
 */
@Path("/api/admin/psychologists/{id}/rates")
@Produces(MediaType.APPLICATION_JSON)
public class RatesResource {

    private final AuditLog auditLog;

    public RatesResource(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    public record RatesRequest(@NotNull @Min(1) @Max(1_000_000) Long individual, @NotNull @Min(1) @Max(1_000_000) Long group) {
    }

    /** The current rates ({@code null} for a session type not offered yet), for the admin's form. */
    @GET
    @RolesAllowed(User.ADMIN)
    public Rates get(@PathParam("id") String id) {
        Object found = User.mongoCollection().find(
                Filters.and(Filters.eq("_id", ObjectIds.parse(id, "psychologist")), Filters.eq("role", User.PSYCHOLOGIST))).first();
        if (found == null) {
            throw ProblemException.notFound("psychologist");
        }
        auditLog.allowed("admin.psychologists.rates.read", "user:" + id, null, "admin role");
        Rates rates = ((User) found).rates;
        return rates == null ? new Rates() : rates;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(User.ADMIN)
    public Rates set(@PathParam("id") String id, @Valid @NotNull RatesRequest request) {
        Rates rates = new Rates(request.individual(), request.group());
        long matched = User.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", ObjectIds.parse(id, "psychologist")), Filters.eq("role", User.PSYCHOLOGIST)),
                Updates.set("rates", new Document("individual", rates.individual).append("group", rates.group))).getMatchedCount();
        if (matched == 0) {
            throw ProblemException.notFound("psychologist");
        }
        auditLog.allowed("admin.psychologists.rates", "user:" + id, null,
                "admin set rates individual=" + rates.individual + " group=" + rates.group + " KES");
        return rates;
    }
}
