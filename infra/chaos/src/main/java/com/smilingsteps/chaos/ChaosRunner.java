package com.smilingsteps.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scenarios at the full sizes (the failsafe run uses {@link Sizes#CI}), one stack for
 * all of them, each printing its figure. Run from the repository root after packaging the
 * services; args name the scenarios to run (default all, the killing ones late so that killed replicas need not come back in
 * between: {@code 8 6 5 1 4 3 2 7}), {@code --ci}
 * uses the CI sizes.
 */
public final class ChaosRunner {

    private ChaosRunner() {
    }

    public static void main(String[] args) throws Exception {
        // the embedded Kafka logs every partition change at INFO: keep the figures readable
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        List<String> list = new ArrayList<>(Arrays.asList(args));
        Sizes sizes = list.remove("--ci") ? Sizes.CI : Sizes.FULL;
        List<String> chosen = list.isEmpty() ? List.of("8", "6", "5", "1", "4", "3", "2", "7") : list;
        Path root = Path.of("").toAbsolutePath();
        List<String> figures = new ArrayList<>();
        long started = System.nanoTime();
        // -Dchaos.dataDir: another directory, so that two runners (e.g. the soak beside the others) can run at once
        Path dataDir = Path.of(System.getProperty("chaos.dataDir", root.resolve("infra/chaos/target/runner-stack").toString()));
        try (ChaosStack stack = ChaosStack.start(root, dataDir.toAbsolutePath())) {
            System.out.printf("stack of 7 services up in %.0f s (load average %s); logs in %s%n",
                    Chaos.seconds(System.nanoTime() - started), Chaos.loadAverage(), stack.logs());
            for (String scenario : chosen) {
                String load = "load average before " + Chaos.loadAverage();
                try {
                    Object figure = run(scenario, stack, sizes);
                    String line = figure + " [" + load + ", after " + Chaos.loadAverage() + "]";
                    System.out.println(line);
                    figures.add(line);
                } catch (RuntimeException | AssertionError e) {
                    System.out.println("scenario " + scenario + " FAILED: " + e);
                    figures.add("scenario " + scenario + " FAILED: " + e.getMessage() + " [" + load + "]");
                }
            }
        }
        System.out.println();
        figures.forEach(System.out::println);
        System.exit(0);
    }

    static Object run(String scenario, ChaosStack stack, Sizes sizes) throws Exception {
        return switch (scenario) {
            case "1" -> KafkaOutage.run(stack, sizes.bookings(), sizes.kafkaDown());
            case "2" -> NotificationReplicaKill.run(stack, sizes.reminders());
            case "3" -> SignalingKill.run(stack, sizes.calls(), true);
            case "4" -> MongoRestart.run(stack, sizes.mongoDown());
            case "5" -> SmtpOutage.run(stack, sizes.remindersInOutage(), sizes.smtpDown());
            case "6" -> CoturnRestart.run(stack, sizes.coturnDown());
            case "7" -> Soak.run(stack, sizes.soakCalls(), sizes.soak());
            case "8" -> NoisyNeighbour.run(stack, sizes.hostileFrames());
            default -> throw new IllegalArgumentException("no scenario " + scenario + " (1 2 3 4 5 6 7 8)");
        };
    }
}
