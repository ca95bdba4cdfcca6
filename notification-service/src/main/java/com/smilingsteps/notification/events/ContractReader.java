package com.smilingsteps.notification.events;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.contracts.ContractSchemas;
import com.smilingsteps.contracts.EventJson;

/**
 * Checks a raw Kafka value against its topic's contract (the schema from infra/contracts, packed
 * into the contracts jar) and turns it into the contract's record.
 */
public final class ContractReader<T> {

    private static final int MAX_REPORTED_ERRORS = 5;

    private final String topic;
    private final Class<T> type;

    public ContractReader(String topic, Class<T> type) {
        this.topic = topic;
        this.type = type;
    }

    /** The event, or {@link InvalidSessionEventException} naming what is wrong (never the values). */
    public T read(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSessionEventException("empty record");
        }
        JsonNode node;
        try {
            node = EventJson.tree(value);
        } catch (IOException e) {
            throw new InvalidSessionEventException("not JSON");
        }
        List<String> errors = ContractSchemas.errors(topic, node).stream().limit(MAX_REPORTED_ERRORS).toList();
        if (!errors.isEmpty()) {
            throw new InvalidSessionEventException("violates " + topic + " contract: " + errors);
        }
        try {
            return EventJson.read(node, type);
        } catch (IOException e) {
            throw new InvalidSessionEventException("does not fit the " + topic + " record");
        }
    }
}
