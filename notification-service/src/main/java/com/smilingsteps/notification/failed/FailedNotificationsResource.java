package com.smilingsteps.notification.failed;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.notification.audit.NotificationAccess;
import com.smilingsteps.notification.jobs.EmailJobStore;

import io.vertx.core.http.HttpServerRequest;

/** Emails that failed for good, so an admin can follow up by other means. */
@Path("/api/notifications/failed")
public class FailedNotificationsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final EmailJobStore jobs;
    private final NotificationAccess access;
    private final JsonWebToken jwt;

    public FailedNotificationsResource(EmailJobStore jobs, NotificationAccess access, JsonWebToken jwt) {
        this.jobs = jobs;
        this.access = access;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public List<FailedNotification> failed(@QueryParam("limit") String limit, @Context HttpServerRequest request) {
        access.allowedAdmin(request, jwt);
        return jobs.failed(parseLimit(limit)).stream().map(FailedNotificationsResource::view).toList();
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "limit: must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static FailedNotification view(Document doc) {
        Document to = doc.get("recipient", Document.class);
        return new FailedNotification(doc.getString("_id"), doc.getString("kind"), doc.getString("sessionId"),
                to.getString("role"), to.getString("id"), doc.getInteger("attempts", 0), doc.getString("lastError"),
                instant(doc.getDate("sessionDate")), instant(doc.getDate("failedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
