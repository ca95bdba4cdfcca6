package com.smilingsteps.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker on the monitoring files, when Debian's {@code prometheus} package (promtool)
 * is installed: rule syntax and PromQL, the compose scrape configuration, and every dashboard query.
 */
class PromtoolTest {

    @BeforeAll
    static void promtoolInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/promtool"));
        String why = "promtool is not installed (apt-get install -y --no-install-recommends prometheus)";
        // .ci/run installs it, so in CI a missing promtool is a failure, not a skip.
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.assertTrue(installed, why);
        }
        Assumptions.assumeTrue(installed, why);
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertPromtool("check", "rules", Repo.file(Metrics.ALERT_RULES).toString());
    }

    @Test
    void composeScrapeConfigurationIsValid() throws Exception {
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
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/promtool";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }
}
