package com.smilingsteps.chaos;

import java.nio.file.Path;

/** Starts the stack of a failsafe chaos class where the pom says (repository root, state directory). */
final class FailsafeStack {

    private FailsafeStack() {
    }

    /** {@code name}: the state directory under {@code target/}, one per class. */
    static ChaosStack start(String name) {
        return start(name, ChaosStack.ALL);
    }

    static ChaosStack start(String name, java.util.Set<String> services) {
        Path root = Path.of(System.getProperty("chaos.repoRoot", "../..")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("chaos.dataDir", "target/stack")).toAbsolutePath().resolve(name);
        long started = System.nanoTime();
        ChaosStack stack = ChaosStack.start(root, data, services);
        System.out.printf("chaos stack of %d services up in %.0f s (load average %s)%n", services.size(),
                Chaos.seconds(System.nanoTime() - started), Chaos.loadAverage());
        return stack;
    }
}
