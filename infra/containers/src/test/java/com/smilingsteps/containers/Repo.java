package com.smilingsteps.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository this test builds from, and the five services with their ports. */
final class Repo {

    static final List<String> SERVICES = List.of("gateway", "session-service", "signaling-service",
            "turn-credentials-service", "notification-service");

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("infra"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
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
