package com.smilingsteps.session.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import com.smilingsteps.kit.problem.ProblemException;

/** Turns optional list-filter query parameters into MongoDB filters, refusing bad values with a 400. */
public final class QueryParams {

    private QueryParams() {
    }

    /** Adds {@code field == value} when the caller gave a value. */
    public static void addEq(List<Bson> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.add(Filters.eq(field, value));
        }
    }

    public static int integer(String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field, field + " must be a whole number");
        }
    }

    /**
     * How many documents page {@code page} of {@code size} skips; 400 naming {@code page} when that
     * does not fit an int (it overflowed to a negative skip, which MongoDB refuses: a 500).
     */
    public static int skip(int page, int size) {
        long skip = (long) page * size;
        if (skip > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("page", "page is too large for a page size of " + size);
        }
        return (int) skip;
    }

    public static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant");
        }
    }
}
