package com.smilingsteps.turn.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.smilingsteps.turn.credentials.VideoCallConfigService;

/**
 * Readiness covers only what minting needs: the secret and HMAC-SHA1. Neither coturn (its own
 * {@code turn} group) nor Kafka (audit is fire-and-forget, see the {@code audit} group) can stop
 * this service from handing out credentials, so neither takes it out of rotation.
 */
@Readiness
@ApplicationScoped
public class MintingReadinessCheck implements HealthCheck {

    private final VideoCallConfigService service;

    public MintingReadinessCheck(VideoCallConfigService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("TURN credential minting").status(service.canMint()).build();
    }
}
