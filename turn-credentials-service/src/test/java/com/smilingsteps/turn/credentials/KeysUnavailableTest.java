package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.RemoteJwtResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.turn.CoturnResource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service started while session-service's JWKS was down: a valid token cannot be checked, which
 * is not the caller's fault, so the answer is 503 with Retry-After (a 401 sends the SPA to refresh
 * its sign-in, then fail), and the same token works once the keys can be fetched.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RemoteJwtResource.class, initArgs = @ResourceArg(name = "jwks", value = "failing"))
@WithTestResource(CoturnResource.class)
class KeysUnavailableTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String jwksUrl;

    @Test
    void aValidTokenIsAnswered503WhileNoKeysCanBeFetchedAndWorksOnceTheyCan() throws Exception {
        String user = "user-" + UUID.randomUUID();
        String token = TestJwt.accessToken(user, "client");

        given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config")
                .then().statusCode(503).header("Retry-After", "5")
                .contentType(startsWith("application/problem+json")).body("type", endsWith("/keys-unavailable"));

        given().when().post(jwksUrl.replace("/jwks", "/recover")).then().statusCode(204);
        // (the feed waits for its events with tokens of its own, which need the keys too)
        new SessionEventsFeed(kafka).session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config")
                .then().statusCode(200);
    }
}
