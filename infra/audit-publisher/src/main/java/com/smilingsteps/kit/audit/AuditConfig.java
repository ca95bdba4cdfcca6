package com.smilingsteps.kit.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    default DecisionAggregator.Windows aggregation() {
        return new DecisionAggregator.Windows(aggregateDenialsWithin(), aggregateAllowedActions().orElse(Set.of()),
                aggregateAllowedWithin());
    }

    /** The {@code service} every record names. */
    @WithDefault("${quarkus.application.name}")
    String service();

    /**
     * Identical denials repeated within this time of the first become one more record with a count
     * ({@link DecisionAggregator}); {@code 0s} publishes every denial.
     */
    @WithDefault("0s")
    Duration aggregateDenialsWithin();

    /** Actions whose allowed decisions, repeated identically, are aggregated too (a hot path's). */
    Optional<Set<String>> aggregateAllowedActions();

    /** The window for those allowed decisions. */
    @WithDefault("5m")
    Duration aggregateAllowedWithin();

    /** How many kinds of decision are counted at once; beyond that every decision is published. */
    @WithDefault("10000")
    int aggregateMaxKinds();
}
