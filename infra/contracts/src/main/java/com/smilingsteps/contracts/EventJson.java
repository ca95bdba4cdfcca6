package com.smilingsteps.contracts;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the event records: instants as ISO-8601 strings, absent optional fields
 * left out (the schemas forbid nulls where a field is optional), unknown fields ignored on reading
 * (additive changes do not break a consumer).
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static String write(Object event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event did not serialise: " + event.getClass().getSimpleName(), e);
        }
    }

    /** The event in {@code json}; an {@link IOException} when it is not JSON or does not fit the record. */
    public static <T> T read(String json, Class<T> type) throws IOException {
        return JSON.readValue(json, type);
    }

    public static <T> T read(JsonNode json, Class<T> type) throws IOException {
        return JSON.treeToValue(json, type);
    }

    public static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    public static JsonNode tree(InputStream json) throws IOException {
        return JSON.readTree(json);
    }

}
