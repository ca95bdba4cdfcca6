package com.smilingsteps.kit.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemJsonTest {

    @Test
    void everyProblemTypeSharesOneBaseAndAbsentFieldsAreLeftOut() throws Exception {
        JsonNode body = new ObjectMapper().readTree(ProblemJson.write(
                Problem.of(502, "upstream-unavailable", "Bad Gateway", "session-service is unavailable", "/api/x")));
        assertEquals("https://smilingsteps.local/problems/upstream-unavailable", body.get("type").asText());
        assertEquals(502, body.get("status").asInt());
        assertEquals("/api/x", body.get("instance").asText());
        assertFalse(body.has("field"));
    }

    @Test
    void statusesWithoutTheirOwnSlugGetAStableOne() {
        assertEquals("unauthorized", Problem.slug(401));
        assertEquals("method-not-allowed", Problem.slug(405));
        assertEquals("payload-too-large", Problem.slug(413));
        assertEquals("too-many-requests", Problem.slug(429));
        assertEquals("server-error", Problem.slug(503));
    }
}
