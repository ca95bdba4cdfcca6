package com.smilingsteps.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.TestJwt;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The gateway's request metrics are labelled by route, not by path: ids in paths (sessions, users,
 * psychologists) would make a new time series per id, each costing memory and a registration on
 * the request path, and a WebSocket URL's query carries an access token.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(StandInUpstreams.class)
class GatewayMetricsTest {

    private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void requestMetricsNameTheRouteNeverTheIdsOrTokensInThePath() throws Exception {
        String token = TestJwt.accessToken("metrics-1", "client");
        for (int i = 0; i < 5; i++) {
            // proxied (504 only when a loaded machine misses the tests' 1 s upstream timeout)
            given().auth().oauth2(token).when().get("/api/sessions/metrics-session-" + i).then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 504));
            given().when().get("/api/psychologists/metrics-psy-" + i + "/availability").then().statusCode(401);
            given().when().get("/api/unrouted-" + i).then().statusCode(404);
            given().urlEncodingEnabled(false).when().get("/api/sessions/metrics-x;" + i).then().statusCode(400);
            given().when().get("/metrics-spa-" + i).then().statusCode(org.hamcrest.Matchers.not(500));
        }
        Vertx vertx = Vertx.vertx();
        try {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket socket = vertx.createHttpClient().webSocket(new WebSocketConnectOptions()
                    .setHost(gateway.getHost()).setPort(gateway.getPort())
                    .setURI("/ws/signaling?session=metrics-room&access_token=" + token))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(received::add);
            socket.close();
        } finally {
            vertx.close();
        }

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> uris = new TreeSet<>();
        Matcher m = URI_TAG.matcher(metrics);
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertTrue(uris.contains("/api/sessions/*"), "proxied requests are counted under their route: " + uris);
        assertTrue(uris.contains("/api/psychologists/*"), "refused ones too: " + uris);
        for (String forbidden : List.of("metrics-session", "metrics-psy", "unrouted", "metrics-x", "metrics-room",
                "metrics-spa", token)) {
            assertFalse(metrics.contains(forbidden), forbidden + " must not be a metric label: " + uris);
        }
    }
}
