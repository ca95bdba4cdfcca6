package com.smilingsteps.session.videocall.instances;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.smilingsteps.contracts.EventJson;
import com.smilingsteps.contracts.SignalingInstanceEvent;
import com.smilingsteps.contracts.Topics;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads {@code signaling-instances} on its own thread, every replica all of it from the end as it
 * was at start-up (assigned partitions, no consumer group: a replica that hears every record
 * itself needs no rebalance to notice another replica's death), and raises each instance's
 * {@link SignalingInstance} document. It looks up the end offsets and polls until it has read up to
 * them ({@link CatchUp}): then every record written before the lookup is stored, which is what lets
 * {@link LostInstances} tell a silent instance from a listener that lags or lost Kafka.
 */
@ApplicationScoped
public class InstanceListener {

    private static final Logger LOG = Logger.getLogger(InstanceListener.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Short: until it reads again, this replica judges no instance lost. */
    private static final long MAX_BACKOFF_MS = 5_000;
    /** A catch-up takes a poll or two; ends not reached in this long are stale (the topic was recreated). */
    private static final Duration LOOK_UP_AGAIN_AFTER = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Instant listeningSince;
    private volatile Instant caughtUpAt;
    private Thread thread;

    /** {@code kafkaConfig}: Quarkus' {@code kafka.*} settings without the prefix (the broker the channels use). */
    InstanceListener(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.bootstrapServers = String.valueOf(kafkaConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Since when this replica has read the topic without skipping a record; null while it is not positioned. */
    public Instant listeningSince() {
        return listeningSince;
    }

    /** Every record written before this moment has been stored; null until the first catch-up. */
    public Instant caughtUpAt() {
        return caughtUpAt;
    }

    synchronized void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "signaling-instances");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (KafkaConsumer<String, String> opened = open()) {
                consumer = opened;
                listen(opened);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // it had been reading: a new failure, so retry soon again (not after an earlier outage's backoff)
                if (listeningSince != null) {
                    backoff = 500;
                }
                LOG.warnf("reading %s failed, again in %d ms: %s", Topics.SIGNALING_INSTANCES, backoff, e.toString());
            } finally {
                consumer = null;
                listeningSince = null;
                caughtUpAt = null;
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private KafkaConsumer<String, String> open() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-signaling-instances-" + UUID.randomUUID());
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private void listen(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SIGNALING_INSTANCES, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("no partitions yet");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        // the ends were looked up before now: every record from now on will be read
        listeningSince = Instant.now();
        CatchUp catchUp = new CatchUp(LOOK_UP_AGAIN_AFTER);
        while (running) {
            Instant now = Instant.now();
            if (catchUp.wantsEnds(now)) {
                catchUp.aim(now, consumer.endOffsets(partitions, Duration.ofSeconds(5)));
            }
            store(consumer.poll(POLL));
            Instant reached = catchUp.reached(positions(consumer, partitions));
            if (reached != null) {
                caughtUpAt = reached;
            }
        }
    }

    private static Map<TopicPartition, Long> positions(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        return positions;
    }

    /** One upsert per instance per poll, each field raised to the newest value read ($max: replicas agree). */
    private static void store(Iterable<ConsumerRecord<String, String>> records) {
        Instant heard = Instant.now();
        Map<String, SignalingInstance> newest = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            SignalingInstanceEvent event = readable(record.value());
            if (event == null) {
                continue;
            }
            SignalingInstance instance = newest.computeIfAbsent(event.instanceId(),
                    id -> new SignalingInstance(id, null, null, heard, null));
            instance.startedAt = latest(instance.startedAt, event.payload().startedAt());
            instance.lastRecordAt = latest(instance.lastRecordAt, event.occurredAt());
            if (SignalingInstanceEvent.STOPPED.equals(event.type())) {
                instance.stoppedAt = latest(instance.stoppedAt, event.occurredAt());
            }
        }
        for (SignalingInstance instance : newest.values()) {
            List<Bson> update = new ArrayList<>(List.of(Updates.max("lastHeardAt", instance.lastHeardAt),
                    Updates.max("startedAt", instance.startedAt), Updates.max("lastRecordAt", instance.lastRecordAt)));
            if (instance.stoppedAt != null) {
                update.add(Updates.max("stoppedAt", instance.stoppedAt));
            }
            SignalingInstance.collection().updateOne(Filters.eq("_id", instance.id), Updates.combine(update),
                    new UpdateOptions().upsert(true));
        }
    }

    private static SignalingInstanceEvent readable(String json) {
        try {
            SignalingInstanceEvent event = EventJson.read(json, SignalingInstanceEvent.class);
            if (event.instanceId() != null && event.occurredAt() != null && event.payload() != null
                    && event.payload().startedAt() != null) {
                return event;
            }
            LOG.warnf("skipped a %s record that does not follow its contract", Topics.SIGNALING_INSTANCES);
        } catch (Exception e) {
            LOG.warnf("skipped an unreadable %s record: %s", Topics.SIGNALING_INSTANCES, e.getClass().getSimpleName());
        }
        return null;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
