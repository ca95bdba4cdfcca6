package com.smilingsteps.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

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
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", is("gateway"));
    }
}
