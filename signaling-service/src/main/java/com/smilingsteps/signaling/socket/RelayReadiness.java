package com.smilingsteps.signaling.socket;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once this instance reads the relay topic and has heard the other instances' members:
 * before that it cannot place anyone in a room.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    private final Signaling signaling;

    RelayReadiness(Signaling signaling) {
        this.signaling = signaling;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling relay").status(signaling.isReady()).build();
    }
}
