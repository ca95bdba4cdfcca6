package com.smilingsteps.session.account;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ServiceTest
class DirectoryTest {

    private static String psychologist(String name, List<String> specialties, List<String> languages) {
        String email = "dir-" + UUID.randomUUID() + "@example.test";
        return Api.as(Api.admin()).body(Map.of("name", name, "email", email, "password", "psy-password",
                "role", "psychologist", "specialties", specialties, "languages", languages, "bio", "Counselling"))
                .post("/api/admin/users").then().statusCode(201).extract().path("id");
    }

    @Test
    void clientsSearchByNameSpecialtyAndLanguageAPageAtATime() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String swahili = psychologist("Amina " + tag, List.of("Grief " + tag), List.of("Swahili", "English"));
        psychologist("Baraka " + tag, List.of("Anxiety " + tag), List.of("English"));
        psychologist("Chebet " + tag, List.of("Grief " + tag, "Couples"), List.of("Kalenjin"));
        Api.Account client = Api.newClient();

        Api.as(client).queryParam("q", tag).queryParam("size", 2).get("/api/psychologists").then().statusCode(200)
                .body("total", is(3)).body("items.name", is(List.of("Amina " + tag, "Baraka " + tag)));
        Api.as(client).queryParam("q", tag).queryParam("size", 2).queryParam("page", 1).get("/api/psychologists").then()
                .body("items.name", is(List.of("Chebet " + tag)));
        Api.as(client).queryParam("specialty", "grief " + tag).get("/api/psychologists").then()
                .body("items.name", is(List.of("Amina " + tag, "Chebet " + tag)));
        Api.as(client).queryParam("q", tag).queryParam("language", "swahili").get("/api/psychologists").then()
                .body("items.id", is(List.of(swahili))).body("items[0].languages", is(List.of("Swahili", "English")));
        Api.as(client).queryParam("q", tag + ".*").get("/api/psychologists").then().body("total", is(0));
        Api.as(client).queryParam("size", 500).get("/api/psychologists").then().statusCode(400).body("field", is("size"));
    }

    @Test
    void entriesCarryRatesAndTheNextFreeSlotAndDisabledPsychologistsLeave() {
        Api.Account psychologist = Api.newPsychologist();
        String name = Api.psychologistName(psychologist);
        Api.as(Api.newClient()).queryParam("q", name).get("/api/psychologists").then()
                .body("items[0].rates.individual", is((int) Api.INDIVIDUAL_RATE))
                .body("items[0].nextFreeSlot", notNullValue());
        String withoutHours = psychologist("Nohours " + UUID.randomUUID().toString().substring(0, 8), List.of(), List.of());
        Api.as(Api.newClient()).queryParam("q", "Nohours").get("/api/psychologists").then()
                .body("items.find { it.id == '" + withoutHours + "' }.nextFreeSlot", nullValue());
        Api.as(Api.admin()).post("/api/admin/users/" + psychologist.id() + "/disable").then().statusCode(200);
        Api.as(Api.newClient()).queryParam("q", name).get("/api/psychologists").then().body("total", is(0));
    }
}
