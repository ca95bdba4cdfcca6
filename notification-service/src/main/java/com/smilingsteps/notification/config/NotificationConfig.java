package com.smilingsteps.notification.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the notification service sends, when, and how hard it tries. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /** Shown in every email. */
    @WithDefault("Smiling Steps")
    String practiceName();

    /** Session times in emails are written in this zone (the practice is in Kenya). */
    @WithDefault("Africa/Nairobi")
    ZoneId timeZone();

    /** How long before the session the "Video Call Starting Soon" reminder goes out. */
    @WithDefault("15m")
    Duration reminderLead();

    Dispatch dispatch();

    Backends backends();

    /**
     * The MongoDB database and SMTP server: Quarkus' own settings (the mailer and the client use
     * them), read here too so the stores and the readiness check name the same ones.
     */
    interface Backends {

        @WithDefault("${quarkus.mongodb.database}")
        String database();

        @WithDefault("${quarkus.mailer.host}")
        String smtpHost();

        @WithDefault("${quarkus.mailer.port}")
        int smtpPort();
    }

    interface Dispatch {

        /** How often the scheduled sweep runs ({@code off} disables it); read by {@code @Scheduled}. */
        @WithDefault("30s")
        String every();

        /** Job ids looked at per round of a sweep. */
        @WithDefault("200")
        int batchSize();

        /** Emails one worker sends at the same time. */
        @WithDefault("8")
        int concurrency();

        /** How long a claimed job stays reserved for its worker; longer than any single send. */
        @WithDefault("2m")
        Duration lease();

        /** Attempts (first send included) before a job is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        @WithDefault("15s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** Upper bound of one SMTP send; must stay well below {@link #lease()}. */
        @WithDefault("30s")
        Duration sendTimeout();
    }
}
