package com.smilingsteps.signaling.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.signaling.support.EventTap;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * session-service learns from {@code signaling-instances} that an instance runs (a record every
 * beat interval, 1 s in tests) and when it stopped normally; the records follow the contract.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class InstanceBeaconTest {

    @Inject
    Signaling signaling;

    @Inject
    InstanceBeacon beacon;

    @Test
    void aRunningInstanceBeatsUnderItsIdAndSaysSoWhenItStops() {
        SharedServers.kafka().createTopics(Map.of("signaling-instances", 1));
        String self = signaling.instanceId();
        try (EventTap instances = new EventTap(SharedServers.kafka().bootstrapServers(), "signaling-instances")) {
            List<JsonNode> beats = instances.all(e -> self.equals(e.path("instanceId").asText()), Duration.ofMillis(3500));
            assertTrue(beats.size() >= 2, "a beat a second: " + beats);
            beats.forEach(beat -> assertEquals("InstanceAlive", beat.path("type").asText()));
            Instant startedAt = Instant.parse(beats.get(0).path("payload").path("startedAt").asText());
            assertFalse(startedAt.isAfter(Instant.now()), "the run's start");
            assertEquals(1, beats.stream().map(b -> b.path("payload").path("startedAt").asText()).distinct().count(),
                    "one run, one start");

            beacon.stopped();
            JsonNode stopped = instances.await(e -> "InstanceStopped".equals(e.path("type").asText())
                    && self.equals(e.path("instanceId").asText()));
            assertEquals(startedAt.toString(), stopped.path("payload").path("startedAt").asText());
        }
    }
}
