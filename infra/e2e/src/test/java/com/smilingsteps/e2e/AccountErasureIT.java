package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * The right to erasure across the running system (issue 15): a client who registered with a phone,
 * booked, paid by M-Pesa and was mailed, erases their account; afterwards not one document in any
 * collection of any service's database (enumerated, not listed here) holds their email address or
 * phone number, and they cannot sign in.
 */
@ExtendWith(StackExtension.class)
class AccountErasureIT {

    @Test
    void anErasedClientsAddressAndPhoneAreInNoCollectionOfAnyService(StackExtension.Harness harness) {
        Api api = harness.api();
        String email = "erase-" + UUID.randomUUID() + "@example.test";
        String phone = "2547" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String password = "Erase-pass-" + UUID.randomUUID();
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", "Wanjiru Erasure");
        registration.put("email", email);
        registration.put("password", password);
        registration.put("phone", phone);
        registration.put("privacyNotice", Api.PRIVACY_NOTICE);
        api.post("/api/auth/register", null, registration);
        Api.Account client = api.verify(api.inbox().linkIn(email, "Confirm your email address", Duration.ofSeconds(60)), password);

        Api.Account admin = harness.stack().admin();
        Api.Account psychologist = api.newPsychologist(admin, "Dr Erasure");
        String sessionId = api.book(admin, client, psychologist, Duration.ofMinutes(45)).path("id").asText();
        api.post("/api/sessions/" + sessionId + "/payment/mpesa", client.token(), Map.of("phone", phone));
        awaitStatus(api, client, sessionId, "Confirmed");
        assertExportHoldsTheirEmailsAndNobodyElses(api, client, psychologist, sessionId);

        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + harness.stack().devStack().ports().mongo())) {
            // the scan can fail: before the erasure it finds the account and notification-service's email jobs
            List<String> before = mentions(mongo, email, phone);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (before.stream().noneMatch(m -> m.startsWith("notifications.")) && System.nanoTime() < deadline) {
                sleep(1000);
                before = mentions(mongo, email, phone);
            }
            assertTrue(before.stream().anyMatch(m -> m.startsWith("sessions.users")), "the scan finds the account: " + before);
            assertTrue(before.stream().anyMatch(m -> m.startsWith("notifications.")), "and the emails to them: " + before);

            assertEquals(403, api.tryDelete("/api/users/me", client.token(), Map.of("password", "not-the-password")).status());
            assertEquals(204, api.tryDelete("/api/users/me", client.token(), Map.of("password", password)).status());

            // notification-service erases its part when AccountErased reaches it through Kafka
            List<String> after = mentions(mongo, email, phone);
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!after.isEmpty() && System.nanoTime() < deadline) {
                sleep(1000);
                after = mentions(mongo, email, phone);
            }
            assertEquals(List.of(), after, "documents still naming the erased client");
            assertTrue(mongo.listDatabaseNames().into(new ArrayList<>()).size() >= 2, "every service's database was read");
        }
        Api.Answer login = api.tryPost("/api/auth/login", null, Map.of("email", email, "password", password));
        assertEquals(401, login.status(), login.body().toString());
        assertEquals("Cancelled", api.session(psychologist, sessionId).path("status").asText(),
                "the upcoming session is cancelled, and the psychologist still sees it");
        assertFalse(api.session(psychologist, sessionId).toString().toLowerCase(Locale.ROOT).contains(email));
    }

    /**
     * The right of access through the running services: one document from session-service with the
     * emails notification-service holds for them (read with their token), and nobody else's.
     */
    private static void assertExportHoldsTheirEmailsAndNobodyElses(Api api, Api.Account client, Api.Account psychologist,
            String sessionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        com.fasterxml.jackson.databind.JsonNode export = api.get("/api/users/me/export", client.token());
        while (export.path("emails").path("jobs").isEmpty() && System.nanoTime() < deadline) {
            sleep(1000); // the confirmation reaches notification-service through Kafka
            export = api.get("/api/users/me/export", client.token());
        }
        assertEquals(sessionId, export.path("sessions").path(0).path("id").asText(), export.toString());
        assertFalse(export.path("emails").path("jobs").isEmpty(), "the emails sent to them: " + export);
        export.path("emails").path("jobs").forEach(job -> assertEquals(client.email(), job.path("to").asText(), job.toString()));
        assertFalse(export.toString().contains(psychologist.email()), "nothing of the psychologist's but their name");
        com.fasterxml.jackson.databind.JsonNode theirs = api.get("/api/users/me/export", psychologist.token());
        assertFalse(theirs.toString().toLowerCase(Locale.ROOT).contains(client.email().toLowerCase(Locale.ROOT)),
                "the psychologist's export holds none of the client's emails: " + theirs);
    }

    /** "database.collection: document" for every document of every collection of every database naming them. */
    private static List<String> mentions(MongoClient mongo, String email, String phone) {
        String local = "0" + phone.substring(3);
        List<String> found = new ArrayList<>();
        for (String dbName : mongo.listDatabaseNames()) {
            MongoDatabase db = mongo.getDatabase(dbName);
            for (String collection : db.listCollectionNames()) {
                for (Document doc : db.getCollection(collection).find()) {
                    String json = doc.toJson().toLowerCase(Locale.ROOT);
                    if (json.contains(email.toLowerCase(Locale.ROOT)) || json.contains(phone) || json.contains(local)) {
                        found.add(dbName + "." + collection + ": " + abbreviate(json));
                    }
                }
            }
        }
        return found;
    }

    private static String abbreviate(String json) {
        return json.length() > 400 ? json.substring(0, 400) + "…" : json;
    }

    private static void awaitStatus(Api api, Api.Account who, String sessionId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!status.equals(api.session(who, sessionId).path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + sessionId + " not " + status + ": " + api.session(who, sessionId));
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
