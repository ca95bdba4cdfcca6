package com.smilingsteps.signaling;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Readiness;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service boots against the embedded servers and reports ready only after checking them. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    @Test
    void readinessChecksTheServersTheServiceNeeds() {
        // the relay check turns UP a heartbeat interval after the relay consumer is positioned
        Readiness.assertReadyWith("Kafka connection health check", "signaling relay");
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        Readiness.assertMetricsAndOpenApi("signaling-service");
    }
}
