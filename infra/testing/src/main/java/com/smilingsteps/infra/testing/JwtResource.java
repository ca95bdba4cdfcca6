package com.smilingsteps.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes a service verify access tokens against {@link TestJwt}'s key, issuer and audience. */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", TestJwt.jwksFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestJwt.ISSUER,
                "mp.jwt.verify.audiences", TestJwt.AUDIENCE);
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
