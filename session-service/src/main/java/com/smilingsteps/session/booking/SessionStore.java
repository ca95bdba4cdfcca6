package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.ObjectIds;

/** Loads sessions and applies conditional single-document updates (state change + outbox entry together). */
@ApplicationScoped
public class SessionStore {

    public Session require(String id) {
        ObjectId objectId = ObjectIds.parse(id, "session");
        Session session = Session.findById(objectId);
        if (session == null) {
            throw ProblemException.notFound("session");
        }
        return session;
    }

    /**
     * Applies {@code updates} (and appends {@code event} to the outbox) only if the document still
     * matches {@code condition}; returns the updated session, or null when the condition no longer held.
     */
    public Session update(ObjectId id, Bson condition, List<Bson> updates, OutboxEntry event) {
        return update(id, condition, updates, List.of(), event);
    }

    /** As {@link #update(ObjectId, Bson, List, OutboxEntry)}, with filters for the updates' {@code $[name]} array elements. */
    public Session update(ObjectId id, Bson condition, List<Bson> updates, List<Bson> arrayFilters, OutboxEntry event) {
        List<Bson> all = new ArrayList<>(updates);
        all.add(Updates.set("updatedAt", Instant.now()));
        if (event != null) {
            all.add(Updates.push("outbox", event));
        }
        return Session.collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), condition),
                Updates.combine(all),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .arrayFilters(arrayFilters.isEmpty() ? null : arrayFilters));
    }
}
