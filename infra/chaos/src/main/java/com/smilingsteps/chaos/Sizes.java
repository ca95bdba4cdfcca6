package com.smilingsteps.chaos;

import java.time.Duration;

/** How big each scenario runs: the full sizes (runner) or shortened ones that fit CI. */
public record Sizes(int hostileFrames, int calls, Duration coturnDown, int reminders, int remindersInOutage,
        Duration smtpDown, int bookings, Duration kafkaDown, Duration mongoDown) {

    /** What {@code ./mvnw verify} runs (ChaosIT). */
    public static final Sizes CI = new Sizes(2_000, 10, Duration.ofSeconds(2), 2_000, 50, Duration.ofSeconds(30), 40,
            Duration.ofSeconds(15), Duration.ofSeconds(5));

    /** The sizes (ChaosRunner). */
    public static final Sizes FULL = new Sizes(10_000, 50, Duration.ofSeconds(5), 10_000, 200, Duration.ofMinutes(5), 500,
            Duration.ofSeconds(60), Duration.ofSeconds(10));
}
