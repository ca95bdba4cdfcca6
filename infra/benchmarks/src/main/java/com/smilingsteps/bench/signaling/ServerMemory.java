package com.smilingsteps.bench.signaling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a server JVM's memory is made of, asked with the JDK's {@code jcmd}: live objects by class
 * ({@code GC.class_histogram}, which runs a full GC first), the heap's committed size
 * ({@code GC.heap_info}) and, when the server runs with {@code -XX:NativeMemoryTracking=summary},
 * native memory by category against a baseline ({@code VM.native_memory}).
 */
final class ServerMemory {

    /** Instances and bytes of one class in a histogram. */
    record ClassCount(long instances, long bytes) {
    }

    private final long pid;
    private Map<String, ClassCount> before = Map.of();
    private boolean nativeBaseline;

    ServerMemory(long pid) {
        this.pid = pid;
    }

    /** Takes the "before" histogram and, when native memory tracking is on, its baseline. */
    void baseline() {
        before = histogram();
        nativeBaseline = jcmd("VM.native_memory", "baseline").contains("Baseline taken");
    }

    /**
     * Prints the {@code top} classes that grew most between the baseline and now, per socket, and
     * the live heap they add up to; then the heap's committed size and native memory by category.
     */
    void printPerSocket(int sockets, int top) {
        Map<String, ClassCount> after = histogram();
        List<Map.Entry<String, ClassCount>> grown = new ArrayList<>();
        long liveBefore = before.values().stream().mapToLong(ClassCount::bytes).sum();
        long liveAfter = after.values().stream().mapToLong(ClassCount::bytes).sum();
        after.forEach((name, now) -> {
            ClassCount was = before.getOrDefault(name, new ClassCount(0, 0));
            grown.add(Map.entry(name, new ClassCount(now.instances() - was.instances(), now.bytes() - was.bytes())));
        });
        grown.sort((a, b) -> Long.compare(b.getValue().bytes(), a.getValue().bytes()));
        int n = Math.max(1, sockets);
        System.out.printf("%nlive heap: %.1f MiB before, %.1f MiB with %d sockets: %.0f bytes per socket; top classes grown:%n",
                liveBefore / 1048576.0, liveAfter / 1048576.0, sockets, (liveAfter - liveBefore) / (double) n);
        System.out.println("  bytes/socket  objects/socket  class");
        for (Map.Entry<String, ClassCount> entry : grown.subList(0, Math.min(top, grown.size()))) {
            System.out.printf("  %12.0f  %14.2f  %s%n", entry.getValue().bytes() / (double) n,
                    entry.getValue().instances() / (double) n, entry.getKey());
        }
        System.out.println();
        jcmd("GC.heap_info").lines().filter(line -> !line.isBlank() && !line.startsWith(pid + ":"))
                .limit(6).forEach(line -> System.out.println("heap: " + line.strip()));
        if (nativeBaseline) {
            System.out.println("native memory tracking, committed now and change since the baseline (KB):");
            jcmd("VM.native_memory", "summary.diff", "scale=KB").lines()
                    .filter(line -> line.startsWith("Total") || line.startsWith("-"))
                    .forEach(line -> System.out.println("  " + line.strip()));
        }
    }

    private Map<String, ClassCount> histogram() {
        Map<String, ClassCount> counts = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").lines().toList()) {
            // "   1:        123456       7890123  java.lang.String (java.base@17)"
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && Character.isDigit(fields[0].charAt(0))) {
                counts.put(fields[3], new ClassCount(Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            }
        }
        return counts;
    }

    private String jcmd(String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(String.valueOf(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(120, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
