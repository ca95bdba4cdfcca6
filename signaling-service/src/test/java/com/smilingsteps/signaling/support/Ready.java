package com.smilingsteps.signaling.support;

import static io.restassured.RestAssured.given;

/** Waits until the app under test reports ready: its relay check turns UP shortly after start-up. */
public final class Ready {

    private Ready() {
    }

    public static void await() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
