package com.smilingsteps.infra.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of this repository, for tests that read its files (compose, k8s, configs, .env.example). */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The {@code repo.root} system property if set, else the nearest directory above the working one holding docker-compose.yml and infra/. */
    public static Path find() {
        String configured = System.getProperty("repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docker-compose.yml")) && Files.exists(p.resolve("infra"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }
}
