package com.smilingsteps.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Like {@link JwtResource}, but the service fetches {@link TestJwt}'s keys from a JWKS URL over HTTP,
 * as deployed ({@link JwksServer}: {@code POST <url without /jwks>/rotate} adds the next key). An
 * unknown key id may fetch the keys again at once.
 */
public class RemoteJwtResource implements QuarkusTestResourceLifecycleManager {

    private JwksServer server;

    @Override
    public Map<String, String> start() {
        server = new JwksServer();
        return Map.of("mp.jwt.verify.publickey.location", server.url(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER,
                "mp.jwt.verify.audiences", TestJwt.AUDIENCE,
                "kit.jwt.jwks-min-refetch", "0s");
    }

    @Override
    public void stop() {
        server.close();
    }
}
