package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.list;
import static com.smilingsteps.deployment.Repo.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** infra/monitoring agrees with the services: scrape targets on their ports, queries on metrics they register. */
class MonitoringConfigTest {

    /** Metrics Quarkus' Micrometer binders register (checked for real by RunningServicesMetricsTest). */
    private static final List<String> BINDER_PREFIXES = List.of("jvm_", "process_", "http_server_", "kafka_consumer_");

    @Test
    void composePrometheusScrapesEveryServiceOnItsPortAndMetricsPath() {
        Map<String, Object> prometheus = Repo.yaml("infra/monitoring/prometheus.yml");
        Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
        for (Object job : list(prometheus.get("scrape_configs"))) {
            jobs.put(String.valueOf(map(job).get("job_name")), map(job));
        }
        for (String service : Repo.SERVICES) {
            Map<String, Object> job = jobs.get(service);
            assertNotNull(job, "no scrape job for " + service);
            assertEquals(Repo.properties(service).get("quarkus.micrometer.export.prometheus.path"), job.get("metrics_path"),
                    service + ": metrics path");
            List<Object> discovery = list(job.get("dns_sd_configs"));
            assertEquals(1, discovery.size(), service + ": DNS discovery finds every scaled replica");
            Map<String, Object> dns = map(discovery.get(0));
            assertEquals(List.of(service), dns.get("names"), service + ": the compose service name");
            assertEquals(Repo.httpPort(service), dns.get("port"), service + ": scrape port");
        }
        assertTrue(list(prometheus.get("rule_files")).contains("/etc/prometheus/alert-rules.yml"));
        String compose = Repo.read(Repo.file("docker-compose.yml"));
        assertTrue(compose.contains("./infra/monitoring/alert-rules.yml:/etc/prometheus/alert-rules.yml"),
                "docker-compose.yml mounts the rules where prometheus.yml loads them");
    }

    @Test
    void kubernetesPrometheusKeepsAnnotatedPodsAndNamesJobsAfterTheApp() {
        Map<String, Object> prometheus = Repo.yaml("infra/monitoring/prometheus-kubernetes.yml");
        Map<String, Object> job = map(list(prometheus.get("scrape_configs")).get(0));
        String relabels = String.valueOf(job.get("relabel_configs"));
        assertTrue(relabels.contains("__meta_kubernetes_pod_annotation_prometheus_io_port"));
        assertTrue(relabels.contains("__meta_kubernetes_pod_label_app_kubernetes_io_name"));
    }

    @Test
    void alertRulesCoverTheIssuesCases() {
        Set<String> alerts = new LinkedHashSet<>();
        for (Object group : list(Repo.yaml(Metrics.ALERT_RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> r = map(rule);
                assertNotNull(r.get("expr"), r + ": no expr");
                assertNotNull(map(r.get("labels")).get("severity"), r.get("alert") + ": no severity");
                assertNotNull(map(r.get("annotations")).get("summary"), r.get("alert") + ": no summary");
                alerts.add(String.valueOf(r.get("alert")));
            }
        }
        assertTrue(alerts.containsAll(List.of("TurnServerNotReady", "CallFailureRateHigh", "ReminderFailures",
                "KafkaConsumerLag", "KafkaUnreachable", "SessionOutboxBacklog", "SignalingRelayLag", "SignalingRelayStalled",
                "TurnCredentialRefusalsSpike", "EmailsDeadLettered", "TurnTlsListenerDown", "TurnTlsCertificateExpiresSoon")),
                "alerts: " + alerts);
        String tests = Repo.read(Repo.file("infra/monitoring/alert-rules.test.yml"));
        for (String alert : alerts) {
            if (!List.of("ServiceDown", "TurnServerNotReady", "HttpServerErrors", "CallFailureRateHigh", "ReminderFailures",
                    "ReminderRetries", "EmailBacklog", "KafkaConsumerLag", "AuditEventsFailing").contains(alert)) {
                assertTrue(tests.contains("alertname: " + alert), alert + " has no promtool unit test in alert-rules.test.yml");
            }
        }
        String callFailure = Metrics.alertQueries().stream().filter(q -> q.contains("status=\"failed\"")).findFirst().orElseThrow();
        assertTrue(callFailure.contains("> 0.05"), "call failure threshold is 5%: " + callFailure);
    }

    @Test
    void dashboardShowsWhatTheIssueAsksFor() {
        Set<String> queried = Metrics.queried();
        for (String metric : List.of("video_calls_total", "video_call_duration_seconds_bucket", "turn_credentials_issued_total",
                "reminders_sent_total", "http_server_requests_seconds_count", "http_server_websocket_connections_seconds_active_count",
                "signaling_rooms_active", "kafka_consumer_fetch_manager_records_lag_max",
                "kafka_consumer_fetch_manager_records_consumed_total", "signaling_relay_poll_age_seconds",
                "session_outbox_pending_sessions")) {
            assertTrue(queried.contains(metric), "the dashboard does not show " + metric);
        }
    }

    @Test
    void everyQueriedMetricIsRegisteredBySomeService() {
        Map<String, Set<String>> registered = Metrics.registeredInSourceByService();
        Set<String> unknown = new LinkedHashSet<>();
        for (String metric : Metrics.queried()) {
            boolean fromCode = registered.values().stream().anyMatch(names -> names.contains(metric));
            boolean fromBinder = BINDER_PREFIXES.stream().anyMatch(metric::startsWith);
            if (!fromCode && !fromBinder) {
                unknown.add(metric);
            }
        }
        assertTrue(unknown.isEmpty(), "queried but registered by no service: " + unknown + "; registered: " + registered);
    }

    @Test
    void thePlansMetricNamesExistInTheServices() {
        Set<String> session = Metrics.registeredInSource("session-service");
        assertTrue(session.contains("video_calls_total"), "session-service registers video_calls_total: " + session);
        assertTrue(session.contains("video_call_duration_seconds_bucket"), "session-service registers video_call_duration_seconds");
        assertFalse(Metrics.registeredInSource("notification-service").isEmpty());
    }

    @Test
    void promqlNameExtractionSkipsFunctionsLabelsAndGrouping() {
        assertEquals(Set.of("a_total", "b_seconds_bucket"), Metrics.namesIn(
                "sum by (job, le) (rate(a_total{status=~\"5..\", x=\"y\"}[5m])) / histogram_quantile(0.9, sum by (le) (rate(b_seconds_bucket[$__rate_interval]))) > 1e3"));
    }
}
