package com.smilingsteps.infra.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the Quarkus MongoDB client at the shared in-memory MongoDB-wire server. */
public class MongoResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mongodb.connection-string", SharedServers.mongo().connectionString());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by a shutdown hook
    }
}
