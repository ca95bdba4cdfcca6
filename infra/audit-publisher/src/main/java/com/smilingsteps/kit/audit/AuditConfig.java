package com.smilingsteps.kit.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    /** The {@code service} every record names. */
    @WithDefault("${quarkus.application.name}")
    String service();

    /**
     * Identical denials repeated within this time of the first become one more record with a count
     * ({@link DecisionAggregator}); {@code 0s} publishes every denial.
     */
    @WithDefault("0s")
    Duration aggregateDenialsWithin();

    /** How many kinds of denial are counted at once; beyond that every denial is published. */
    @WithDefault("10000")
    int aggregateMaxKinds();

    /**
     * Actions on a hot path whose allowed decisions are not published one by one but counted per
     * actor and session ({@link DecisionBatch}) and published as {@code AccessDecisionBatch} records.
     */
    Optional<Set<String>> batchAllowedActions();

    /** How often the counted decisions are published; at most this much is lost if the process is killed. */
    @WithDefault("1s")
    Duration batchFlushEvery();

    /** Entries per {@code AccessDecisionBatch} record (about 300 bytes each, well under Kafka's 1 MB). */
    @WithDefault("500")
    int batchEntriesPerRecord();

    /** How many kinds are counted between two flushes; beyond that a decision is published on its own. */
    @WithDefault("100000")
    int batchMaxKinds();

    /** How often the records Kafka did not take are sent again. */
    @WithDefault("10s")
    Duration resendEvery();

    /** How many records Kafka did not take are kept to be sent again (about 400 bytes each); beyond that one is dropped. */
    @WithDefault("10000")
    int unsentCapacity();
}
