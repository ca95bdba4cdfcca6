package com.smilingsteps.turn.credentials;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /api/video-calls/config}: ICE servers with a fresh TURN credential, for any signed-in user. */
@Path("/api/video-calls/config")
public class VideoCallConfigResource {

    private static final List<String> ROLES = List.of("client", "psychologist", "admin");

    private final VideoCallConfigService service;
    private final JsonWebToken jwt;
    private final HttpServerRequest request;

    public VideoCallConfigResource(VideoCallConfigService service, JsonWebToken jwt, HttpServerRequest request) {
        this.service = service;
        this.jwt = jwt;
        this.request = request;
    }

    /** Runs on the event loop: minting is one HMAC and the audit send never blocks, so no worker hop is needed. */
    @GET
    @Authenticated
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    public VideoCallConfig config() {
        return service.issue(jwt.getSubject(), roleOf(jwt), ClientAddress.of(request));
    }

    static String roleOf(JsonWebToken jwt) {
        return ROLES.stream().filter(jwt.getGroups()::contains).findFirst().orElse("none");
    }
}
