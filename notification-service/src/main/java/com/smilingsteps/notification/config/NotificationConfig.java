package com.smilingsteps.notification.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

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

    Retention retention();

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

    /**
     * Finished email jobs hold names and addresses: they are erased (dead letters redacted) once
     * older than {@link #keepFor()}, and the dead-letter topics keep records no longer either.
     */
    interface Retention {

        /** {@code notification.retention.keep-for}: how long a finished job is kept. */
        @WithDefault("30d")
        Duration keepFor();

        /** How often the erasing sweep runs ({@code off} disables it); read by {@code @Scheduled}. */
        @WithDefault("1h")
        String every();

        /** Dead-letter topics whose {@code retention.ms} is set to {@link #keepFor()}. */
        @WithDefault("session-events.dlq,account-events.dlq")
        List<String> deadLetterTopics();
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
