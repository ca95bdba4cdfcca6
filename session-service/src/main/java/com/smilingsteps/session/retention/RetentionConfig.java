package com.smilingsteps.session.retention;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "retention")
public interface RetentionConfig {

    /** Call metadata of Completed sessions is removed this many months after the call ended. */
    @WithDefault("6")
    int callMetadataMonths();

    /**
     * Audit-log records are deleted this many years after they occurred: at least 6, as health
     * records must be kept (a smaller value stops the service at start-up).
     */
    @WithDefault("6")
    @Min(6)
    int auditLogYears();

    /** When the retention run starts (read by {@code @Scheduled}). */
    @WithDefault("0 0 2 * * ?")
    String cron();
}
