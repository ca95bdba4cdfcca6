package com.smilingsteps.signaling.socket;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.smilingsteps.kit.auth.KeysUnavailable;
import com.smilingsteps.kit.auth.RevokedAccess;
import com.smilingsteps.kit.problem.Problem;
import com.smilingsteps.kit.problem.ProblemJson;
import com.smilingsteps.kit.web.ClientAddresses;
import com.smilingsteps.signaling.config.SignalingConfig;
import com.smilingsteps.signaling.events.EventPublisher;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides and audits every upgrade of {@code /ws/signaling}: no valid access token, or a revoked
 * one ({@link RevokedAccess}) → 401, a role
 * that never joins calls → 403, more sockets than {@link ConnectionLimits} allow → 429. It runs before the endpoint's own {@code @RolesAllowed} check
 * (higher priority) so that refusals are audited too, and hands the caller's identity to the
 * connection.
 */
@ApplicationScoped
@Priority(Integer.MAX_VALUE)
public class ConnectUpgradeCheck implements HttpUpgradeCheck {

    static final TypedKey<String> USER_ID = TypedKey.forString("signaling.userId");
    static final TypedKey<String> ROLE = TypedKey.forString("signaling.role");
    static final TypedKey<String> CLIENT_IP = TypedKey.forString("signaling.clientIp");
    /** Taken out again when the socket opens (it lives on in {@link PeerConnection}). */
    static final TypedKey<Long> TOKEN_ISSUED_AT = TypedKey.forLong("signaling.tokenIssuedAt");
    private static final String ACTION = "signaling.connect";
    private static final String RESOURCE = "/ws/signaling";

    private static final int RETRY_AFTER_SECONDS = 30;

    private final EventPublisher events;
    private final ClientAddresses clientAddresses;
    private final ConnectionLimits limits;
    private final RevokedAccess revoked;

    ConnectUpgradeCheck(EventPublisher events, ClientAddresses clientAddresses, ConnectionLimits limits,
            RevokedAccess revoked) {
        this.revoked = revoked;
        this.events = events;
        this.clientAddresses = clientAddresses;
        this.limits = limits;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String clientIp = clientAddresses.of(context.httpRequest());
        RoutingContext routing = UpgradeLeftovers.take();
        // an invalid token fails here and the authentication mechanism answers 401 itself
        return context.securityIdentity()
                .onFailure().invoke(failure -> events.accessDecision(null, null, null, ACTION, RESOURCE, false,
                        refusal(failure), clientIp))
                .flatMap(identity -> decide(context, identity, clientIp, routing));
    }

    /** The access token's iat the upgrade was permitted with (0 without one), taken out of the connection's data. */
    static long takeTokenIssuedAt(WebSocketConnection connection) {
        Long issuedAt = connection.userData().remove(TOKEN_ISSUED_AT);
        return issuedAt == null ? 0 : issuedAt;
    }

    /** The audited reason of a token that failed authentication: refused, or not checkable for want of keys. */
    static String refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationFailedException failed && KeysUnavailable.is(failed)) {
                return "verification keys unavailable";
            }
        }
        return "invalid access token";
    }

    private Uni<CheckResult> decide(HttpUpgradeContext context, SecurityIdentity identity, String clientIp,
            RoutingContext routing) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof LeanCallerIdentity.Caller caller)
                || caller.subject() == null) {
            events.accessDecision(null, null, null, ACTION, RESOURCE, false, "no valid access token", clientIp);
            return CheckResult.rejectUpgrade(401);
        }
        String userId = caller.subject();
        if (revoked.isRevoked(userId, caller.issuedAt())) {
            events.accessDecision(null, userId, null, ACTION, RESOURCE, false, "access token revoked", clientIp);
            return CheckResult.rejectUpgrade(401);
        }
        String role = identity.hasRole("psychologist") ? "psychologist" : identity.hasRole("client") ? "client" : null;
        if (role == null) {
            events.accessDecision(null, userId, String.join(",", identity.getRoles()), ACTION, RESOURCE, false,
                    "role may not join calls", clientIp);
            return CheckResult.rejectUpgrade(403);
        }
        String overCap = limits.refusal(userId, clientIp);
        if (overCap != null) {
            events.accessDecision(null, userId, role, ACTION, RESOURCE, false, overCap, clientIp);
            return tooManyConnections(context, overCap);
        }
        events.accessDecision(null, userId, role, ACTION, RESOURCE, true, "valid access token", clientIp);
        UpgradeLeftovers.drop(context.httpRequest(), routing);
        context.userData().put(USER_ID, userId);
        context.userData().put(ROLE, role);
        context.userData().put(CLIENT_IP, clientIp);
        context.userData().put(TOKEN_ISSUED_AT, caller.issuedAt());
        return CheckResult.permitUpgrade();
    }

    /**
     * 429 problem JSON. A {@link CheckResult} can carry a status but no body, so the response is
     * written here and the check never completes: nothing else touches the ended response.
     */
    private static Uni<CheckResult> tooManyConnections(HttpUpgradeContext context, String reason) {
        Problem problem = Problem.of(429, "too-many-connections", "Too many connections",
                "Close another tab or window of this call first (" + reason + ").", RESOURCE);
        context.httpRequest().response().setStatusCode(429)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .end(ProblemJson.write(problem));
        return Uni.createFrom().nothing();
    }

    /** The one socket-cap registry of this instance. */
    static final class Producer {

        @Produces
        @ApplicationScoped
        ConnectionLimits connectionLimits(SignalingConfig config) {
            return new ConnectionLimits(config.connections().perUser(), config.connections().perAddress());
        }
    }
}
