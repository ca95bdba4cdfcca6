package com.smilingsteps.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 4: bookings through the gateway while the MongoDB-wire server is stopped and started
 * again on the same data. A request may fail while the database is away, but only with a problem
 * body; every booking that was answered with its id is there afterwards, and the services report
 * ready again soon after the database is back.
 */
public final class MongoRestart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Result(int attempts, int created, int refusedWithProblem, int bareErrors, int lost,
            Duration downFor, double readyAfterSeconds) {

        @Override
        public String toString() {
            return String.format("scenario 4 (MongoDB stopped %d s and restarted under booking load): %d booking "
                    + "attempts, %d created, %d refused with a problem body, %d errors without one, %d created "
                    + "bookings lost; every service ready %.1f s after the database was back (goal < 10 s)",
                    downFor.toSeconds(), attempts, created, refusedWithProblem, bareErrors, lost, readyAfterSeconds);
        }
    }

    private MongoRestart() {
    }

    public static Result run(ChaosStack stack, Duration downFor) throws Exception {
        Api api = stack.api();
        Api.Account admin = stack.admin();
        Api.Account psychologist = api.newPsychologist(admin, "Dr Mongo");
        Api.Account client = api.newClient("Mongo client");
        Instant first = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        AtomicInteger slot = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        List<String> bare = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                load.add(pool.submit(() -> {
                    while (loading.get()) {
                        Instant at = first.plus(Duration.ofHours(2L * slot.getAndIncrement()));
                        book(stack.gatewayUrl(), admin.token(), client.id(), psychologist.id(), at, created, refused, bare);
                        Processes.sleep(50);
                    }
                }));
            }
            Processes.sleep(3000);
            stack.stopMongo();
            Processes.sleep(downFor.toMillis());
            stack.startMongo();
            double readyAfter = Chaos.seconds(stack.awaitAllReady(Duration.ofSeconds(120)).toNanos());
            Processes.sleep(3000);
            loading.set(false);
            for (Future<?> f : load) {
                f.get();
            }
            int lost = 0;
            for (String id : created) {
                if (api.tryGet("/api/sessions/" + id, client.token()).status() != 200) {
                    lost++;
                }
            }
            Result result = new Result(slot.get(), created.size(), refused.get(), bare.size(), lost, downFor, readyAfter);
            Chaos.check(bare.isEmpty(), "errors without a problem body: " + bare.subList(0, Math.min(3, bare.size())));
            Chaos.check(lost == 0, "bookings lost: " + result);
            return result;
        } finally {
            loading.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * An admin's phone booking for the client (any time the psychologist is free, no daily budget):
     * with the database up every one is created, so each refusal counts the outage, not the booking rules.
     */
    private static void book(String gateway, String adminToken, String clientId, String psychologistId, Instant at,
            List<String> created, AtomicInteger refused, List<String> bare) {
        String body = JSON.createObjectNode().put("psychologistId", psychologistId).put("clientId", clientId)
                .put("sessionDate", at.toString()).put("sessionType", "individual").put("price", 2500).toString();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/sessions"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                created.add(JSON.readTree(response.body()).path("id").asText());
            } else if (isProblem(response)) {
                refused.incrementAndGet();
            } else {
                bare.add(response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("")
                        + " " + response.body());
            }
        } catch (IOException e) {
            bare.add("no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isProblem(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    && body.path("status").asInt() == response.statusCode() && body.hasNonNull("title");
        } catch (IOException e) {
            return false;
        }
    }
}
