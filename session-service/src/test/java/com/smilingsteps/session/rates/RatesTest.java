package com.smilingsteps.session.rates;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.smilingsteps.session.account.User;
import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class RatesTest {

    private static final Instant LATER = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Test
    void aClientCannotBuyASessionFor1Kes() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        Api.as(client).body(Map.of("psychologistId", psychologist.id(), "sessionDate", LATER.toString(),
                "sessionType", "individual", "price", 1)).post("/api/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("price"));
        // nothing was booked: the slot is still free for the real price
        String id = Api.bookedSession(client, psychologist, LATER);
        Api.as(client).get("/api/sessions/" + id).then().body("price", is((int) Api.INDIVIDUAL_RATE));
        // a "group" here would be a one-to-one session at the cheaper group rate: group seats are booked
        // through /api/group-sessions, whose room holds the group
        Api.as(client).body(Map.of("psychologistId", psychologist.id(), "sessionDate", LATER.plus(2, ChronoUnit.HOURS).toString(),
                "sessionType", "group", "price", Api.GROUP_RATE)).post("/api/sessions").then().statusCode(400)
                .contentType("application/problem+json").body("field", is("sessionType"));
    }

    @Test
    void aRateChangeAppliesToNewBookingsOnlyAndReschedulingKeepsThePrice() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String before = Api.bookedSession(client, psychologist, LATER.plus(1, ChronoUnit.DAYS));

        Api.setRates(psychologist, 4000, 3000);
        Api.as(client).queryParam("q", Api.psychologistName(psychologist)).get("/api/psychologists").then().statusCode(200)
                .body("items.find { it.id == '" + psychologist.id() + "' }.rates.individual", is(4000))
                .body("items.find { it.id == '" + psychologist.id() + "' }.rates.group", is(3000));
        Api.as(client).get("/api/sessions/" + before).then().body("price", is((int) Api.INDIVIDUAL_RATE));
        String after = Api.bookedSession(client, psychologist, LATER.plus(2, ChronoUnit.DAYS));
        Api.as(client).get("/api/sessions/" + after).then().body("price", is(4000));

        Api.as(client).body(Map.of("sessionDate", LATER.plus(3, ChronoUnit.DAYS).toString()))
                .post("/api/sessions/" + before + "/reschedule").then().statusCode(200)
                .body("price", is((int) Api.INDIVIDUAL_RATE));
    }

    @Test
    void onlyAdminsSetRatesAndEveryChangeIsAudited() {
        Api.Account psychologist = Api.newPsychologist();
        Api.as(psychologist).body(Map.of("individual", 1, "group", 1))
                .put("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(403);
        Api.as(Api.newClient()).body(Map.of("individual", 1, "group", 1))
                .put("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(403);
        Api.as(Api.admin()).body(Map.of("individual", 0, "group", 100))
                .put("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(400)
                .body("field", is("individual"));
        Api.as(Api.admin()).body(Map.of("individual", 100, "group", 100))
                .put("/api/admin/psychologists/" + Api.newClient().id() + "/rates").then().statusCode(404);
        Api.setRates(psychologist, 3100, 2100);
        Api.as(Api.admin()).queryParam("action", "admin.psychologists.rates").queryParam("size", 200)
                .get("/api/admin/audit").then().statusCode(200)
                .body("items.resource", hasItem("user:" + psychologist.id()));
    }

    @Test
    void adminsReadTheRatesTheySetAndAPsychologistWithoutRatesHasNone() {
        Api.Account psychologist = Api.newPsychologist();
        Api.setRates(psychologist, 3300, 2200);
        Api.as(Api.admin()).get("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(200)
                .body("individual", is(3300)).body("group", is(2200));
        Api.as(psychologist).get("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(403);
        Api.as(Api.admin()).get("/api/admin/psychologists/" + Api.newClient().id() + "/rates").then().statusCode(404);
        User.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(psychologist.id())), Updates.unset("rates"));
        Api.as(Api.admin()).get("/api/admin/psychologists/" + psychologist.id() + "/rates").then().statusCode(200)
                .body("individual", nullValue()).body("group", nullValue());
    }

    @Test
    void aPsychologistWithoutARateCannotBeBooked() {
        Api.Account psychologist = Api.newPsychologist();
        User.mongoCollection().updateOne(Filters.eq("_id", new ObjectId(psychologist.id())), Updates.unset("rates"));
        Api.book(Api.newClient(), psychologist, LATER.plus(5, ChronoUnit.DAYS), "individual").statusCode(409)
                .body("type", is("https://smilingsteps.local/problems/rate-not-set"));
    }
}
