package com.smilingsteps.session.useradmin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.SessionEventsTap;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ServiceTest
class AdminUsersTest {

    @Test
    void adminsPageAndSearchAccounts() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            Api.as(Api.admin()).body(Map.of("name", "Searchable " + tag + " " + i, "email", tag + "-" + i + "@example.test",
                    "password", "psy-password", "role", "psychologist")).post("/api/admin/users").then().statusCode(201);
        }
        Api.as(Api.admin()).queryParam("q", tag).queryParam("size", 2).get("/api/admin/users").then().statusCode(200)
                .body("total", is(3)).body("items.size()", is(2)).body("items[0].name", is("Searchable " + tag + " 0"));
        Api.as(Api.admin()).queryParam("q", tag).queryParam("size", 2).queryParam("page", 1).get("/api/admin/users").then()
                .body("items.name", is(List.of("Searchable " + tag + " 2")));
        Api.as(Api.admin()).queryParam("q", tag.toUpperCase() + "-1@").get("/api/admin/users").then().body("total", is(1));
        Api.as(Api.admin()).queryParam("q", ".*").queryParam("role", "psychologist").get("/api/admin/users").then()
                .body("total", is(0));
        Api.as(Api.newClient()).get("/api/admin/users").then().statusCode(403);
        Api.as(Api.admin()).queryParam("size", 1000).get("/api/admin/users").then().statusCode(400).body("field", is("size"));
    }

    @Test
    void aDisabledAccountCannotSignInOrBookAndItsFutureSessionsAreCancelledWithNotice() {
        Api.Account client = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String paid = Api.bookedSession(client, psychologist, Api.daysAhead(4));
        Api.confirmPayment(paid);
        String pending = Api.bookedSession(client, psychologist, Api.daysAhead(5));

        Api.as(client).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(403);
        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/disable").then().statusCode(200)
                .body("user.disabled", is(true)).body("sessionsCancelled", is(2));

        given().contentType(ContentType.JSON).body(Map.of("email", client.email(), "password", "client-password"))
                .post("/api/auth/login").then().statusCode(403).body("type", is("https://smilingsteps.local/problems/account-disabled"));
        given().contentType(ContentType.JSON).body(Map.of("email", client.email(), "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(401);
        Api.book(client, psychologist, Api.daysAhead(6), "individual").statusCode(401);
        Api.as(client).get("/api/sessions/" + paid).then().body("status", is("Cancelled")).body("cancelledBy", is("admin"))
                .body("refundStatus", is("Due"));
        Api.as(psychologist).get("/api/sessions/" + pending).then().body("status", is("Cancelled"));
        var events = SessionEventsTap.eventsOf(paid, found -> SessionEventsTap.count(found, "SessionCancelled") > 0,
                Duration.ofSeconds(20));
        assertEquals(1, SessionEventsTap.count(events, "SessionCancelled"));

        Api.as(Api.admin()).post("/api/admin/users/" + client.id() + "/enable").then().statusCode(200).body("disabled", is(false));
        Api.login(client.email(), "client-password");
        Api.as(Api.admin()).post("/api/admin/users/" + Api.admin().id() + "/disable").then().statusCode(400);
        Api.as(Api.admin()).post("/api/admin/users/5f0000000000000000000000/disable").then().statusCode(404);
    }
}
