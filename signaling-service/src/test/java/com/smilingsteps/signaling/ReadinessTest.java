package com.smilingsteps.signaling;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.signaling.support.Ready;

import org.junit.jupiter.api.Test;

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
        Ready.await();
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Kafka connection health check", "signaling relay"));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", is("signaling-service"));
    }
}
