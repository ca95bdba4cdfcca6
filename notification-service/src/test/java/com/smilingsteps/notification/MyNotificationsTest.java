package com.smilingsteps.notification;

import static com.smilingsteps.notification.support.SessionEvents.confirmed;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents.Session;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The right of access for emails: each person reads what was sent to them, and nothing else. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class MyNotificationsTest extends NotificationTestBase {

    @Test
    void aClientSeesTheirOwnEmailsWithAddressAndDeliveryButNotTheOtherParty() {
        Session session = Session.fresh("Grace Atieno", "Dr. Njoroge");
        publish(confirmed(session, t0.plus(Duration.ofDays(2))));
        SessionEmailsTest.single(this, session.clientEmail(), "Your session is confirmed");
        String client = "u-client-" + session.id();

        String body = given().header("Authorization", "Bearer " + TestJwt.accessToken(client, "client"))
                .get("/api/notifications/mine").then().statusCode(200)
                .body("jobs.kind", hasItem("BOOKING_CONFIRMED")).body("jobs.kind", hasItem("REMINDER"))
                .body("jobs.to", everyItem(is(session.clientEmail())))
                .body("deliveries", hasSize(1)).body("deliveries[0].kind", is("BOOKING_CONFIRMED"))
                .body("deliveries[0].sessionId", is(session.id()))
                .extract().asString();
        assertThat(body, not(containsString(session.psychologistEmail())));

        given().header("Authorization", "Bearer " + TestJwt.accessToken("u-someone-else", "client"))
                .get("/api/notifications/mine").then().statusCode(200)
                .body("jobs", hasSize(0)).body("deliveries", hasSize(0));
        given().get("/api/notifications/mine").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
    }
}
