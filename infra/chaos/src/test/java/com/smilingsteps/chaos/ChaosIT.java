package com.smilingsteps.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The long fault scenarios at CI sizes (ChaosRunner runs the full sizes), against one
 * stack of packaged services: each prints its figure and fails on any loss, duplicate beyond the
 * bound, or ghost. Opt-in ({@code -Dchaos.excluded=none}, see the README): together they take
 * longer than CI's budget. The scenarios that kill a replica come last, so that no killed
 * replica has to start again. {@link QuickChaosIT} has the short ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private ChaosStack stack;

    @BeforeAll
    void startStack() {
        stack = FailsafeStack.start("long");
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
    @Order(2)
    void aRelayedCallRecoversFromACoturnRestart() throws Exception {
        System.out.println(ChaosRunner.run("6", stack, Sizes.CI));
    }

    @Test
    @Order(3)
    void bookingsSurviveAKafkaOutage() throws Exception {
        System.out.println(ChaosRunner.run("1", stack, Sizes.CI));
    }

    @Test
    @Order(4)
    void callsComeBackOnTheSurvivorWhenASignalingInstanceIsKilled() throws Exception {
        System.out.println(ChaosRunner.run("3", stack, Sizes.CI));
    }

    @Test
    @Order(5)
    void remindersAreSentOnceWhenANotificationReplicaIsKilled() throws Exception {
        System.out.println(ChaosRunner.run("2", stack, Sizes.CI));
    }
}
