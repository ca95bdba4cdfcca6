package com.smilingsteps.notification.config;

import io.smallrye.config.ConfigMapping;

/** Settings shared with the rest of the system. */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    /** The public address of the web app (APP_PUBLIC_URL); join links point at it. */
    String publicUrl();
}
