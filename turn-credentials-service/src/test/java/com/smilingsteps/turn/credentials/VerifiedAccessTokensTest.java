package com.smilingsteps.turn.credentials;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.TestJwt;
import com.smilingsteps.kit.auth.CachingJwtParser;
import com.smilingsteps.turn.CoturnResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The mint path verifies a caller's access token once, not on every request (issue 16 goal 3). */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(CoturnResource.class)
class VerifiedAccessTokensTest {

    @Inject
    JWTParser parser;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aTokenMintingTwiceIsVerifiedOnceAndATamperedCopyIsRefused() throws Exception {
        CachingJwtParser caching = assertInstanceOf(CachingJwtParser.class, parser,
                "smallrye-jwt's MpJwtValidator is handed the kit's parser");
        String user = "user-" + UUID.randomUUID();
        new SessionEventsFeed(kafka).session(user, "client", Instant.now().plusSeconds(300), "Confirmed");
        String token = TestJwt.accessToken(user, "client");
        long before = caching.verifications();

        mint(token).then().statusCode(200);
        mint(token).then().statusCode(200);
        assertEquals(1, caching.verifications() - before, "verifications of one token used twice");

        // the same header and claims with another key's signature
        String foreign = TestJwt.signedByAnotherKey(user, "client");
        String tampered = token.substring(0, token.lastIndexOf('.')) + foreign.substring(foreign.lastIndexOf('.'));
        // straight to the service's parser: a 401 here would be audited as an anonymous denial, which
        // VideoCallConfigTest counts on the shared audit topic
        assertThrows(ParseException.class, () -> caching.parse(tampered));
        assertThrows(ParseException.class, () -> caching.parse(tampered));
        assertEquals(3, caching.verifications() - before, "a refused token is verified (and refused) every time");
        mint(token).then().statusCode(200);
    }

    private static io.restassured.response.Response mint(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/video-calls/config");
    }
}
