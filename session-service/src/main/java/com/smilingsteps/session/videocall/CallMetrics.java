package com.smilingsteps.session.videocall;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Call outcomes for dashboards: {@code video_calls_total{status}}, {@code video_call_relay_total},
 * {@code video_call_time_to_connect_seconds} and {@code video_call_duration_seconds}.
 */
@ApplicationScoped
public class CallMetrics {

    private final MeterRegistry registry;

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void started() {
        calls("started").increment();
    }

    public void completed(Duration duration) {
        calls("completed").increment();
        Timer.builder("video.call.duration")
                .description("Length of completed video calls")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMinutes(1))
                .maximumExpectedValue(Duration.ofHours(3))
                .register(registry)
                .record(duration);
    }

    public void failed() {
        calls("failed").increment();
    }

    public void connected(Duration timeToConnect, boolean relayed) {
        Timer.builder("video.call.time.to.connect")
                .description("From joining the room to the first connected media path")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(timeToConnect);
        if (relayed) {
            Counter.builder("video.call.relay").description("Calls whose media went through the TURN relay")
                    .register(registry).increment();
        }
    }

    private Counter calls(String status) {
        return Counter.builder("video.calls").description("Video calls by outcome").tag("status", status)
                .register(registry);
    }
}
