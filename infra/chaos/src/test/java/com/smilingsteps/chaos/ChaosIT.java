package com.smilingsteps.chaos;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault scenarios at sizes that fit CI (ChaosRunner runs the full sizes), against one
 * stack of packaged services: each prints its figure and fails on any loss or duplicate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private ChaosStack stack;

    @BeforeAll
    void startStack() {
        Path root = Path.of(System.getProperty("chaos.repoRoot", "../..")).toAbsolutePath().normalize();
        stack = ChaosStack.start(root, Path.of(System.getProperty("chaos.dataDir", "target/stack")).toAbsolutePath());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void noisyNeighbourDoesNotDisturbAHealthyCall() throws Exception {
        System.out.println(NoisyNeighbour.run(stack, 2_000));
    }

    @Test
    @Order(2)
    void callsComeBackOnTheSurvivorWhenASignalingInstanceIsKilled() {
        System.out.println(SignalingKill.run(stack, 10));
    }

    @Test
    @Order(3)
    void remindersAreSentOnceWhenANotificationReplicaIsKilled() {
        System.out.println(NotificationReplicaKill.run(stack, 2_000));
    }

    @Test
    @Order(4)
    void remindersWaitOutAMailServerOutage() {
        System.out.println(SmtpOutage.run(stack, 50, Duration.ofSeconds(30)));
    }

    @Test
    @Order(5)
    void bookingsSurviveAKafkaOutage() {
        System.out.println(KafkaOutage.run(stack, 40, Duration.ofSeconds(15)));
    }

    @Test
    @Order(6)
    void bookingsSurviveAMongoRestart() throws Exception {
        System.out.println(MongoRestart.run(stack, Duration.ofSeconds(5)));
    }
}
