package com.smilingsteps.bench.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options the services' images run with, so a benchmark measures what a deployment runs: the
 * ubi9 runtime's {@code run-java.sh} defaults with the Dockerfiles' collector ({@code
 * GC_CONTAINER_OPTIONS}: serial) and the base image's heap ratios, then the Dockerfiles' {@code
 * JAVA_OPTS_APPEND} (the heap half the memory limit, all of it from the start), one CPU (every
 * deployment gives a service one or less; the CPU quota itself is not applied) and {@code -XX:MaxRAM}
 * at a memory limit (each module's in docker-compose.yml and infra/k8s: {@link #memoryLimit}).
 */
public final class ImageJvm {

    private static final List<String> OPTIONS = List.of("-XX:MaxRAMPercentage=80", "-XX:+UseSerialGC",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90",
            "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=50", "-XX:InitialRAMPercentage=50",
            "-XX:ActiveProcessorCount=1");
    private static final Map<String, String> MEMORY_LIMITS = Map.of("turn-credentials-service", "512m",
            "gateway", "512m", "signaling-service", "768m", "session-service", "768m", "notification-service", "512m");

    private ImageJvm() {
    }

    /** {@code module}'s deployment memory limit, as compose writes it ({@code 512m}). */
    public static String memoryLimit(String module) {
        String limit = MEMORY_LIMITS.get(module);
        if (limit == null) {
            throw new IllegalArgumentException("no deployment memory limit known for " + module);
        }
        return limit;
    }

    /** The images' options under {@code memoryLimit} ({@code 512m}), then {@code extra}; a collector named in {@code extra} replaces serial. */
    public static List<String> options(String memoryLimit, List<String> extra) {
        boolean ownCollector = extra.stream().anyMatch(ImageJvm::isCollector);
        List<String> options = new ArrayList<>();
        OPTIONS.stream().filter(option -> !(ownCollector && isCollector(option))).forEach(options::add);
        options.add("-XX:MaxRAM=" + MemoryCgroup.bytes(memoryLimit));
        options.addAll(extra);
        return options;
    }

    private static boolean isCollector(String option) {
        return option.matches("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC");
    }
}
