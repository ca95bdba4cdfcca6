package com.smilingsteps.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates event JSON against the schemas in {@code infra/contracts/}, so producers and
 * consumers test against the same contract files.
 */
public final class Contracts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Contracts() {
    }

    /** Validation errors of {@code json} against {@code <topic>.schema.json}; empty when valid. */
    public static List<String> errors(String topic, String json) {
        try {
            JsonSchema schema = schema(topic);
            Set<ValidationMessage> messages = schema.validate(JSON.readTree(json));
            return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
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

    public static Path schemaFile(String topic) {
        // Maven runs tests from the module directory; the contracts sit under infra/ at the top.
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("infra/contracts/" + topic + ".schema.json");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no contract for topic " + topic + " under infra/contracts/");
    }

    private static JsonSchema schema(String topic) {
        try {
            JsonNode node = JSON.readTree(Files.readString(schemaFile(topic)));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
