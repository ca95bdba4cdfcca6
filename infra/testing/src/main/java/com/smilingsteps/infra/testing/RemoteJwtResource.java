package com.smilingsteps.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Like {@link JwtResource}, but the service fetches {@link TestJwt}'s keys from a JWKS URL over HTTP,
 * as deployed ({@link JwksServer}: {@code POST <url without /jwks>/rotate} adds the next key). An
 * unknown key id may fetch the keys again at once. With the init argument {@code jwks=failing} the
 * JWKS answers 500 from the start (session-service down) until {@code POST <url without /jwks>/recover}.
 */
public class RemoteJwtResource implements QuarkusTestResourceLifecycleManager {

    private JwksServer server;
    private boolean failing;

    @Override
    public void init(Map<String, String> initArgs) {
        failing = "failing".equals(initArgs.get("jwks"));
    }

    @Override
    public Map<String, String> start() {
        server = new JwksServer();
        if (failing) {
            server.fail();
        }
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
