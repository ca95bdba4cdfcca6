package com.smilingsteps.notification.retention;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoDatabase;
import com.smilingsteps.notification.config.NotificationConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * Every {@code notification.retention.every} (1 h) erases email jobs older than
 * {@code notification.retention.keep-for} and keeps the dead-letter topics' retention equal to it.
 * Replicas may run it at the same time: both steps are idempotent.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final JobRetention jobs;
    private final DeadLetterRetention deadLetters;
    private final NotificationConfig.Retention config;
    private final Clock clock;
    private final Counter erased;

    /** {@code kafkaConfig}: Quarkus' {@code kafka.*} settings without the prefix (the broker the channels use). */
    RetentionJob(MongoDatabase database, NotificationConfig config, Clock clock, MeterRegistry metrics,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.jobs = new JobRetention(database);
        this.deadLetters = new DeadLetterRetention(
                String.valueOf(kafkaConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)));
        this.config = config.retention();
        this.clock = clock;
        this.erased = Counter.builder("notification_jobs_erased_total")
                .description("Finished email jobs erased or dead letters redacted after the retention period")
                .register(metrics);
    }

    @Scheduled(identity = "notification-retention", every = "${notification.retention.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            sweepNow();
        } catch (Exception e) {
            LOG.errorf("retention sweep failed, next run retries: %s", e.toString());
        }
    }

    /** Erases what is past retention now and sets the dead-letter topics' retention. */
    public JobRetention.Erased sweepNow() throws Exception {
        JobRetention.Erased result = jobs.eraseBefore(clock.instant().minus(config.keepFor()));
        erased.increment(result.jobs() + result.deadLettersRedacted());
        if (result.jobs() + result.deadLettersRedacted() > 0) {
            LOG.infof("retention: %d finished email jobs erased, %d dead letters redacted", result.jobs(),
                    result.deadLettersRedacted());
        }
        deadLetters.apply(config.deadLetterTopics(), config.keepFor());
        return result;
    }
}
