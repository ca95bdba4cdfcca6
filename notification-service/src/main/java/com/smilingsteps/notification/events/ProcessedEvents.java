package com.smilingsteps.notification.events;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import com.smilingsteps.contracts.SessionEvent;

/** Event ids already handled ({@code processed_events}): a redelivered event is skipped. */
public final class ProcessedEvents {

    public static final String COLLECTION = "processed_events";

    private final MongoCollection<Document> events;

    public ProcessedEvents(MongoDatabase database) {
        this.events = database.getCollection(COLLECTION);
    }

    public boolean contains(String eventId) {
        return events.find(eq("_id", eventId)).limit(1).first() != null;
    }

    public void record(SessionEvent event, Instant now) {
        record(event.eventId(), event.type(), "sessionId", event.sessionId(), now);
    }

    /** {@code keyField}/{@code key}: what the event is about ({@code sessionId}, {@code userId}). */
    public void record(String eventId, String type, String keyField, String key, Instant now) {
        try {
            events.insertOne(new Document("_id", eventId).append("type", type)
                    .append(keyField, key).append("processedAt", Date.from(now)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
