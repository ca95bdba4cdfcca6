package com.smilingsteps.session.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.smilingsteps.kit.problem.ProblemException;
import com.smilingsteps.session.web.QueryParams;

/**
 * One page of sessions for a list screen, with the total that matches. Admins see everyone's,
 * newest first unless asked otherwise; others see their own. {@code scope=upcoming} lists sessions
 * not yet over (soonest first), {@code scope=past} the earlier ones (latest first).
 */
@ApplicationScoped
public class SessionListing {

    public static final int MAX_PAGE_SIZE = 500;

    /** The caller's own restriction ({@code ownerField} = ownerId), or none for an admin. */
    public record Query(String ownerField, String ownerId, String status, String paymentStatus, String clientId,
            String psychologistId, String from, String to, String scope, String order, String page, String size) {
    }

    public record Page(List<SessionView> items, long total) {
    }

    /**
     * The owner field of a client's own sessions: a group session's seat holders count too, and
     * the clients who gave up a paid seat of it (they still see it, read-only, with their refund).
     */
    public static final String CLIENT_FIELD = "client.userId";

    private static Bson owner(String field, String userId) {
        return CLIENT_FIELD.equals(field) ? Filters.or(Filters.eq(CLIENT_FIELD, userId), Filters.eq("seats.client.userId", userId),
                Filters.eq("givenUpSeats.client.userId", userId)) : Filters.eq(field, userId);
    }

    public Page list(Query query) {
        List<Bson> filters = new ArrayList<>();
        if (query.ownerField() != null) {
            filters.add(owner(query.ownerField(), query.ownerId()));
        } else {
            if (query.clientId() != null) {
                filters.add(owner(CLIENT_FIELD, query.clientId()));
            }
            QueryParams.addEq(filters, "psychologist.userId", query.psychologistId());
        }
        QueryParams.addEq(filters, "status", query.status());
        QueryParams.addEq(filters, "paymentStatus", query.paymentStatus());
        if (query.from() != null) {
            filters.add(Filters.gte("sessionDate", QueryParams.instant("from", query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("sessionDate", QueryParams.instant("to", query.to())));
        }
        boolean newestFirst = query.ownerField() == null;
        if (query.scope() != null) {
            // a session stays "upcoming" through its call window (starts up to 2 h ago)
            Instant boundary = Instant.now().minusSeconds(2 * 3600);
            switch (query.scope()) {
                case "upcoming" -> {
                    filters.add(Filters.gte("sessionDate", boundary));
                    newestFirst = false;
                }
                case "past" -> {
                    filters.add(Filters.lt("sessionDate", boundary));
                    newestFirst = true;
                }
                default -> throw ProblemException.badRequest("scope", "scope is upcoming or past");
            }
        }
        if (query.order() != null) {
            switch (query.order()) {
                case "newest" -> newestFirst = true;
                case "oldest" -> newestFirst = false;
                default -> throw ProblemException.badRequest("order", "order is newest or oldest");
            }
        }
        int page = query.page() == null ? 0 : QueryParams.integer("page", query.page());
        int size = query.size() == null ? 200 : QueryParams.integer("size", query.size());
        if (page < 0) {
            throw ProblemException.badRequest("page", "page starts at 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("size", "size is 1 to " + MAX_PAGE_SIZE);
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Bson sort = newestFirst ? Sorts.orderBy(Sorts.descending("sessionDate"), Sorts.descending("_id"))
                : Sorts.orderBy(Sorts.ascending("sessionDate"), Sorts.ascending("_id"));
        List<SessionView> items = new ArrayList<>();
        Session.collection().find(filter).sort(sort).skip(QueryParams.skip(page, size)).limit(size).forEach(s -> items.add(SessionView.of(s)));
        return new Page(items, Session.collection().countDocuments(filter));
    }
}
