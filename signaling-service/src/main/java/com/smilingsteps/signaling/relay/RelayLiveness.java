package com.smilingsteps.signaling.relay;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import com.smilingsteps.signaling.config.SignalingConfig;

/**
 * Alive while the relay loop keeps coming round. The loop restarts itself after exceptions; if
 * its thread died anyway (an Error) or hangs, only a restart of the process brings rooms back.
 */
@Liveness
@ApplicationScoped
public class RelayLiveness implements HealthCheck {

    private final RelayBus bus;
    private final Duration timeout;

    RelayLiveness(RelayBus bus, SignalingConfig config) {
        this.bus = bus;
        this.timeout = config.relay().livenessTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        Duration silent = bus.sinceLoopBeat();
        return HealthCheckResponse.named("signaling relay loop").status(silent.compareTo(timeout) < 0)
                .withData("silentMillis", silent.toMillis()).build();
    }
}
