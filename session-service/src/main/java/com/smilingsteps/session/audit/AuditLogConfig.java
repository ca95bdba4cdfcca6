package com.smilingsteps.session.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How session-service's own denials are aggregated (the same keys as the services' AuditPublisher). */
@ConfigMapping(prefix = "audit")
public interface AuditLogConfig {

    /**
     * Identical denials repeated within this time of the first become one more record with a count
     * (the service kit's {@code DecisionAggregator}); {@code 0s} stores every denial.
     */
    @WithDefault("0s")
    Duration aggregateDenialsWithin();

    /** How often closed windows' counts are stored (read by {@code @Scheduled}). */
    @WithDefault("2s")
    Duration aggregateFlushInterval();

    /** How many kinds of denial are counted at once. */
    @WithDefault("10000")
    int aggregateMaxKinds();
}
