package com.smilingsteps.turn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Readiness;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service boots against the embedded servers. Readiness checks only what minting needs:
 * Kafka (audit, fire-and-forget) and coturn (its own {@code turn} group) stay out of it.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(CoturnResource.class)
class ReadinessTest {

    @Test
    void readinessChecksWhatMintingNeeds() {
        List<String> checks = Readiness.assertReadyWith("TURN credential minting");
        assertTrue(checks.stream().noneMatch(name -> name.contains("Kafka")), checks::toString);
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        Readiness.assertMetricsAndOpenApi("turn-credentials-service");
    }
}
