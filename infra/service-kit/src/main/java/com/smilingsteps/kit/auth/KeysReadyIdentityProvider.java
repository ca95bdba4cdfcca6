package com.smilingsteps.kit.auth;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Runs before quarkus-smallrye-jwt's validator and makes a bearer token wait, without blocking, for
 * the verification keys it needs (the first instants after start, the first token naming a rotated
 * key); then it hands the token on (a null identity: the next provider, smallrye's, verifies it).
 * Without it a token reaching a service on the event loop in those instants was refused with 401.
 * When the keys it needs cannot be fetched, the request fails with {@link KeysUnavailable#failure()}.
 */
@Singleton
public class KeysReadyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final CachingJwtParser parser;

    KeysReadyIdentityProvider(CachingJwtParser parser) {
        this.parser = parser;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of smallrye-jwt's validator, which keeps the default. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        Future<Void> ready = parser.keysReadyFor(request.getToken().getToken());
        if (ready.isComplete()) {
            return ready.succeeded() ? Uni.createFrom().nullItem()
                    : Uni.createFrom().failure(KeysUnavailable.failure());
        }
        return Uni.createFrom().emitter(emitter -> {
            // The fetch completes on its own context (under JwksKeys' lock): the request goes on on its own.
            Context requestContext = Vertx.currentContext();
            ready.onComplete(result -> {
                Runnable handOn = () -> {
                    if (result.succeeded()) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(KeysUnavailable.failure());
                    }
                };
                if (requestContext == null) {
                    handOn.run();
                } else {
                    requestContext.runOnContext(v -> handOn.run());
                }
            });
        });
    }
}
