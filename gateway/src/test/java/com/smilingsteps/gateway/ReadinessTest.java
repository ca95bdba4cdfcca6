package com.smilingsteps.gateway;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.Readiness;

import com.smilingsteps.infra.testing.JwtResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The gateway boots and reports ready; it depends on no server of its own to accept traffic. */
@QuarkusTest
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class ReadinessTest {

    @Test
    void reportsReady() {
        Readiness.assertReadyWith();
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        Readiness.assertMetricsAndOpenApi("gateway");
    }
}
