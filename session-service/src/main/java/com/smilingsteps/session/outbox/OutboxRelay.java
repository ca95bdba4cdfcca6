package com.smilingsteps.session.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.booking.Session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;

/**
 * Publishes the outbox entries of sessions (session-events) and of users (account-events) to
 * Kafka, keyed by the document's id, and removes each entry only after the broker
 * acknowledged it. Delivery is at-least-once (a crash between ack and removal republishes);
 * consumers deduplicate by eventId. While Kafka is down the entries simply wait.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    /** The collections whose documents carry an {@code outbox} (erased_accounts: AccountErasure) (entries as {@code OutboxEntry} writes them). */
    private static final List<String> OWNERS = List.of("sessions", "users", "erased_accounts");

    private final String bootstrapServers;
    private final Duration sendTimeout;
    private final Vertx vertx;
    private final MeterRegistry registry;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaProducer<String, String> producer;

    /** {@code kafkaConfig}: Quarkus' {@code kafka.*} settings without the prefix (the broker the channels use). */
    OutboxRelay(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxConfig config,
            Vertx vertx, MeterRegistry registry) {
        this.bootstrapServers = String.valueOf(kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.sendTimeout = config.sendTimeout();
        this.vertx = vertx;
        this.registry = registry;
    }

    /** {@code session_outbox_pending_sessions}: sessions whose events still wait for Kafka (alert when it stays above 0). */
    void registerGauge(@Observes StartupEvent event) {
        // A strong reference: the relay lives as long as the application, and a weakly held gauge
        // disappears from the scrape once its first owner is collected (e.g. after an app restart in tests).
        Gauge.builder("session.outbox.pending.sessions", this, relay -> relay.pendingSessions())
                .description("Sessions with session-events not yet acknowledged by Kafka")
                .strongReference(true)
                .register(registry);
        Gauge.builder("session.outbox.pending.users", this, relay -> relay.pending("users"))
                .description("Users with account-events not yet acknowledged by Kafka")
                .strongReference(true)
                .register(registry);
    }

    long pendingSessions() {
        return pending("sessions");
    }

    private long pending(String owners) {
        return database().getCollection(owners).countDocuments(Filters.exists("outbox.eventId"));
    }

    /**
     * The entities' database, looked up each time: the gauge outlives an application restart in
     * tests, and a database captured at injection would belong to a closed client.
     */
    private static MongoDatabase database() {
        return Session.mongoDatabase();
    }

    /** Asks for a relay pass soon (after a state change), without waiting for the next tick. */
    public void nudge() {
        vertx.executeBlocking(() -> {
            relay();
            return null;
        }, false);
    }

    @Scheduled(every = "${outbox.relay-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        relay();
    }

    /** One pass over the sessions and users with pending entries; returns how many entries were published. */
    public int relay() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        int published = 0;
        try {
            for (String owners : OWNERS) {
                MongoCollection<Document> collection = database().getCollection(owners);
                List<Document> pending = collection.find(Filters.exists("outbox.eventId"))
                        .projection(Projections.include("outbox"))
                        .limit(BATCH)
                        .into(new ArrayList<>());
                for (Document owner : pending) {
                    for (Document entry : owner.getList("outbox", Document.class)) {
                        send(collection, owner.get("_id"), entry);
                        published++;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("outbox relay paused, Kafka did not acknowledge: %s", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay pass failed: %s", e.toString());
        } finally {
            running.set(false);
        }
        return published;
    }

    private void send(MongoCollection<Document> collection, Object ownerId, Document entry)
            throws ExecutionException, TimeoutException, InterruptedException {
        String key = ownerId instanceof org.bson.types.ObjectId id ? id.toHexString() : String.valueOf(ownerId);
        producer().send(new ProducerRecord<>(entry.getString("topic"), key, entry.getString("json")))
                .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        collection.updateOne(Filters.eq("_id", ownerId),
                Updates.pull("outbox", Filters.eq("eventId", entry.getString("eventId"))));
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "session-service-outbox");
                    int timeout = (int) sendTimeout.toMillis();
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
                    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    producer = new KafkaProducer<>(props);
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
