package com.smilingsteps.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker on the monitoring files, when Debian's {@code prometheus} package (promtool)
 * is installed: rule syntax and PromQL, the rules' unit tests (each alert fires on trouble and stays
 * quiet otherwise), the compose scrape configuration, and every dashboard query.
 */
class PromtoolTest {

    @BeforeAll
    static void promtoolInstalled() {
        InstalledTool.require("promtool", "apt-get install -y --no-install-recommends prometheus");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertPromtool("check", "rules", Repo.file(Metrics.ALERT_RULES).toString());
    }

    @Test
    void everyAlertFiresInItsUnitTests() throws Exception {
        assertPromtool("test", "rules", Repo.file("infra/monitoring/alert-rules.test.yml").toString());
    }

    @Test
    void composeScrapeConfigurationIsValid() throws Exception {
        // (not prometheus-kubernetes.yml: Debian's promtool is built without Kubernetes discovery)
        assertPromtool("check", "config", "--syntax-only", Repo.file("infra/monitoring/prometheus.yml").toString());
    }

    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path dir) throws Exception {
        // promtool checks PromQL in rule files, so each query becomes a recording rule
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = Metrics.dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''")).append("'\n");
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        assertPromtool("check", "rules", file.toString());
    }

    private static void assertPromtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        InstalledTool.Result result = InstalledTool.run(command, Map.of());
        assertEquals(0, result.exit(), String.join(" ", command) + ":\n" + result.output());
    }
}
