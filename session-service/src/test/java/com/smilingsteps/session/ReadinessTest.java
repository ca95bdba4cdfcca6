package com.smilingsteps.session;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.session.support.SigningKeyResource;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Readiness;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service boots against the embedded servers and reports ready only after checking them. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SigningKeyResource.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    @Test
    void readinessChecksTheServersTheServiceNeeds() {
        Readiness.assertReadyWith("Kafka connection health check", "MongoDB connection health check");
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        Readiness.assertMetricsAndOpenApi("session-service");
    }
}
