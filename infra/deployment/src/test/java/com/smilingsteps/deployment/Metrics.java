package com.smilingsteps.deployment;

import static com.smilingsteps.deployment.Repo.list;
import static com.smilingsteps.deployment.Repo.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Metric names: what the dashboard and alert rules query, what the services' code registers, what /q/metrics shows. */
final class Metrics {

    static final String DASHBOARD = "infra/monitoring/grafana/dashboards/smiling-steps-video.json";
    static final String ALERT_RULES = "infra/monitoring/alert-rules.yml";

    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "rate", "irate", "increase", "delta", "idelta",
            "deriv", "histogram_quantile", "clamp_min", "clamp_max", "clamp", "abs", "absent", "absent_over_time",
            "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time", "last_over_time",
            "changes", "resets", "round", "ceil", "floor", "label_replace", "label_join", "time", "vector", "scalar",
            "sort", "sort_desc", "predict_linear", "inf", "nan");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private static final Pattern COUNTER = Pattern.compile("(?:Counter\\.builder|\\bcounter)\\(\\s*\"([^\"]+)\"");
    private static final Pattern TIMER = Pattern.compile("(?:Timer\\.builder|\\btimer)\\(\\s*\"([^\"]+)\"");
    private static final Pattern GAUGE = Pattern.compile("(?:Gauge\\.builder|\\bgauge)\\(\\s*\"([^\"]+)\"");
    private static final Pattern SUMMARY = Pattern.compile("(?:DistributionSummary\\.builder|\\bsummary)\\(\\s*\"([^\"]+)\"");

    private Metrics() {
    }

    /** Metric names in one PromQL expression. */
    static Set<String> namesIn(String promql) {
        String text = promql.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "");
        text = GROUPING.matcher(text).replaceAll("");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(text);
        while (m.find()) {
            String word = m.group(1);
            if (!PROMQL_WORDS.contains(word) && !word.matches("[eE]\\d+")) {
                names.add(word);
            }
        }
        return names;
    }

    static List<String> dashboardQueries() {
        try {
            JsonNode dashboard = new ObjectMapper().readTree(Repo.file(DASHBOARD).toFile());
            List<String> queries = new java.util.ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(target.path("expr").asText());
                }
            }
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> alertQueries() {
        List<String> queries = new java.util.ArrayList<>();
        for (Object group : list(Repo.yaml(ALERT_RULES).get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                queries.add(String.valueOf(map(rule).get("expr")));
            }
        }
        return queries;
    }

    /**
     * Every metric the dashboard and the alert rules query from the services: without Prometheus' own
     * {@code up} and the blackbox exporter's {@code probe_*} (its TLS probe of coturn's turns: listener).
     */
    static Set<String> queried() {
        Set<String> names = new TreeSet<>();
        dashboardQueries().forEach(q -> names.addAll(namesIn(q)));
        alertQueries().forEach(q -> names.addAll(namesIn(q)));
        names.remove("up");
        names.removeIf(name -> name.startsWith("probe_"));
        return names;
    }

    /**
     * The Prometheus series names a service's own code registers with Micrometer, named as the
     * Prometheus registry exports them (dots to underscores; counters _total; timers _seconds_*).
     */
    static Set<String> registeredInSource(String service) {
        Set<String> names = new TreeSet<>();
        for (Path file : Repo.files(service + "/src/main/java", ".java")) {
            String code = Repo.read(file);
            each(COUNTER, code, n -> names.add(n.endsWith("_total") ? n : n + "_total"));
            each(TIMER, code, n -> List.of("_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket")
                    .forEach(s -> names.add(n + s)));
            each(GAUGE, code, names::add);
            each(SUMMARY, code, n -> List.of("_count", "_sum", "_max", "_bucket").forEach(s -> names.add(n + s)));
        }
        return names;
    }

    private static void each(Pattern pattern, String code, java.util.function.Consumer<String> sink) {
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            sink.accept(m.group(1).replace('.', '_').replace('-', '_'));
        }
    }

    /** Series names in a Prometheus text exposition. */
    static Set<String> exposed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = line.length();
                for (char c : new char[] {'{', ' '}) {
                    int i = line.indexOf(c);
                    if (i >= 0 && i < end) {
                        end = i;
                    }
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    static Map<String, Set<String>> registeredInSourceByService() {
        Map<String, Set<String>> all = new java.util.LinkedHashMap<>();
        Repo.SERVICES.forEach(s -> all.put(s, registeredInSource(s)));
        // The service kit's audit publisher registers its counters in signaling, turn and notification.
        all.put("infra/audit-publisher", registeredInSource("infra/audit-publisher"));
        return all;
    }
}
