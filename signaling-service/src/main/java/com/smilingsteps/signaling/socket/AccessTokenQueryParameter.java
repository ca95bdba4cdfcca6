package com.smilingsteps.signaling.socket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Lets a client that cannot send subprotocols pass its access token as {@code ?access_token=}:
 * the token is moved into the Authorization header before authentication looks for it.
 */
@ApplicationScoped
public class AccessTokenQueryParameter {

    void install(@Observes Router router) {
        router.route(SignalingSocket.PATH).order(Integer.MIN_VALUE).handler(context -> {
            String token = context.request().getParam("access_token");
            if (token != null && !token.isBlank() && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
            context.next();
        });
    }
}
