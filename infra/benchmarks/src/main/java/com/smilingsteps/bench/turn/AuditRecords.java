package com.smilingsteps.bench.turn;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.smilingsteps.contracts.Topics;

/**
 * How many {@code audit-events} records exist (sum of the partitions' end offsets), read after the
 * service's producer had its linger: each record costs session-service a consume and an insert.
 */
final class AuditRecords {

    private final String bootstrapServers;

    AuditRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    long count() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Prints the records published since {@code before} per request answered. */
    void print(long before, long requests) throws InterruptedException {
        Thread.sleep(2000); // the producer's last batch
        long published = count() - before;
        System.out.printf("audit-events records: %d for %d mints (%.3f per mint)%n", published, requests,
                (double) published / requests);
    }
}
