package com.smilingsteps.kit.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    /** The {@code service} every record names. */
    @WithDefault("${quarkus.application.name}")
    String service();

    /**
     * Identical denials repeated within this time of the first become one more record with a count
     * ({@link DenialAggregator}); {@code 0s} publishes every denial.
     */
    @WithDefault("0s")
    Duration aggregateDenialsWithin();

    /** How many kinds of denial are counted at once; beyond that every denial is published. */
    @WithDefault("10000")
    int aggregateMaxKinds();
}
