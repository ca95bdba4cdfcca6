package com.smilingsteps.infra.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.smilingsteps.contracts.AccountEvent;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.Topics;

/** Publishes {@code AccountAccessRevoked} on the real {@code account-events} topic, as session-service does. */
public final class AccessRevocationFeed {

    private AccessRevocationFeed() {
    }

    /** Every token of {@code userId} issued until {@code at} is void for the next 20 minutes. */
    public static void revoke(String bootstrapServers, String userId, String role, Instant at) {
        AccountEvent event = new AccountEvent(UUID.randomUUID().toString(), AccountEvent.ACCESS_REVOKED,
                AccountEvent.VERSION, at, userId,
                new AccountEvent.Payload(null, null, role, null, at.plus(Duration.ofMinutes(20))));
        Contracts.assertValid(Topics.ACCOUNT_EVENTS, EventJson.write(event));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                "acks", "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS, userId, EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish an account event", e);
        }
    }
}
