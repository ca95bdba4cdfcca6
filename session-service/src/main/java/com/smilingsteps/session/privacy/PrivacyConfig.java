package com.smilingsteps.session.privacy;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "privacy")
public interface PrivacyConfig {

    /**
     * notification-service's base URLs (NOTIFICATION_SERVICE_URL, the gateway's too; a comma list
     * when it runs replicated): the export asks them in turn for the emails sent to the caller.
     */
    List<String> notificationServiceUrls();

    /** How long the export waits for notification-service before answering 503. */
    @WithDefault("PT10S")
    Duration notificationServiceTimeout();
}
