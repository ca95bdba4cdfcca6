package com.smilingsteps.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short fault scenarios (4: MongoDB restarted under booking load, 5: SMTP down while
 * reminders fall due) at CI sizes on their own stack; {@link ChaosIT} has the long ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickChaosIT {

    private ChaosStack stack;
    private long started;

    @BeforeAll
    void startStack() {
        started = System.nanoTime();
        stack = FailsafeStack.start("quick", ChaosStack.BOOKING_AND_MAIL);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        System.out.printf("QuickChaosIT: %.0f s including the stack's start and stop (load average %s)%n",
                Chaos.seconds(System.nanoTime() - started), Chaos.loadAverage());
    }

    @Test
    @Order(1)
    void bookingsSurviveAMongoRestart() throws Exception {
        System.out.println(ChaosRunner.run("4", stack, Sizes.CI));
    }

    @Test
    @Order(2)
    void remindersWaitOutAMailServerOutage() throws Exception {
        System.out.println(ChaosRunner.run("5", stack, Sizes.CI));
    }
}
