package com.smilingsteps.turn.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import com.smilingsteps.kit.audit.AuditPublisher;

import io.smallrye.health.api.HealthGroup;

/** {@code /q/health/group/audit}: DOWN while the latest audit record could not be delivered to Kafka. */
@HealthGroup("audit")
@ApplicationScoped
public class AuditHealthCheck implements HealthCheck {

    private final AuditPublisher audit;

    public AuditHealthCheck(AuditPublisher audit) {
        this.audit = audit;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = audit.lastFailure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit-events delivery to Kafka")
                .withData("published", (long) audit.publishedCount())
                .withData("failed", (long) audit.failedCount());
        return failure == null ? response.up().build() : response.down().withData("lastFailure", failure).build();
    }
}
