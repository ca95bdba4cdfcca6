package com.smilingsteps.session.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.booking.Session;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Drives the service's own REST API the way the SPA does, to set up users and sessions for a test. */
public final class Api {

    public static final String ADMIN_EMAIL = "admin@smilingsteps.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    /** The rates {@link #newPsychologist()} sets, in KES. */
    public static final long INDIVIDUAL_RATE = 2500;
    public static final long GROUP_RATE = 1500;

    private Api() {
    }

    public record Account(String id, String email, String token) {
    }

    public static RequestSpecification as(Account account) {
        return given().header("Authorization", "Bearer " + account.token()).contentType(ContentType.JSON);
    }

    private static Account admin;

    /** The bootstrap admin (created from BOOTSTRAP_ADMIN_* config), logged in once per test JVM. */
    public static synchronized Account admin() {
        if (admin == null) {
            admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return admin;
    }

    /** The audit records of one session, newest first. */
    public static io.restassured.path.json.JsonPath auditOf(String sessionId, String action) {
        return as(admin()).queryParam("sessionId", sessionId).queryParam("action", action).queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
    }

    public static Account login(String email, String password) {
        var body = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
        return new Account(body.getString("user.id"), email, body.getString("token"));
    }

    /**
     * A client with a verified address, created by an admin (self-registration needs the mailed
     * link: {@link AccountMails#registeredAndVerified}).
     */
    public static Account newClient() {
        String email = "client-" + UUID.randomUUID() + "@example.test";
        as(admin()).body(Map.of("name", "Client " + email.substring(7, 13), "email", email, "password", CLIENT_PASSWORD,
                "role", "client")).post("/api/admin/users").then().statusCode(201);
        return login(email, CLIENT_PASSWORD);
    }

    public static final String CLIENT_PASSWORD = "client-password";

    public static Account newPsychologist() {
        String email = "psy-" + UUID.randomUUID() + "@example.test";
        as(admin()).body(Map.of("name", "Dr " + email.substring(4, 10), "email", email, "password", "psy-password",
                "role", "psychologist", "specialties", java.util.List.of("anxiety"), "bio", "Counselling psychologist"))
                .post("/api/admin/users").then().statusCode(201);
        Account psychologist = login(email, "psy-password");
        setRates(psychologist, INDIVIDUAL_RATE, GROUP_RATE);
        workAllDay(psychologist);
        return psychologist;
    }

    /** Working hours round the clock (the test profile has no buffer: every hour is a slot). */
    public static void workAllDay(Account psychologist) {
        Map<String, Object> allDay = new java.util.LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            allDay.put(day.name().toLowerCase(), java.util.List.of(Map.of("start", "00:00", "end", "24:00")));
        }
        as(admin()).body(Map.of("weekly", allDay, "timeOff", java.util.List.of()))
                .put("/api/psychologists/" + psychologist.id() + "/working-hours").then().statusCode(200);
    }

    /** An on-the-hour time {@code days} ahead: a slot of {@link #newPsychologist()}'s hours. */
    public static Instant daysAhead(int days) {
        return Instant.now().plus(days, java.time.temporal.ChronoUnit.DAYS).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    /** An admin's phone booking for the client: any free time, no notice needed. */
    public static String bookedByAdmin(Account client, Account psychologist, Instant when) {
        return as(admin()).body(Map.of("psychologistId", psychologist.id(), "clientId", client.id(),
                "sessionDate", when.toString(), "sessionType", "individual")).post("/api/sessions").then().statusCode(201)
                .extract().path("id");
    }

    /** The directory name {@link #newPsychologist()} gives. */
    public static String psychologistName(Account psychologist) {
        return "Dr " + psychologist.email().substring(4, 10);
    }

    public static void setRates(Account psychologist, long individual, long group) {
        as(admin()).body(Map.of("individual", individual, "group", group))
                .put("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(200);
    }

    public static ValidatableResponse book(Account client, Account psychologist, Instant when, String type) {
        return as(client).body(Map.of("psychologistId", psychologist.id(), "sessionDate", when.toString(),
                "sessionType", type)).post("/api/sessions").then();
    }

    public static String bookedSession(Account client, Account psychologist, Instant when) {
        return book(client, psychologist, when, "individual").statusCode(201).extract().path("id");
    }

    public static void confirmPayment(String sessionId) {
        as(admin()).post("/api/sessions/" + sessionId + "/payment/confirm").then().statusCode(200);
    }

    /** A paid session that starts in a few minutes: inside the call window. */
    public static String paidSessionStartingSoon(Account client, Account psychologist) {
        return paidSessionStartingSoon(client, psychologist, Instant.now().plusSeconds(600));
    }

    /** A paid session booked by an admin for {@code bookedFor} (tests then move it where they need it). */
    public static String paidSessionStartingSoon(Account client, Account psychologist, Instant bookedFor) {
        String id = bookedByAdmin(client, psychologist, bookedFor);
        confirmPayment(id);
        return id;
    }

    /** Moves a session in time directly in the database (booking refuses past dates, tests need them). */
    public static void moveSessionDate(String sessionId, Instant when) {
        Session.collection().updateOne(Filters.eq("_id", new ObjectId(sessionId)),
                Updates.combine(Updates.set("sessionDate", when), Updates.unset("slotKey")));
    }
}
