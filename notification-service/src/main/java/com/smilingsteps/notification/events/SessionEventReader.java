package com.smilingsteps.notification.events;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.ContractSchemas;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SessionEvent;
import com.smilingsteps.contracts.Topics;

/**
 * Checks a raw Kafka value against the session-events contract (the schema from infra/contracts,
 * packed into the contracts jar) and turns it into the contract's {@link SessionEvent} record.
 */
public final class SessionEventReader {

    private static final int MAX_REPORTED_ERRORS = 5;

    /** The event, or {@link InvalidSessionEventException} naming what is wrong (never the values). */
    public SessionEvent read(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSessionEventException("empty record");
        }
        JsonNode node;
        try {
            node = EventJson.tree(value);
        } catch (IOException e) {
            throw new InvalidSessionEventException("not JSON");
        }
        List<String> errors = ContractSchemas.errors(Topics.SESSION_EVENTS, node).stream()
                .limit(MAX_REPORTED_ERRORS).toList();
        if (!errors.isEmpty()) {
            throw new InvalidSessionEventException("violates session-events contract: " + errors);
        }
        try {
            return EventJson.read(node, SessionEvent.class);
        } catch (IOException e) {
            throw new InvalidSessionEventException("does not fit the session-events record");
        }
    }
}
