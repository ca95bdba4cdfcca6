package com.smilingsteps.session.audit;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.QueryParams;

import io.quarkus.mongodb.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** The audit log for admins: newest first, paged, filterable. */
@Path("/api/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog auditLog;

    AuditResource(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    public record AuditPage(List<AuditRecord> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed("admin")
    public AuditPage list(@QueryParam("page") @DefaultValue("0") String pageParam,
            @QueryParam("size") @DefaultValue("50") String sizeParam,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("outcome") String outcome,
            @QueryParam("service") String service,
            @QueryParam("sessionId") String sessionId,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        // Parsed here, not by JAX-RS, which answers an unparseable number with 404 instead of 400.
        int page = QueryParams.integer("page", pageParam);
        int size = QueryParams.integer("size", sizeParam);
        if (page < 0) {
            throw ProblemException.badRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw ProblemException.badRequest("size", "size must be between 1 and 200");
        }
        List<Bson> filters = new ArrayList<>();
        QueryParams.addEq(filters, "actor", actor);
        QueryParams.addEq(filters, "action", action);
        QueryParams.addEq(filters, "outcome", outcome);
        QueryParams.addEq(filters, "service", service);
        QueryParams.addEq(filters, "sessionId", sessionId);
        if (from != null) {
            filters.add(Filters.gte("occurredAt", QueryParams.instant("from", from)));
        }
        if (to != null) {
            filters.add(Filters.lt("occurredAt", QueryParams.instant("to", to)));
        }
        Document query = filters.isEmpty() ? new Document() : toDocument(Filters.and(filters));
        PanacheQuery<AuditRecord> found = AuditRecord.find(query, new Document("occurredAt", -1));
        QueryParams.skip(page, size); // Panache's page skips page × size too
        List<AuditRecord> items = found.page(Page.of(page, size)).list();
        long total = found.count();
        auditLog.allowed("admin.audit.read", "audit_log", null, "admin role");
        return new AuditPage(items, page, size, total);
    }


    private static Document toDocument(Bson filter) {
        return Document.parse(filter.toBsonDocument().toJson());
    }
}
