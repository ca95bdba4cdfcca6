package com.smilingsteps.turn.health;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * {@code /q/health/group/turn}: whether every TURN server answers STUN. Deliberately not part of
 * readiness: without relay most calls still connect directly, and taking the credentials
 * endpoint out of rotation would not bring coturn back.
 */
@HealthGroup("turn")
@ApplicationScoped
public class TurnHealthCheck implements HealthCheck {

    private final TurnServerProbe probe;

    public TurnHealthCheck(TurnServerProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("TURN servers answer STUN Binding over UDP");
        Map<String, TurnServerProbe.Status> results = probe.probeAll();
        if (results.isEmpty()) {
            return response.down().withData("reason", "no turn: or stun: URL configured (TURN_URLS)").build();
        }
        boolean allUp = true;
        for (Map.Entry<String, TurnServerProbe.Status> result : results.entrySet()) {
            allUp &= result.getValue().up();
            response.withData(result.getKey(), (result.getValue().up() ? "UP: " : "DOWN: ") + result.getValue().detail());
        }
        return response.status(allUp).build();
    }
}
