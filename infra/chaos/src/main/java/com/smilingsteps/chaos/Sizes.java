package com.smilingsteps.chaos;

import java.time.Duration;

/** How big each scenario runs: the full sizes (runner) or shortened ones that fit CI. */
public record Sizes(int hostileFrames, int calls, Duration coturnDown, int reminders, int remindersInOutage,
        Duration smtpDown, int bookings, Duration kafkaDown, Duration mongoDown, int soakCalls, Duration soak) {

    /** What {@code ./mvnw verify} runs (ChaosIT; the soak only through the runner's {@code --ci 7}). */
    public static final Sizes CI = new Sizes(2_000, 10, Duration.ofSeconds(2), 1_000, 50, Duration.ofSeconds(10), 40,
            Duration.ofSeconds(15), Duration.ofSeconds(5), 10, Duration.ofMinutes(2));

    /** The sizes (ChaosRunner). */
    public static final Sizes FULL = new Sizes(10_000, 50, Duration.ofSeconds(5), 10_000, 200, Duration.ofMinutes(5), 500,
            Duration.ofSeconds(60), Duration.ofSeconds(10), 50, Duration.ofMinutes(30));
}
