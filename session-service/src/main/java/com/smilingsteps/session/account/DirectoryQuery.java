package com.smilingsteps.session.account;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

/** The directory's search: enabled psychologists whose name, specialty or language contains the words asked for. */
public final class DirectoryQuery {

    private DirectoryQuery() {
    }

    public static Bson filter(String name, String specialty, String language) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("role", User.PSYCHOLOGIST), Filters.ne("disabled", true)));
        contains(filters, "name", name);
        contains(filters, "specialties", specialty);
        contains(filters, "languages", language);
        return Filters.and(filters);
    }

    /** Case-insensitive "contains" of the literal text (never a pattern from the caller). */
    private static void contains(List<Bson> filters, String field, String text) {
        if (text != null && !text.isBlank()) {
            filters.add(Filters.regex(field, Pattern.quote(text.trim()), "i"));
        }
    }

    public static Document byName() {
        return new Document("name", 1).append("_id", 1);
    }
}
