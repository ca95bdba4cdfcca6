package com.smilingsteps.session.account;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

/**
 * Counts requests that mail someone or guess a password ({@code account_requests}), per key, over a
 * sliding window, in MongoDB so every replica sees the same counts. Keys name what is limited
 * ({@code reset|account|<id>}, {@code reset|address|<ip>}); records older than a day are purged.
 */
@ApplicationScoped
public class MailQuota {

    private static final Duration KEPT = Duration.ofDays(1);
    private final MongoCollection<Document> requests;

    MailQuota(MongoDatabase database) {
        this.requests = database.getCollection("account_requests");
    }

    /** Whether {@code key} has fewer than {@code limit} requests within {@code window}. */
    public boolean allows(String key, int limit, Duration window) {
        return requests.countDocuments(Filters.and(Filters.eq("key", key), Filters.gt("at", Instant.now().minus(window))),
                new com.mongodb.client.model.CountOptions().limit(limit)) < limit;
    }

    public void record(String key) {
        Instant now = Instant.now();
        requests.insertOne(new Document("key", key).append("at", now));
        requests.deleteMany(Filters.lt("at", now.minus(KEPT)));
    }

    /** Forgets {@code key} (a correct current password clears the wrong guesses). */
    public void clear(String key) {
        requests.deleteMany(Filters.eq("key", key));
    }
}
