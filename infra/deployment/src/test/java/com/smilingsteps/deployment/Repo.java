package com.smilingsteps.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.smilingsteps.infra.testing.RepositoryRoot;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository's files as the deployment checks need them: YAML documents, the services' own configuration. */
final class Repo {

    /** The five services and their HTTP ports, as the deployment files must wire them. */
    static final List<String> SERVICES = List.of("gateway", "session-service", "signaling-service",
            "turn-credentials-service", "notification-service");

    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private Repo() {
    }

    static Path root() {
        return RepositoryRoot.find();
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(read(file(relative)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path path) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(read(path))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** Non-profile lines of a service's application.properties, as key -> value. */
    static Map<String, String> properties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : read(file(service + "/src/main/resources/application.properties")).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%") || !trimmed.contains("=")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            properties.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return properties;
    }

    static int httpPort(String service) {
        return Integer.parseInt(properties(service).get("quarkus.http.port"));
    }

    /** Every environment variable a service's configuration refers to, in any profile. */
    static Set<String> referencedVariables(String service) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PROPERTY_REFERENCE.matcher(read(file(service + "/src/main/resources/application.properties")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Variables the production profile cannot start without: referenced with no default outside any profile. */
    static Set<String> requiredVariables(String service) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : properties(service).values()) {
            Matcher m = PROPERTY_REFERENCE.matcher(value);
            while (m.find()) {
                if (m.group(2) == null) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Defaults the configuration gives its variables ({@code ${X:default}}, outside any profile), non-empty ones only. */
    static Map<String, String> variableDefaults(String service) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String value : properties(service).values()) {
            Matcher m = PROPERTY_REFERENCE.matcher(value);
            while (m.find()) {
                if (m.group(2) != null && m.group(2).length() > 1) {
                    defaults.put(m.group(1), m.group(2).substring(1));
                }
            }
        }
        return defaults;
    }

    static List<Path> files(String relativeDir, String suffix) {
        try (Stream<Path> walk = Files.walk(file(relativeDir))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
