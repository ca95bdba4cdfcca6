package com.smilingsteps.session.booking;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * Per-client daily budgets for actions that mail people (booking, cancelling, rescheduling): one
 * record per successful action in {@code client_actions}, counted over the last 24 hours and
 * purged by the hold-expiry job once older than that. Concurrent requests may overshoot by a few; the point is
 * to stop floods, not to count exactly.
 */
@ApplicationScoped
public class ClientQuota {

    public static final String BOOK = "book";
    public static final String CHANGE = "change";
    static final Duration WINDOW = Duration.ofHours(24);

    private final MongoCollection<Document> actions;

    public ClientQuota(MongoDatabase database) {
        this.actions = database.getCollection("client_actions");
    }

    /** Refuses with 429 when {@code userId} already used {@code limit} {@code action}s in the last 24 hours. */
    public void require(String userId, String action, int limit) {
        long used = actions.countDocuments(Filters.and(Filters.eq("userId", userId), Filters.eq("action", action),
                Filters.gt("at", Instant.now().minus(WINDOW))));
        if (used >= limit) {
            throw new ProblemException(429, "too-many-" + (BOOK.equals(action) ? "bookings" : "changes"),
                    "Too many requests", "at most " + limit + (BOOK.equals(action) ? " bookings" : " cancellations or reschedules")
                            + " per client in 24 hours; please contact the practice", null);
        }
    }

    /** Drops records no budget counts any more. */
    public void purge() {
        actions.deleteMany(Filters.lt("at", Instant.now().minus(WINDOW)));
    }

    public void record(String userId, String action) {
        actions.insertOne(new Document("userId", userId).append("action", action).append("at", Instant.now()));
    }
}
