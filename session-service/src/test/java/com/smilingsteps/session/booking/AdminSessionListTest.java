package com.smilingsteps.session.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@ServiceTest
class AdminSessionListTest {

    /** 600 sessions of one psychologist, one every 5 hours from 100 days ago: half past, half to come. */
    private static List<Instant> sixHundredSessions(Api.Account client, Api.Account psychologist) {
        Instant first = Instant.now().minus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Session> sessions = new ArrayList<>();
        List<Instant> dates = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Session s = new Session();
            s.id = new ObjectId();
            s.client = new Party(client.id(), "Client", client.email());
            s.psychologist = new Party(psychologist.id(), "Dr", psychologist.email());
            s.sessionDate = first.plus(Duration.ofHours(5L * i));
            s.sessionType = "individual";
            s.price = 2500;
            s.status = i % 2 == 0 ? SessionStatus.COMPLETED : SessionStatus.CANCELLED;
            s.paymentStatus = i % 3 == 0 ? PaymentStatus.PAID : PaymentStatus.PENDING;
            s.createdAt = s.sessionDate.minus(Duration.ofDays(1));
            s.updatedAt = s.createdAt;
            sessions.add(s);
            dates.add(s.sessionDate);
        }
        Session.collection().insertMany(sessions);
        return dates;
    }

    private static ExtractableResponse<Response> page(Api.Account who, Object... params) {
        var request = Api.as(who);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/api/sessions").then().statusCode(200).extract();
    }

    @Test
    void adminsPageNewestFirstPast500WithATotalAndFilters() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        List<Instant> dates = sixHundredSessions(client, psychologist);

        var first = page(Api.admin(), "psychologistId", psychologist.id(), "size", 50);
        assertEquals("600", first.header("X-Total-Count"));
        List<String> firstDates = first.jsonPath().getList("sessionDate");
        assertEquals(50, firstDates.size());
        assertEquals(dates.get(599).toString(), firstDates.get(0), "the newest session comes first");
        assertEquals(dates.get(550).toString(), firstDates.get(49));

        List<String> last = page(Api.admin(), "psychologistId", psychologist.id(), "size", 50, "page", 11).jsonPath()
                .getList("sessionDate");
        assertEquals(dates.get(0).toString(), last.get(49), "the oldest is on the last page");
        assertEquals(List.of(), page(Api.admin(), "psychologistId", psychologist.id(), "size", 50, "page", 12).jsonPath()
                .getList("id"));

        assertEquals("300", page(Api.admin(), "psychologistId", psychologist.id(), "status", "Completed", "size", 1)
                .header("X-Total-Count"));
        assertEquals("200", page(Api.admin(), "clientId", client.id(), "paymentStatus", "Paid", "size", 1)
                .header("X-Total-Count"));
        assertEquals("10", page(Api.admin(), "psychologistId", psychologist.id(), "from", dates.get(100).toString(),
                "to", dates.get(110).toString()).header("X-Total-Count"));

        Api.as(Api.admin()).queryParam("size", 501).get("/api/sessions").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.is("size"));
        Api.as(Api.admin()).queryParam("order", "random").get("/api/sessions").then().statusCode(400);
    }

    @Test
    void aPsychologistSeesUpcomingSessionsFirstAndPagesThroughThePast() {
        Api.Account psychologist = Api.newPsychologist();
        sixHundredSessions(Api.newClient(), psychologist);
        Instant boundary = Instant.now().minus(Duration.ofHours(2));

        var upcoming = page(psychologist, "scope", "upcoming", "size", 20);
        List<Instant> soon = upcoming.jsonPath().getList("sessionDate", String.class).stream().map(Instant::parse).toList();
        assertTrue(soon.get(0).isAfter(boundary.minusSeconds(1)) && soon.get(0).isBefore(boundary.plus(Duration.ofHours(5))),
                "the next session comes first: " + soon.get(0));
        for (int i = 1; i < soon.size(); i++) {
            assertTrue(soon.get(i).isAfter(soon.get(i - 1)));
        }
        var past = page(psychologist, "scope", "past", "size", 20, "page", 1);
        List<Instant> earlier = past.jsonPath().getList("sessionDate", String.class).stream().map(Instant::parse).toList();
        assertTrue(earlier.stream().allMatch(d -> d.isBefore(boundary)));
        for (int i = 1; i < earlier.size(); i++) {
            assertTrue(earlier.get(i).isBefore(earlier.get(i - 1)), "the past pages latest first");
        }
        assertEquals(600, Long.parseLong(upcoming.header("X-Total-Count")) + Long.parseLong(past.header("X-Total-Count")));
        // a psychologist cannot widen the list to another psychologist's sessions: the filter is ignored
        assertEquals(past.header("X-Total-Count"), page(psychologist, "psychologistId", Api.newPsychologist().id(),
                "scope", "past", "size", 1).header("X-Total-Count"));
    }
}
