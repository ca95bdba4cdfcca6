package com.smilingsteps.chaos;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault scenarios at sizes that fit CI (ChaosRunner runs the full sizes), against one
 * stack of packaged services: each prints its figure and fails on any loss or duplicate. The
 * scenarios that kill a replica come last, so that no killed replica has to start again.
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
        System.out.println(ChaosRunner.run("8", stack, Sizes.CI));
    }


    @Test
    @Order(3)
    void remindersWaitOutAMailServerOutage() throws Exception {
        System.out.println(ChaosRunner.run("5", stack, Sizes.CI));
    }

    @Test
    @Order(4)
    void bookingsSurviveAKafkaOutage() throws Exception {
        System.out.println(ChaosRunner.run("1", stack, Sizes.CI));
    }

    @Test
    @Order(5)
    void bookingsSurviveAMongoRestart() throws Exception {
        System.out.println(ChaosRunner.run("4", stack, Sizes.CI));
    }

    @Test
    @Order(6)
    void callsComeBackOnTheSurvivorWhenASignalingInstanceIsKilled() throws Exception {
        // protocol calls only: the Chromium call needs the SPA test build that only E2eStack registers
        System.out.println(SignalingKill.run(stack, Sizes.CI.calls(), false));
    }

    @Test
    @Order(7)
    void remindersAreSentOnceWhenANotificationReplicaIsKilled() throws Exception {
        System.out.println(ChaosRunner.run("2", stack, Sizes.CI));
    }
}
