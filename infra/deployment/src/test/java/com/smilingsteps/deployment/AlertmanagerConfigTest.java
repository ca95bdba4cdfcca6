package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.list;
import static com.smilingsteps.deployment.Repo.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/monitoring/alertmanager: rendered from the environment docker-compose.yml gives it, the file
 * passes Alertmanager's own checker ({@code amtool check-config}, Debian's prometheus-alertmanager),
 * routes critical alerts to the on-call address and warnings to the operators, and inhibits only
 * alerts that exist.
 */
class AlertmanagerConfigTest {

    private static final Pattern ALERTNAME = Pattern.compile("alertname=~?\"([^\"]+)\"");

    @TempDir
    static Path runtime;
    private static Path rendered;

    @BeforeAll
    static void render() throws Exception {
        InstalledTool.require("amtool", "apt-get install -y --no-install-recommends prometheus-alertmanager");
        Map<String, String> env = new HashMap<>();
        ComposeEnvironment.of("alertmanager").forEach((name, value) -> {
            if (!value.isEmpty()) {
                env.put(name, value);
            }
        });
        env.put("ALERT_EMAIL_TO", "ops@example.org");
        env.put("ALERT_CRITICAL_EMAIL_TO", "oncall@example.org");
        // a password with the characters a YAML string must escape
        env.put("SMTP_LOGIN", "REQUIRED");
        env.put("SMTP_USERNAME", "alerts");
        env.put("SMTP_PASSWORD", "p\"a\\ss${X}'");
        env.put("ALERTMANAGER_TEMPLATE", Repo.file("infra/monitoring/alertmanager/alertmanager.yml").toString());
        env.put("ALERTMANAGER_RUNTIME_DIR", runtime.toString());
        InstalledTool.Result result = InstalledTool.run(
                List.of("sh", Repo.file("infra/monitoring/alertmanager/run-alertmanager.sh").toString(), "--render-only"), env);
        assertEquals(0, result.exit(), result.output());
        rendered = Path.of(result.output().strip());
    }

    @Test
    void amtoolAcceptsTheRenderedConfiguration() throws Exception {
        InstalledTool.Result check = InstalledTool.run("amtool", "check-config", rendered.toString());
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("2 receivers"), check.output());
    }

    @Test
    void smtpSettingsAndRecipientsComeFromTheEnvironment() throws Exception {
        Map<String, Object> config = new Yaml(new LoaderOptions()).load(Files.readString(rendered));
        Map<String, Object> global = map(config.get("global"));
        assertEquals("mailpit:1025", global.get("smtp_smarthost"), ".env.example's SMTP_HOST:SMTP_PORT");
        assertEquals("p\"a\\ss${X}'", global.get("smtp_auth_password"), "the password arrives unchanged");
        assertEquals(false, global.get("smtp_require_tls"), ".env.example: SMTP_START_TLS=DISABLED");
        assertTrue(Files.readString(rendered).contains("oncall@example.org"));
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(rendered),
                "the rendered file holds the SMTP password");
    }

    @Test
    void criticalAlertsPageOnCallAndWarningsGoToTheOperators() throws Exception {
        assertRoute("on-call", "severity=critical", "alertname=KafkaUnreachable");
        assertRoute("operators", "severity=warning", "alertname=KafkaConsumerLag");
        assertRoute("operators", "alertname=Unlabelled");
    }

    @Test
    void inhibitionNamesExistingAlertsAndKafkaDownSilencesTheLagAlerts() {
        Set<String> alerts = new LinkedHashSet<>();
        for (Object group : list(Repo.yaml(Metrics.ALERT_RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                alerts.add(String.valueOf(map(rule).get("alert")));
            }
        }
        Map<String, Object> config = Repo.yaml("infra/monitoring/alertmanager/alertmanager.yml");
        List<String> kafkaTargets = new ArrayList<>();
        for (Object rule : list(config.get("inhibit_rules"))) {
            String text = String.valueOf(rule);
            Matcher m = ALERTNAME.matcher(text);
            while (m.find()) {
                for (String name : m.group(1).split("\\|")) {
                    assertTrue(alerts.contains(name), "inhibit rule names " + name + ", which alert-rules.yml does not define");
                }
            }
            if (String.valueOf(map(rule).get("source_matchers")).contains("KafkaUnreachable")) {
                kafkaTargets.add(String.valueOf(map(rule).get("target_matchers")));
            }
        }
        assertEquals(1, kafkaTargets.size());
        for (String symptom : List.of("KafkaConsumerLag", "SignalingRelayLag", "SessionOutboxBacklog")) {
            assertTrue(kafkaTargets.get(0).contains(symptom), "KafkaUnreachable silences " + symptom);
        }
    }

    private static void assertRoute(String receiver, String... labels) throws Exception {
        List<String> command = new ArrayList<>(List.of("amtool", "config", "routes", "test", "--config.file=" + rendered,
                "--verify.receivers=" + receiver));
        command.addAll(List.of(labels));
        InstalledTool.Result result = InstalledTool.run(command, Map.of());
        assertEquals(0, result.exit(), String.join(" ", labels) + " -> " + result.output());
    }
}
