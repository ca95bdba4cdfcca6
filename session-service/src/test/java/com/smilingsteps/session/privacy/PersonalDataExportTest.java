package com.smilingsteps.session.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.ServiceTest;
import com.smilingsteps.session.support.Api;
import com.smilingsteps.session.support.NotificationServiceStandIn;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The right of access: a person downloads their own data, and only theirs, in one document with the
 * emails notification-service sent them; without that part there is no export.
 */
@QuarkusTest
@ServiceTest
class PersonalDataExportTest {

    @Test
    void aClientGetsTheirProfileSessionsAndPaymentsAndNobodyElses() {
        Api.Account client = Api.newClient();
        Api.Account other = Api.newClient();
        Api.Account psychologist = Api.newPsychologist();
        String paid = Api.paidSessionStartingSoon(client, psychologist, Api.daysAhead(3));
        String othersSession = Api.paidSessionStartingSoon(other, psychologist, Api.daysAhead(4));
        NotificationServiceStandIn.mailed(client.id(), client.email(), "BOOKING_CONFIRMED", paid);
        NotificationServiceStandIn.mailed(other.id(), other.email(), "BOOKING_CONFIRMED", othersSession);
        int requestsBefore = NotificationServiceStandIn.REQUESTS.size();

        var export = Api.as(client).get("/api/users/me/export").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment"))
                .header("Cache-Control", is("no-store"))
                .body("profile.id", is(client.id())).body("profile.email", is(client.email()))
                .body("profile.role", is("client"))
                .body("sessions", hasSize(1)).body("sessions[0].id", is(paid)).body("sessions[0].role", is("client"))
                .body("sessions[0].otherParty", is(Api.psychologistName(psychologist)))
                .body("sessions[0].price", is((int) Api.INDIVIDUAL_RATE))
                .body("sessions[0].status", is("Confirmed"))
                .body("payments", hasSize(1)).body("payments[0].sessionId", is(paid))
                .body("payments[0].amount", is((int) Api.INDIVIDUAL_RATE)).body("payments[0].status", is("Paid"))
                .body("payments[0].method", is("manual"))
                .body("emails.jobs", hasSize(1)).body("emails.jobs[0].sessionId", is(paid))
                .body("emails.jobs[0].to", is(client.email()))
                .extract().asString();
        // notification-service was asked with the client's own token, so it can only answer with their emails
        assertEquals("Bearer " + client.token(),
                NotificationServiceStandIn.REQUESTS.get(requestsBefore).get("Authorization"));
        assertThat(export, not(containsString(othersSession)));
        assertThat(export, not(containsString(other.email())));
        assertThat(export, not(containsString("passwordHash")));

        Api.as(psychologist).get("/api/users/me/export").then().statusCode(200)
                .body("profile.role", is("psychologist"))
                .body("sessions.id", is(List.of(paid, othersSession)))
                .body("sessions.role", is(List.of("psychologist", "psychologist")));

        Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "privacy.export")
                .get("/api/admin/audit").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].resource", is("user:" + client.id()))
                .body("items[0].outcome", is("allowed"));
    }

    @Test
    void whenNotificationServiceCannotBeReadTheExportIsA503ProblemNotAPartialDocument() {
        Api.Account client = Api.newClient();
        NotificationServiceStandIn.down = true;
        try {
            Api.as(client).get("/api/users/me/export").then().statusCode(503)
                    .contentType(containsString("application/problem+json"))
                    .body("type", endsWith("export-incomplete"))
                    .body("detail", containsString("emails"))
                    .body("profile", nullValue());
        } finally {
            NotificationServiceStandIn.down = false;
        }
        Api.as(Api.admin()).queryParam("actor", client.id()).queryParam("action", "privacy.export")
                .get("/api/admin/audit").then().statusCode(200).body("items", hasSize(0));
        Api.as(client).get("/api/users/me/export").then().statusCode(200).body("profile.id", is(client.id()));
    }

    @Test
    void withoutATokenTheExportIsRefused() {
        given().get("/api/users/me/export").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
    }
}
