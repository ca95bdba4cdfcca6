package com.smilingsteps.bench.signaling;

import java.util.Arrays;
import java.util.List;

import com.smilingsteps.bench.memory.ImageJvm;

/** {@link SignalingBenchmark}'s command line, with its defaults (the benchmark's javadoc lists the options). */
final class SignalingBenchmarkOptions {

    List<Integer> roomCounts = List.of(10, 100, 1000);
    int seconds = 10;
    int rate = 5000;
    int idle = 20_000;
    boolean viaGateway;
    boolean histogram;
    int joinsInFlight = 50;
    HarnessPayloads payloads = HarnessPayloads.harness();
    int idleHoldSeconds = 30;
    /** {@code --memory-limit}, or null. */
    String memoryLimit;
    /** {@code --server-jvm}, or null. */
    List<String> serverJvm;

    static SignalingBenchmarkOptions parse(String[] args) {
        SignalingBenchmarkOptions o = new SignalingBenchmarkOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--via-gateway") || name.equals("--histogram")) {
                o.viaGateway |= name.equals("--via-gateway");
                o.histogram |= name.equals("--histogram");
                continue;
            }
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--rooms" -> o.roomCounts = Arrays.stream(value.split(",")).map(Integer::valueOf).filter(n -> n > 0).toList();
                case "--seconds" -> o.seconds = Integer.parseInt(value);
                case "--rate" -> o.rate = Integer.parseInt(value);
                case "--idle" -> o.idle = Integer.parseInt(value);
                case "--joins-in-flight" -> o.joinsInFlight = Integer.parseInt(value);
                case "--idle-hold" -> o.idleHoldSeconds = Integer.parseInt(value);
                case "--server-jvm" -> o.serverJvm = List.of(value.trim().split("\\s+"));
                case "--memory-limit" -> o.memoryLimit = value;
                case "--sdp-bytes", "--candidate-bytes", "--candidates" -> o.payloads = o.payloads.with(name, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return o;
    }

    /**
     * Signaling's JVM options: {@code --server-jvm}'s; else, under a memory limit, the options its image
     * runs with there; else the heap of earlier sessions' figures.
     */
    List<String> signalingJvm() {
        return serverJvm != null ? serverJvm
                : memoryLimit != null ? ImageJvm.options(memoryLimit, List.of()) : List.of("-Xmx512m", "-XX:+UseSerialGC");
    }

    /** The gateway's: as signaling's, but under a memory limit its image's options under its own deployment's limit. */
    List<String> gatewayJvm() {
        return serverJvm == null && memoryLimit != null
                ? ImageJvm.options(ImageJvm.memoryLimit("gateway"), List.of()) : signalingJvm();
    }
}
