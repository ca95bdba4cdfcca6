package com.smilingsteps.infra.testing;

import java.io.IOException;
import java.util.List;

import com.smilingsteps.contracts.ContractSchemas;
import com.smilingsteps.contracts.EventJson;

/**
 * Validates event JSON against the schemas in {@code infra/contracts/} (through the contracts
 * module's {@link ContractSchemas}), so producers and consumers test against the same contract files.
 */
public final class Contracts {

    private Contracts() {
    }

    /** Validation errors of {@code json} against {@code <topic>.schema.json}; empty when valid. */
    public static List<String> errors(String topic, String json) {
        try {
            return ContractSchemas.errors(topic, EventJson.tree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /** Fails with the validation errors unless {@code json} satisfies the topic's schema. */
    public static void assertValid(String topic, String json) {
        List<String> errors = errors(topic, json);
        if (!errors.isEmpty()) {
            throw new AssertionError(topic + " event violates its contract: " + errors + "\n" + json);
        }
    }
}
