package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.map;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The environment docker-compose.yml gives a service when .env is a copy of .env.example. */
final class ComposeEnvironment {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private ComposeEnvironment() {
    }

    static Map<String, String> envExample() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Repo.read(Repo.file(".env.example")).split("\n")) {
            Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$").matcher(line.strip());
            if (m.matches()) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }

    static Map<String, String> of(String service) {
        Map<String, String> dotEnv = envExample();
        Map<String, Object> environment = map(map(map(Repo.yaml("docker-compose.yml").get("services")).get(service))
                .get("environment"));
        Map<String, String> resolved = new LinkedHashMap<>();
        environment.forEach((name, value) -> resolved.put(name, interpolate(String.valueOf(value), dotEnv)));
        return resolved;
    }

    /** Compose's substitution: ${X}, ${X:-default} (unset or empty), ${X-default} (unset), ${X:?error}. */
    static String interpolate(String value, Map<String, String> dotEnv) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String current = dotEnv.get(m.group(1));
            String operator = m.group(2);
            String replacement;
            if (":-".equals(operator)) {
                replacement = current == null || current.isEmpty() ? m.group(3) : current;
            } else if ("-".equals(operator)) {
                replacement = current == null ? m.group(3) : current;
            } else {
                replacement = current == null ? "" : current;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
