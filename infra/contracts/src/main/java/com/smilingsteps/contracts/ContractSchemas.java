package com.smilingsteps.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of {@code infra/contracts}, packed into this jar as
 * {@code contracts/<topic>.schema.json}, for validating events at run time and in tests.
 */
public final class ContractSchemas {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** Validation errors of {@code event} against the topic's schema, sorted; empty when valid. */
    public static List<String> errors(String topic, JsonNode event) {
        return SCHEMAS.computeIfAbsent(topic, ContractSchemas::load).validate(event).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schema document itself. */
    public static JsonNode document(String topic) {
        String resource = "contracts/" + topic + ".schema.json";
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return EventJson.tree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String topic) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document(topic), config);
    }
}
