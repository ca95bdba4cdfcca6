package com.smilingsteps.session.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "retention")
public interface RetentionConfig {

    /** Call metadata of Completed sessions is removed this many months after the call ended. */
    @WithDefault("6")
    int callMetadataMonths();

    /** When the retention run starts (read by {@code @Scheduled}). */
    @WithDefault("0 0 2 * * ?")
    String cron();
}
