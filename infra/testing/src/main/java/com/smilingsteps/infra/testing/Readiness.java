package com.smilingsteps.infra.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import java.util.List;

/**
 * What every service's ReadinessTest checks against the app under test: it reports ready with
 * its own named checks, and serves Prometheus metrics and its OpenAPI document.
 */
public final class Readiness {

    private static final long WAIT_NANOS = 30_000_000_000L;

    private Readiness() {
    }

    /** Waits (up to 30 s: some checks turn UP shortly after start-up) until the app reports ready. */
    public static void await() {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Asserts the app is ready, including each of {@code checkNames}; returns all the check names. */
    public static List<String> assertReadyWith(String... checkNames) {
        await();
        return given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(checkNames))
                .extract().jsonPath().getList("checks.name", String.class);
    }

    /** Asserts Prometheus metrics are served and the OpenAPI document carries {@code title}. */
    public static void assertMetricsAndOpenApi(String title) {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", is(title));
    }
}
