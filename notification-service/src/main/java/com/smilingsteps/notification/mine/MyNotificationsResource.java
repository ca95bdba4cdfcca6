package com.smilingsteps.notification.mine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.bson.Document;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.notification.audit.NotificationAccess;
import com.smilingsteps.notification.jobs.EmailJobStore;

import io.vertx.core.http.HttpServerRequest;

/**
 * The right of access, for what this service holds: the emails sent (or due) to the caller. The
 * SPA's "Download my data" joins it with session-service's {@code /api/users/me/export}.
 */
@Path("/api/notifications/mine")
public class MyNotificationsResource {

    private final MongoDatabase database;
    private final NotificationAccess access;
    private final JsonWebToken jwt;

    public MyNotificationsResource(MongoDatabase database, NotificationAccess access, JsonWebToken jwt) {
        this.database = database;
        this.access = access;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({ "client", "psychologist", "admin" })
    @Produces(MediaType.APPLICATION_JSON)
    public SentToMe mine(@Context HttpServerRequest request) {
        String me = jwt.getSubject();
        access.allowedOwn(request, jwt);
        List<SentToMe.Job> jobs = new ArrayList<>();
        database.getCollection(EmailJobStore.JOBS).find(Filters.eq("recipient.id", me)).sort(Sorts.ascending("createdAt"))
                .forEach(doc -> jobs.add(new SentToMe.Job(doc.getString("_id"), doc.getString("kind"),
                        doc.getString("sessionId"), doc.getString("status"),
                        doc.get("recipient", Document.class).getString("email"), instant(doc.getDate("sessionDate")),
                        instant(doc.getDate("dueAt")), instant(doc.getDate("sentAt")))));
        List<SentToMe.Delivery> deliveries = new ArrayList<>();
        database.getCollection(EmailJobStore.DELIVERIES).find(Filters.eq("recipientId", me)).sort(Sorts.ascending("sentAt"))
                .forEach(doc -> deliveries.add(new SentToMe.Delivery(doc.getString("_id"), doc.getString("kind"),
                        doc.getString("sessionId"), instant(doc.getDate("sentAt")))));
        return new SentToMe(jobs, deliveries);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
