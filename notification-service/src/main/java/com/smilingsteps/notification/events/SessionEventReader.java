package com.smilingsteps.notification.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a raw Kafka value against the session-events contract (the schema file from
 * infra/contracts, packed into the jar by the build) and turns it into a {@link SessionEvent}.
 */
public final class SessionEventReader {

    static final String SCHEMA_RESOURCE = "contracts/session-events.schema.json";
    private static final int MAX_REPORTED_ERRORS = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchema schema;

    public SessionEventReader() {
        try (InputStream in = SessionEventReader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json.readTree(in), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event, or {@link InvalidSessionEventException} naming what is wrong (never the values). */
    public SessionEvent read(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSessionEventException("empty record");
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidSessionEventException("not JSON");
        }
        List<String> errors = schema.validate(node).stream()
                .map(ValidationMessage::getMessage).sorted().limit(MAX_REPORTED_ERRORS).toList();
        if (!errors.isEmpty()) {
            throw new InvalidSessionEventException("violates session-events contract: " + errors);
        }
        JsonNode payload = node.get("payload");
        return new SessionEvent(
                node.get("eventId").asText(),
                node.get("type").asText(),
                instant(node, "occurredAt"),
                node.get("sessionId").asText(),
                instant(payload, "sessionDate"),
                payload.get("sessionType").asText(),
                payload.get("status").asText(),
                party(payload.get("client")),
                party(payload.get("psychologist")),
                instant(payload, "previousSessionDate"),
                text(payload, "cancelledBy"),
                instant(payload, "startedAt"),
                instant(payload, "endedAt"),
                payload.hasNonNull("durationMinutes") ? payload.get("durationMinutes").asInt() : null,
                payment(payload));
    }

    /** The payment fields of SessionConfirmed and PaymentFailed; null for events without an amount. */
    private static PaymentDetails payment(JsonNode payload) {
        if (!payload.hasNonNull("amount")) {
            return null;
        }
        return new PaymentDetails(payload.get("amount").asLong(), text(payload, "mpesaReceipt"), text(payload, "failureReason"));
    }

    private static Party party(JsonNode node) {
        return new Party(node.get("id").asText(), node.get("name").asText(), node.get("email").asText());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            // The schema's date-time format allows offsets; Instant.parse accepts them since Java 12.
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidSessionEventException(field + " is not an ISO-8601 instant");
        }
    }
}
