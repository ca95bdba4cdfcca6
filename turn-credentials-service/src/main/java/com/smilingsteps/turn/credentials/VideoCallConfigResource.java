package com.smilingsteps.turn.credentials;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.smilingsteps.contracts.AuditEvent;
import com.smilingsteps.kit.web.ClientAddresses;

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
    private final ClientAddresses clientAddresses;

    public VideoCallConfigResource(VideoCallConfigService service, JsonWebToken jwt, HttpServerRequest request,
            ClientAddresses clientAddresses) {
        this.service = service;
        this.jwt = jwt;
        this.request = request;
        this.clientAddresses = clientAddresses;
    }

    /** Runs on the event loop: minting is one HMAC and the audit send never blocks, so no worker hop is needed. */
    @GET
    @Authenticated
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ICE servers with a fresh time-limited TURN credential for the caller")
    @APIResponse(responseCode = "200", description = "iceServers, ttl (s), expiresAt, iceTransportPolicy")
    @APIResponse(responseCode = "401", description = "no valid access token, or a revoked one (problem JSON)")
    @APIResponse(responseCode = "429", description = "per-user limit reached; Retry-After says when to retry (problem JSON)")
    public VideoCallConfig config() {
        return service.issue(jwt.getSubject(), roleOf(jwt), jwt.getIssuedAtTime(), clientAddresses.of(request));
    }

    static String roleOf(JsonWebToken jwt) {
        return ROLES.stream().filter(jwt.getGroups()::contains).findFirst().orElse(AuditEvent.NO_ROLE);
    }
}
