package com.smilingsteps.signaling.relay;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once this instance reads the relay topic: before that it cannot place anyone in a room. */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    private final RelayBus bus;

    RelayReadiness(RelayBus bus) {
        this.bus = bus;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling relay").status(bus.isReady()).build();
    }
}
