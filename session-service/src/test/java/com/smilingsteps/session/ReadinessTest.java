package com.smilingsteps.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.session.support.SigningKeyResource;

import org.junit.jupiter.api.Test;

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
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "MongoDB connection health check"));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", is("session-service"));
    }
}
