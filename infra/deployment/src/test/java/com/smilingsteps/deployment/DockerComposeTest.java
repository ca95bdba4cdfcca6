package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.list;
import static com.smilingsteps.deployment.Repo.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml: every service complete, wired to what exists, every variable documented in .env.example. */
class DockerComposeTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?}");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=");
    /** Services operators scale with --scale: a fixed host port or container name would make the second replica fail. */
    private static final List<String> SCALED = List.of("signaling-service", "notification-service");

    private static Map<String, Object> compose;
    private static Map<String, Object> services;
    private static String envExample;
    private static Set<String> envExampleAssigned;

    @BeforeAll
    static void load() {
        compose = Repo.yaml("docker-compose.yml");
        services = map(compose.get("services"));
        envExample = Repo.read(Repo.file(".env.example"));
        envExampleAssigned = new LinkedHashSet<>();
        Matcher m = ASSIGNMENT.matcher(envExample);
        while (m.find()) {
            envExampleAssigned.add(m.group(1));
        }
    }

    @Test
    void runsTheInfrastructureAndEveryService() {
        for (String name : List.of("mongodb", "kafka", "coturn", "mailpit", "prometheus", "alertmanager",
                "blackbox-exporter", "grafana")) {
            assertTrue(services.containsKey(name), "docker-compose.yml lacks " + name);
        }
        for (String service : Repo.SERVICES) {
            assertTrue(services.containsKey(service), "docker-compose.yml lacks " + service);
        }
    }

    @Test
    void everyServiceHasAnImageHealthCheckRestartPolicyAndLimits() {
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            assertTrue(service.containsKey("image") || service.containsKey("build"), name + ": no image or build");
            Object probe = map(service.get("healthcheck")).get("test");
            assertTrue(probe instanceof List<?> command && command.size() > 1 && !"NONE".equals(command.get(0))
                    || probe instanceof String text && !text.isBlank(), name + ": no health check");
            assertTrue(Set.of("always", "unless-stopped", "on-failure").contains(service.get("restart")),
                    name + ": restart policy " + service.get("restart"));
            Map<String, Object> limits = map(map(map(service.get("deploy")).get("resources")).get("limits"));
            assertNotNull(limits.get("memory"), name + ": no memory limit");
            assertNotNull(limits.get("cpus"), name + ": no CPU limit");
        });
    }

    @Test
    void applicationServicesAreBuiltFromTheirDockerfileAndProbeTheirReadinessPort() {
        for (String name : Repo.SERVICES) {
            Map<String, Object> service = map(services.get(name));
            Map<String, Object> build = map(service.get("build"));
            Path context = Repo.root().resolve(String.valueOf(build.get("context"))).normalize();
            assertEquals(Repo.file(name).normalize(), context, name + ": build context");
            Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
            assertTrue(Files.isRegularFile(dockerfile), name + ": " + dockerfile + " missing");
            String recipe = Repo.read(dockerfile);
            int port = Repo.httpPort(name);
            assertTrue(recipe.contains("EXPOSE " + port), name + ": Dockerfile does not EXPOSE " + port);
            assertTrue(recipe.contains("target/quarkus-app/"), name + ": Dockerfile does not copy target/quarkus-app");
            String probe = String.valueOf(map(service.get("healthcheck")).get("test"));
            assertTrue(probe.contains("/" + port) && probe.contains("/q/health/ready"),
                    name + ": health check does not ask /q/health/ready on port " + port + ": " + probe);
        }
    }

    @Test
    void dependenciesNameExistingServicesWithHealthChecksWhereHealthIsRequired() {
        services.forEach((name, value) -> {
            Object dependsOn = map(value).get("depends_on");
            if (dependsOn == null) {
                return;
            }
            Map<String, Object> targets = dependsOn instanceof Map ? map(dependsOn) : Map.of();
            List<Object> names = dependsOn instanceof List ? list(dependsOn) : new ArrayList<>(targets.keySet());
            for (Object target : names) {
                assertTrue(services.containsKey(String.valueOf(target)), name + " depends on unknown " + target);
                Object condition = map(targets.get(target)).get("condition");
                if ("service_healthy".equals(condition)) {
                    assertTrue(map(services.get(String.valueOf(target))).containsKey("healthcheck"),
                            name + " waits for " + target + " to be healthy, which has no health check");
                }
            }
        });
    }

    @Test
    void scaledServicesHaveNoFixedHostPortsOrContainerNames() {
        for (String name : SCALED) {
            Map<String, Object> service = map(services.get(name));
            assertFalse(service.containsKey("ports"), name + " publishes host ports; --scale would clash");
            assertFalse(service.containsKey("container_name"), name + " has a container_name; --scale would clash");
        }
    }

    @Test
    void theGatewayReachesEveryServiceByItsComposeNameAndPort() {
        Map<String, Object> env = map(map(services.get("gateway")).get("environment"));
        Map<String, String> upstreams = Map.of("SESSION_SERVICE_URL", "session-service",
                "SIGNALING_SERVICE_URL", "signaling-service", "TURN_SERVICE_URL", "turn-credentials-service",
                "NOTIFICATION_SERVICE_URL", "notification-service");
        upstreams.forEach((variable, service) -> assertEquals("http://" + service + ":" + Repo.httpPort(service),
                env.get(variable), variable));
        // the personal-data export reads the emails sent to the person from notification-service
        assertEquals(env.get("NOTIFICATION_SERVICE_URL"),
                map(map(services.get("session-service")).get("environment")).get("NOTIFICATION_SERVICE_URL"));
        for (String name : Repo.SERVICES) {
            Map<String, Object> serviceEnv = map(map(services.get(name)).get("environment"));
            String jwks = String.valueOf(serviceEnv.get("JWT_VERIFY_KEYS"));
            String expected = name.equals("session-service") ? "http://localhost:" : "http://session-service:";
            assertEquals(expected + Repo.httpPort("session-service") + "/api/auth/jwks", jwks, name + " JWT_VERIFY_KEYS");
        }
    }

    @Test
    void everyVariableAServiceRequiresIsPassedToIt() {
        for (String name : Repo.SERVICES) {
            Set<String> passed = map(map(services.get(name)).get("environment")).keySet();
            Set<String> missing = new LinkedHashSet<>(Repo.requiredVariables(name));
            missing.removeAll(passed);
            assertTrue(missing.isEmpty(), name + " cannot start without " + missing + ", which docker-compose.yml does not pass");
            Set<String> unknown = new LinkedHashSet<>(passed);
            unknown.removeAll(Repo.referencedVariables(name));
            assertTrue(unknown.isEmpty(), name + " is passed " + unknown + ", which its application.properties never reads");
        }
    }

    /**
     * An empty variable reaches Quarkus as an empty value, which does not fall back to the default in
     * application.properties (the service then fails to start, or worse, checks an empty issuer), so
     * docker-compose.yml substitutes the service's own default for an unset or empty .env entry.
     */
    @Test
    void optionalVariablesFallBackToTheServicesOwnDefaults() {
        for (String name : Repo.SERVICES) {
            Map<String, String> defaults = Repo.variableDefaults(name);
            map(map(services.get(name)).get("environment")).forEach((variable, value) -> {
                String text = String.valueOf(value);
                if (defaults.containsKey(variable) && text.startsWith("${" + variable)) {
                    assertEquals("${" + variable + ":-" + defaults.get(variable) + "}", text, name + ": " + variable);
                }
            });
        }
    }

    @Test
    void everyVariableIsDocumentedInEnvExample() {
        Set<String> undocumented = new LinkedHashSet<>();
        for (String name : Repo.SERVICES) {
            for (String variable : Repo.referencedVariables(name)) {
                if (!Pattern.compile("\\b" + variable + "\\b").matcher(envExample).find()) {
                    undocumented.add(name + ":" + variable);
                }
            }
            for (String variable : map(map(services.get(name)).get("environment")).keySet()) {
                if (!Pattern.compile("\\b" + variable + "\\b").matcher(envExample).find()) {
                    undocumented.add(name + ":" + variable);
                }
            }
        }
        assertTrue(undocumented.isEmpty(), ".env.example does not mention " + undocumented);

        Set<String> notAssignable = new LinkedHashSet<>();
        String withoutComments = Repo.read(Repo.file("docker-compose.yml")).replaceAll("(?m)^\\s*#.*$", "");
        Matcher m = INTERPOLATION.matcher(withoutComments);
        while (m.find()) {
            if (!envExampleAssigned.contains(m.group(1))) {
                notAssignable.add(m.group(1));
            }
        }
        assertTrue(notAssignable.isEmpty(), "docker-compose.yml substitutes " + notAssignable
                + ", which .env.example does not assign (NAME=...)");
    }

    @Test
    void envExampleHoldsNoSecretValues() {
        for (String line : envExample.split("\n")) {
            Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*(SECRET|PASSWORD|PASSKEY|_KEY))=(.*)$").matcher(line.strip());
            if (m.matches()) {
                assertEquals("", m.group(3), ".env.example commits a value for " + m.group(1));
            }
        }
    }

    @Test
    void mountedFilesExist() {
        services.forEach((name, value) -> {
            for (Object volume : list(map(value).get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./infra/")) {
                    assertTrue(Files.exists(Repo.root().resolve(source)), name + " mounts missing " + source);
                }
            }
        });
    }

    @Test
    void dockerComposeV1AcceptsTheFile() throws Exception {
        InstalledTool.require("docker-compose", "apt-get install -y --no-install-recommends docker-compose");
        InstalledTool.Result plain = InstalledTool.run("docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertEquals(0, plain.exit(), "docker-compose config -q: " + plain.output());
        // With .env.example as the .env, every substituted variable is set: no warning at all.
        InstalledTool.Result withExample = InstalledTool.run("docker-compose", "--env-file", ".env.example", "-f",
                "docker-compose.yml", "config");
        assertEquals(0, withExample.exit(), withExample.output());
        assertFalse(withExample.output().contains("is not set"), withExample.output());
        assertFalse(withExample.output().contains("WARNING"), withExample.output());
    }

    /**
     * podman 4.3 splits {@code ["CMD", "bash", "-c", "<script>"]} on spaces and runs {@code bash -c exec},
     * which always succeeds: such a check reports healthy before the service listens. CMD-SHELL (or a
     * plain string) behaves the same under Docker and podman.
     */
    @Test
    void healthChecksAreShellCommandsThatWorkUnderDockerAndPodman() {
        services.forEach((name, value) -> {
            Object probe = map(map(value).get("healthcheck")).get("test");
            if (probe instanceof List<?> command) {
                assertEquals("CMD-SHELL", command.get(0), name + ": health check " + command);
                assertEquals(2, command.size(), name + ": CMD-SHELL takes one shell command: " + command);
            }
        });
    }

    @Test
    void coturnListensForTurnOverTlsOn443AndMayBindIt() {
        String config = Repo.read(Repo.file("infra/coturn/turnserver.conf"));
        assertTrue(config.contains("\ntls-listening-port=443\n"), "coturn's TLS listener is on 443");
        Map<String, Object> coturn = map(services.get("coturn"));
        assertEquals("host", coturn.get("network_mode"));
        assertEquals(List.of("ALL"), coturn.get("cap_drop"));
        assertEquals(List.of("NET_BIND_SERVICE"), coturn.get("cap_add"), "binding 443 needs exactly this capability");
        assertEquals(Boolean.TRUE, coturn.get("read_only"));
        assertTrue(envExample.contains("turns:turn.example.org:443?transport=tcp"), "TURN_URLS example advertises turns: on 443");
    }

    @Test
    void alertmanagerMailsThroughTheSmtpServerOfTheServices() {
        Map<String, Object> alertmanager = map(services.get("alertmanager"));
        Map<String, Object> env = map(alertmanager.get("environment"));
        Map<String, Object> notificationEnv = map(map(services.get("notification-service")).get("environment"));
        for (String smtp : List.of("SMTP_HOST", "SMTP_PORT", "SMTP_START_TLS", "SMTP_LOGIN", "SMTP_USERNAME", "SMTP_PASSWORD")) {
            assertEquals(notificationEnv.get(smtp), env.get(smtp), "alertmanager " + smtp);
        }
        assertEquals("${ALERT_EMAIL_TO}", env.get("ALERT_EMAIL_TO"), "a required recipient, no default");
        String prometheus = Repo.read(Repo.file("infra/monitoring/prometheus.yml"));
        assertTrue(prometheus.contains("targets: [alertmanager:9093]"), "Prometheus sends alerts to the alertmanager service");
    }
}
