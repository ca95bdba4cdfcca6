package com.smilingsteps.session.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.testing.SharedServers;

/** Reads {@code session-events} (or another topic) from the real broker, as a consumer service would. */
public final class SessionEventsTap {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionEventsTap() {
    }

    public record Event(String key, String json, JsonNode node) {
        public String type() {
            return node.path("type").asText();
        }
    }

    /** Waits until {@code done} holds for the events of {@code sessionId} (or the timeout), then returns them. */
    public static List<Event> eventsOf(String sessionId, Predicate<List<Event>> done, Duration timeout) {
        return events(e -> sessionId.equals(e.key()), done, timeout);
    }

    public static List<Event> events(Predicate<Event> filter, Predicate<List<Event>> done, Duration timeout) {
        return events("session-events", filter, done, timeout);
    }

    public static List<Event> events(String topic, Predicate<Event> filter, Predicate<List<Event>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tap-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<Event> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(found)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    Event event = new Event(record.key(), record.value(), JSON.readTree(record.value()));
                    if (filter.test(event)) {
                        found.add(event);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    public static long count(List<Event> events, String type) {
        return events.stream().filter(e -> type.equals(e.type())).count();
    }
}
