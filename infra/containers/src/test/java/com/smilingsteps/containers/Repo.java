package com.smilingsteps.containers;

import java.nio.file.Path;
import java.util.List;

import com.smilingsteps.infra.testing.RepositoryRoot;

/** The repository this test builds from, and the five services with their ports. */
final class Repo {

    static final List<String> SERVICES = List.of("gateway", "session-service", "signaling-service",
            "turn-credentials-service", "notification-service");

    private Repo() {
    }

    static Path root() {
        return RepositoryRoot.find();
    }

    static int port(String service) {
        return switch (service) {
            case "gateway" -> 8080;
            case "session-service" -> 8081;
            case "signaling-service" -> 8082;
            case "turn-credentials-service" -> 8083;
            case "notification-service" -> 8084;
            default -> throw new IllegalArgumentException(service);
        };
    }
}
