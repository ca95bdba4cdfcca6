package com.smilingsteps.bench.booking;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.e2e.E2eStack;

/**
 * Free slots of one psychologist over 4 weeks, as the booking dialog asks for them, with 500
 * sessions in the database (admin phone bookings three hours apart, so about 220 fall inside the
 * 4 weeks and free slots remain between them) against one with none:
 * p50/p99 over 1,000 requests each through the gateway of the dev stack (issue 13).
 * Run from the repository root with the services packaged; options: {@code [requests=1000] [booked=500]}.
 */
public final class AvailabilityBenchmark {

    private static final Duration WEEKS = Duration.ofDays(28);
    private static final Duration SPACING = Duration.ofHours(3);

    private AvailabilityBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int booked = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path repoRoot = Path.of("").toAbsolutePath();
        System.out.println("Starting the system (dev stack) ...");
        try (E2eStack stack = E2eStack.start(repoRoot, repoRoot.resolve("infra/benchmarks/target/availability-stack"), Map.of())) {
            Api api = stack.api();
            Api.Account admin = stack.admin();
            Api.Account busy = api.newPsychologist(admin, "Dr Busy");
            Api.Account free = api.newPsychologist(admin, "Dr Free");
            Api.Account client = api.newClient("Bench Client");
            long start = System.nanoTime();
            Duration first = Duration.ofHours(3);
            for (int i = 0; i < booked; i++) {
                api.book(admin, client, busy, first.plus(SPACING.multipliedBy(i)));
            }
            System.out.printf("%d sessions booked for Dr Busy over %.1f days in %.1f s%n", booked,
                    SPACING.multipliedBy(booked).toHours() / 24.0, (System.nanoTime() - start) / 1e9);
            measure(api, client, free, requests, "no sessions");
            measure(api, client, busy, requests, booked + " sessions");
        }
    }

    private static void measure(Api api, Api.Account client, Api.Account psychologist, int requests, String label) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String path = "/api/psychologists/" + psychologist.id() + "/availability?from=" + from + "&to=" + from.plus(WEEKS);
        int slots = api.get(path, client.token()).path("slots").size();
        for (int i = 0; i < Math.min(200, requests); i++) {
            api.get(path, client.token()); // warm-up: JIT and connection pools
        }
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            JsonNode answer = api.get(path, client.token());
            histogram.recordValue(System.nanoTime() - t0);
            if (answer.path("slots").size() != slots) {
                throw new IllegalStateException("the free slots changed during the measurement");
            }
        }
        System.out.printf("availability over 4 weeks, %-13s: %4d free slots, %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, slots, requests, histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getMaxValue() / 1e6);
    }
}
