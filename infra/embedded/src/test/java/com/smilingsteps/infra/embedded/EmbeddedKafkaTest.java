package com.smilingsteps.infra.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory("kafka-test-"), FreePorts.next(), FreePorts.next());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void recordProducedIsConsumedWithKeyAndValue() throws Exception {
        String topic = "roundtrip-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, 1));
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "session-1", "{\"type\":\"SessionBooked\"}")).get();
        }
        List<ConsumerRecord<String, String>> records = consume(topic, 1);
        assertEquals("session-1", records.get(0).key());
        assertEquals("{\"type\":\"SessionBooked\"}", records.get(0).value());
    }

    @Test
    void recordsSurviveABrokerRestartOnTheSamePort() throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, 1));
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "before restart")).get();
        }
        kafka.stop();
        kafka.start();
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "k", "after restart")).get();
        }
        List<ConsumerRecord<String, String>> records = consume(topic, 2);
        assertEquals(List.of("before restart", "after restart"), records.stream().map(ConsumerRecord::value).toList());
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size(), "records consumed from " + topic);
        return records;
    }

}
