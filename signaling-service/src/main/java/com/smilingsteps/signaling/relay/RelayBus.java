package com.smilingsteps.signaling.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.signaling.config.SignalingConfig;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;

/**
 * The Kafka topic shared by all signaling instances. Every instance reads every partition from
 * the end as it was at start-up (assigned partitions, no consumer group offsets: nothing old is
 * ever replayed) on one thread, which also calls {@link Listener#onTick()} between polls.
 */
@ApplicationScoped
public class RelayBus {

    /** Called on the relay thread only. */
    public interface Listener {
        void onMessage(RelayMessage message);

        void onTick();

        /** The consumer is positioned: from now on this instance sees everything it publishes. */
        void onReady();
    }

    private static final Logger LOG = Logger.getLogger(RelayBus.class);
    private static final long MIN_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 30_000;
    /** A loop that ran this long before failing starts again with the shortest backoff. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final String topic;
    private final String bootstrapServers;
    private final ObjectMapper mapper;
    private final KafkaProducer<String, String> producer;
    private volatile boolean ready;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile long loopBeat = System.nanoTime();
    private Thread thread;
    private final MeterRegistry metrics;
    private KafkaClientMetrics consumerMetrics;
    /** When the relay loop last came back from poll(): a dead or hung loop stops moving it. */
    private volatile long lastPollNanos = System.nanoTime();

    /** {@code kafkaConfig}: Quarkus' {@code kafka.*} settings without the prefix (the broker the channels use). */
    @Inject
    RelayBus(SignalingConfig config, ObjectMapper mapper, MeterRegistry metrics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this(config, mapper, metrics, String.valueOf(kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
    }

    RelayBus(SignalingConfig config, ObjectMapper mapper, MeterRegistry metrics, String bootstrapServers) {
        this.topic = config.relay().topic();
        this.bootstrapServers = bootstrapServers;
        this.mapper = mapper;
        this.metrics = metrics;
        Gauge.builder("signaling.relay.poll.age.seconds", this, bus -> (System.nanoTime() - bus.lastPollNanos) / 1e9)
                .description("seconds since the relay loop last polled signaling.relay (alert: dead or hung loop)")
                .strongReference(true).register(metrics);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // relay records are worthless after a few seconds: fail fast instead of queueing
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "signaling-relay-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public boolean isReady() {
        return ready;
    }

    /** Publishes {@code message} keyed by {@code key}; {@code onFailure} runs if Kafka does not take it. */
    public void publish(String key, RelayMessage message, Consumer<Exception> onFailure) {
        String json;
        try {
            json = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, json), (metadata, failure) -> {
                if (failure != null) {
                    onFailure.accept(failure);
                }
            });
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }

    public synchronized void start(String instanceId, Listener listener) {
        running = true;
        thread = new Thread(() -> run(instanceId, listener), "signaling-relay");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(3));
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
    }

    /**
     * Supervises the loop: a RuntimeException (a bug in a listener, a broken consumer) restarts it
     * from a fresh position after a backoff, and the listener is told it is ready again. An Error
     * ends the thread; {@link RelayLiveness} then fails so that the pod is restarted.
     */
    private void run(String instanceId, Listener listener) {
        long backoff = MIN_BACKOFF_MS;
        while (running) {
            long attemptStarted = System.nanoTime();
            try {
                consume(instanceId, listener);
            } catch (WakeupException e) {
                // stop() asked us to leave poll()
            } catch (RuntimeException e) {
                ready = false;
                if (System.nanoTime() - attemptStarted > HEALTHY_RUN.toNanos()) {
                    backoff = MIN_BACKOFF_MS;
                }
                LOG.errorf(e, "relay loop failed; restarting it in %d ms", backoff);
                loopBeat = System.nanoTime();
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** One life of the loop: positions a consumer, then polls until stopped or failed. */
    private void consume(String instanceId, Listener listener) {
        while (running && consumer == null) {
            loopBeat = System.nanoTime();
            try {
                consumer = positionedConsumer(instanceId);
            } catch (RuntimeException | ExecutionException | TimeoutException e) {
                LOG.warnf("relay topic %s not reachable yet: %s", topic, e.toString());
                sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running) {
            return;
        }
        try (KafkaConsumer<String, String> c = consumer) {
            ready = true;
            listener.onReady();
            while (running) {
                loopBeat = System.nanoTime();
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(100))) {
                    dispatch(record.value(), listener);
                }
                lastPollNanos = System.nanoTime();
                listener.onTick();
            }
        } finally {
            consumer = null;
        }
    }

    /** How long since the relay loop last came round (positioning, polling or waiting to restart). */
    public Duration sinceLoopBeat() {
        return Duration.ofNanos(System.nanoTime() - loopBeat);
    }

    private void dispatch(String json, Listener listener) {
        RelayMessage message;
        try {
            message = mapper.readValue(json, RelayMessage.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("unreadable relay record skipped: %s", e.getOriginalMessage());
            return;
        }
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.error("relay record not handled", e);
        }
    }

    private KafkaConsumer<String, String> positionedConsumer(String instanceId)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all()
                        .get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "signaling-relay-" + instanceId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "signaling-relay-" + instanceId);
        KafkaConsumer<String, String> created = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        try {
            List<TopicPartition> partitions = created.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                // a topic created a moment ago: its partitions are not in the metadata yet (polling
                // with none assigned would throw and restart the loop with an ERROR)
                throw new IllegalStateException("no partitions of " + topic + " known yet");
            }
            created.assign(partitions);
            created.seekToEnd(partitions);
            Set.copyOf(partitions).forEach(p -> created.position(p, Duration.ofSeconds(10)));
            // kafka_consumer_* series (records lag, fetch rate, connections) for this consumer, which
            // SmallRye's binder does not see: it is not a channel
            consumerMetrics = new KafkaClientMetrics(created);
            consumerMetrics.bindTo(metrics);
            return created;
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
