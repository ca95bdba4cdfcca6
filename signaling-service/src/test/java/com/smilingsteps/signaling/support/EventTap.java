package com.smilingsteps.signaling.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.infra.testing.Contracts;

/** Reads a topic of the embedded Kafka from "now" on; every record must satisfy the topic's contract. */
public final class EventTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<JsonNode> seen = new ArrayList<>();

    public EventTap(String bootstrapServers, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p));
    }

    /**
     * The topic's partitions, waiting for them: a topic created a moment ago (by a producer's first
     * record, or by the test) may have none in the metadata yet, and a consumer assigned none cannot poll.
     */
    static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || System.nanoTime() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partitions;
            }
        }
    }

    /** The first record since the tap opened matching {@code match}, checked against the contract. */
    public JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : seen) {
                if (match.test(event)) {
                    return event;
                }
            }
            pollOnce();
        }
        return fail("no matching " + topic + " record; saw " + seen);
    }

    /** Every record matching {@code match} that arrived within {@code settle} from now (the ones seen before included). */
    public List<JsonNode> all(Predicate<JsonNode> match, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return seen.stream().filter(match).toList();
    }

    public static Predicate<JsonNode> payload(Map<String, String> fields) {
        return event -> fields.entrySet().stream()
                .allMatch(f -> f.getValue().equals(event.path("payload").path(f.getKey()).asText(null)));
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** One poll: every record is checked against the topic's schema and kept in {@code seen}. */
    private void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Contracts.assertValid(topic, record.value());
            try {
                seen.add(JSON.readTree(record.value()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
