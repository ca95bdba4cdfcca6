package com.smilingsteps.notification.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Dead-lettered records carry whole events (names and addresses): their topics keep them no longer
 * than the email jobs. Creates each topic if needed and sets its {@code retention.ms}; idempotent.
 */
public final class DeadLetterRetention {

    private static final long TIMEOUT_SECONDS = 10;

    private final String bootstrapServers;

    public DeadLetterRetention(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void apply(List<String> topics, Duration keepFor)
            throws ExecutionException, InterruptedException, TimeoutException {
        String retentionMs = Long.toString(keepFor.toMillis());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            for (String topic : topics) {
                create(admin, topic, retentionMs);
            }
            List<AlterConfigOp> set = List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retentionMs), AlterConfigOp.OpType.SET));
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String topic : topics) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), new ArrayList<>(set));
            }
            admin.incrementalAlterConfigs(changes).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static void create(Admin admin, String topic, String retentionMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs)))).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
