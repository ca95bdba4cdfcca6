package com.smilingsteps.session.availability;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@ServiceTest
class AvailabilityTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final LocalDate DAY = LocalDate.now(NAIROBI).plusDays(3);

    private static Instant at(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(NAIROBI).toInstant();
    }

    /** Nine to one and two to five every day, the day after {@link #DAY} off. */
    private static Map<String, Object> officeHours() {
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day.name().toLowerCase(), List.of(Map.of("start", "09:00", "end", "13:00"),
                    Map.of("start", "14:00", "end", "17:00")));
        }
        return Map.of("weekly", weekly, "timeOff", List.of(Map.of("from", DAY.plusDays(1).toString(), "to", DAY.plusDays(1).toString())));
    }

    private static JsonPath slots(Api.Account who, Api.Account psychologist, LocalDate from, LocalDate to) {
        return Api.as(who).queryParam("from", at(from, "00:00").toString()).queryParam("to", at(to, "00:00").toString())
                .get("/api/psychologists/" + psychologist.id() + "/availability").then().statusCode(200).extract().jsonPath();
    }

    private static Api.Account psychologistWithOfficeHours() {
        Api.Account psychologist = Api.newPsychologist();
        Api.as(psychologist).body(officeHours()).put("/api/psychologists/" + psychologist.id() + "/working-hours")
                .then().statusCode(200).body("timeZone", is("Africa/Nairobi"));
        return psychologist;
    }

    @Test
    void slotsFollowTheWorkingHoursAndTimeOffInNairobiTime() {
        Api.Account psychologist = psychologistWithOfficeHours();
        JsonPath day = slots(Api.newClient(), psychologist, DAY, DAY.plusDays(2));
        assertEquals("Africa/Nairobi", day.getString("timeZone"));
        List<String> starts = day.getList("slots.start");
        assertEquals(7, starts.size(), starts.toString());
        assertEquals(at(DAY, "09:00").toString(), starts.get(0));
        assertEquals(at(DAY, "16:00").toString(), starts.get(6));
        assertEquals(at(DAY, "10:00").toString(), day.getString("slots[0].end"));
        Api.as(Api.newClient()).get("/api/psychologists/" + psychologist.id() + "/working-hours").then().statusCode(200)
                .body("hours.weekly.monday.start", is(List.of("09:00", "14:00")))
                .body("hours.timeOff[0].from", is(DAY.plusDays(1).toString()));
    }

    @Test
    void aBookedSlotDisappearsAndCancellingFreesItAgain() {
        Api.Account psychologist = psychologistWithOfficeHours();
        Instant ten = at(DAY, "10:00");
        String id = Api.bookedSession(Api.newClient(), psychologist, ten);
        Api.Account other = Api.newClient();
        assertEquals(List.of(), slots(other, psychologist, DAY, DAY.plusDays(1)).getList("slots.start").stream()
                .filter(ten.toString()::equals).toList());
        Api.book(other, psychologist, ten, "individual").statusCode(409).body("type", is("https://smilingsteps.local/problems/slot-taken"));
        Api.as(Api.admin()).post("/api/sessions/" + id + "/cancel").then().statusCode(200);
        assertEquals(List.of(ten.toString()), slots(other, psychologist, DAY, DAY.plusDays(1)).getList("slots.start").stream()
                .filter(ten.toString()::equals).toList());
    }

    @Test
    void clientsBookOnlyFreeSlotsNamingTheField() {
        Api.Account psychologist = psychologistWithOfficeHours();
        Api.Account client = Api.newClient();
        for (Instant outside : List.of(at(DAY, "13:00"), at(DAY, "10:30"), at(DAY, "07:00"), at(DAY.plusDays(1), "10:00"))) {
            Api.book(client, psychologist, outside, "individual").statusCode(400)
                    .body("type", is("https://smilingsteps.local/problems/outside-availability")).body("field", is("sessionDate"));
        }
        String id = Api.bookedSession(client, psychologist, at(DAY, "11:00"));
        Api.as(client).body(Map.of("sessionDate", at(DAY, "13:30").toString())).post("/api/sessions/" + id + "/reschedule")
                .then().statusCode(400).body("field", is("sessionDate"));
        Api.as(client).body(Map.of("sessionDate", at(DAY, "14:00").toString())).post("/api/sessions/" + id + "/reschedule")
                .then().statusCode(200);
    }

    @Test
    void theNoticeKeepsClientsFromBookingSoonButAnAdminBooksAPhoneClientForInTenMinutes() {
        Api.Account psychologist = Api.newPsychologist();
        Api.Account client = Api.newClient();
        Instant soon = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Api.book(client, psychologist, soon, "individual").statusCode(400).body("type",
                is("https://smilingsteps.local/problems/outside-availability"));
        assertEquals(List.of(), slots(client, psychologist, LocalDate.now(NAIROBI), LocalDate.now(NAIROBI).plusDays(1))
                .getList("slots.start").stream().filter(s -> Instant.parse((String) s).isBefore(Instant.now().plusSeconds(7200))).toList());

        Instant inTenMinutes = Instant.now().plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String id = Api.bookedByAdmin(client, psychologist, inTenMinutes);
        Api.as(client).get("/api/sessions/" + id).then().body("client.id", is(client.id()))
                .body("price", is((int) Api.INDIVIDUAL_RATE)).body("status", is("Pending"));
        // an admin's booking still needs a free psychologist and a client account
        Api.as(Api.admin()).body(Map.of("psychologistId", psychologist.id(), "clientId", Api.newClient().id(),
                "sessionDate", inTenMinutes.plusSeconds(1800).toString(), "sessionType", "individual"))
                .post("/api/sessions").then().statusCode(409);
        Api.as(Api.admin()).body(Map.of("psychologistId", psychologist.id(), "clientId", psychologist.id(),
                "sessionDate", inTenMinutes.plusSeconds(7200).toString(), "sessionType", "individual"))
                .post("/api/sessions").then().statusCode(400).body("field", is("clientId"));
        Api.as(client).body(Map.of("psychologistId", psychologist.id(), "clientId", Api.newClient().id(),
                "sessionDate", Api.daysAhead(3).toString(), "sessionType", "individual"))
                .post("/api/sessions").then().statusCode(400).body("field", is("clientId"));
    }

    @Test
    void onlyThePsychologistOrAnAdminChangesHoursAndBadHoursNameTheField() {
        Api.Account psychologist = Api.newPsychologist();
        String path = "/api/psychologists/" + psychologist.id() + "/working-hours";
        Api.as(Api.newPsychologist()).body(officeHours()).put(path).then().statusCode(403);
        Api.as(Api.newClient()).body(officeHours()).put(path).then().statusCode(403);
        Api.as(Api.admin()).body(officeHours()).put(path).then().statusCode(200);
        Api.as(Api.admin()).queryParam("action", "psychologist.hours").queryParam("size", 200).get("/api/admin/audit")
                .then().body("items.resource", hasItem("user:" + psychologist.id()))
                .body("items.outcome", hasItem("denied"));
        Api.as(psychologist).body(Map.of("weekly", Map.of("monday", List.of(Map.of("start", "13:00", "end", "09:00")))))
                .put(path).then().statusCode(400).body("field", is("weekly.monday"));
        Api.as(psychologist).body(Map.of("weekly", Map.of("funday", List.of()))).put(path).then().statusCode(400)
                .body("field", is("weekly"));
        Api.as(psychologist).body(Map.of("weekly", Map.of("monday", List.of(Map.of("start", "09:00", "end", "12:00"),
                Map.of("start", "11:00", "end", "13:00"))))).put(path).then().statusCode(400).body("field", is("weekly.monday"));
        Api.as(psychologist).body(Map.of("weekly", Map.of(), "timeOff", List.of(Map.of("from", "soon", "to", "later"))))
                .put(path).then().statusCode(400).body("field", is("timeOff"));
        Api.as(psychologist).queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2027-01-01T00:00:00Z")
                .get("/api/psychologists/" + psychologist.id() + "/availability").then().statusCode(400).body("field", is("to"));
        Api.as(psychologist).get("/api/psychologists/" + Api.newClient().id() + "/availability").then().statusCode(404);
        Api.as(psychologist).get("/api/psychologists/" + psychologist.id() + "/availability").then().statusCode(200)
                .body("timeZone", is("Africa/Nairobi"));
    }
}
