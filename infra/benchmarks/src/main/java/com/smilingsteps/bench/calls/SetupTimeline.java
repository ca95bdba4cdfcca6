package com.smilingsteps.bench.calls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The moments of many calls' setup, each as milliseconds after the client's Join click: the
 * SPA's {@code ssv:<name>} performance marks (test build only, see the SPA's
 * {@code features/call/engine/setupTimeline.js}) of the client ({@code c:}) and of the
 * psychologist ({@code p:}), the first of each name at or after the click, plus the first decoded
 * remote frame ({@code c:first-frame}). Printed as one line per moment in the order of their
 * medians, with the step from the moment before, so the phases of a setup read top to bottom.
 */
final class SetupTimeline {

    /** The page's setup marks as [name, epoch ms] pairs (performance.timeOrigin + startTime). */
    static final String READ_MARKS = """
            () => performance.getEntriesByType('mark').filter(m => m.name.startsWith('ssv:'))
              .map(m => [m.name.slice(4), performance.timeOrigin + m.startTime])""";

    private final Map<String, List<Double>> moments = new LinkedHashMap<>();
    private int calls;

    /**
     * One call: {@code marks} of a page as READ_MARKS gives them, prefixed with {@code side};
     * only marks at or after {@code clickAt} (epoch ms) count, the first of each name.
     */
    void addCall(double clickAt, double firstFrameMs, Map<String, List<List<Object>>> marksBySide) {
        calls++;
        Map<String, Double> first = new LinkedHashMap<>();
        marksBySide.forEach((side, marks) -> {
            for (List<Object> mark : marks) {
                double at = ((Number) mark.get(1)).doubleValue() - clickAt;
                if (at >= -1) { // the clocks of two pages of one browser agree to well under a millisecond
                    first.merge(side + ":" + mark.get(0), Math.max(0, at), Math::min);
                }
            }
        });
        first.put("c:first-frame", firstFrameMs);
        first.forEach((name, at) -> moments.computeIfAbsent(name, k -> new ArrayList<>()).add(at));
    }

    /** The timeline's lines: moment, p50 after the click, step from the line before, calls that had it. */
    List<String> lines() {
        List<Map.Entry<String, Double>> medians = new ArrayList<>();
        moments.forEach((name, values) -> medians.add(Map.entry(name, median(values))));
        medians.sort(Comparator.comparingDouble(Map.Entry::getValue));
        List<String> out = new ArrayList<>();
        out.add(String.format("    %-34s %8s %8s %6s", "moment (c: client, p: psychologist)", "p50 ms", "step", "calls"));
        double previous = 0;
        for (Map.Entry<String, Double> m : medians) {
            out.add(String.format("    %-34s %8.0f %+8.0f %3d/%d", m.getKey(), m.getValue(), m.getValue() - previous,
                    moments.get(m.getKey()).size(), calls));
            previous = m.getValue();
        }
        return out;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return CallSetupBenchmark.percentile(sorted, 50);
    }
}
