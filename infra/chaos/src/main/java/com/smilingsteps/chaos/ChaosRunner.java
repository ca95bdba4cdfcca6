package com.smilingsteps.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The scenarios at the full sizes (the failsafe run uses shorter ones), one stack for
 * all of them, each printing its figure. Run from the repository root after packaging the
 * services; args name the scenarios to run (default: all): {@code 1 2 3 4 5 8}.
 */
public final class ChaosRunner {

    private ChaosRunner() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> chosen = args.length == 0 ? Set.of("1", "2", "3", "4", "5", "8") : Set.of(args);
        Path root = Path.of("").toAbsolutePath();
        List<String> figures = new ArrayList<>();
        long started = System.nanoTime();
        try (ChaosStack stack = ChaosStack.start(root, root.resolve("infra/chaos/target/runner-stack"))) {
            System.out.printf("stack of 7 services up in %.0f s; logs in %s%n", Chaos.seconds(System.nanoTime() - started),
                    stack.logs());
            if (chosen.contains("8")) {
                figures.add(report(NoisyNeighbour.run(stack, 10_000)));
            }
            if (chosen.contains("3")) {
                figures.add(report(SignalingKill.run(stack, 50)));
            }
            if (chosen.contains("2")) {
                figures.add(report(NotificationReplicaKill.run(stack, 10_000)));
            }
            if (chosen.contains("5")) {
                figures.add(report(SmtpOutage.run(stack, 200, Duration.ofMinutes(5))));
            }
            if (chosen.contains("1")) {
                figures.add(report(KafkaOutage.run(stack, 500, Duration.ofSeconds(60))));
            }
            if (chosen.contains("4")) {
                figures.add(report(MongoRestart.run(stack, Duration.ofSeconds(10))));
            }
        }
        System.out.println();
        figures.forEach(System.out::println);
        System.exit(0);
    }

    private static String report(Object result) {
        System.out.println(result);
        return result.toString();
    }
}
