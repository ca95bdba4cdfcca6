package com.smilingsteps.session.payment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaymentSetupTest {

    @Test
    void productionNeverSimulatesAndRefusesToStartWithoutCredentials() {
        assertThrows(IllegalStateException.class, () -> PaymentService.requireUsableSetup(false, true, true));
        assertThrows(IllegalStateException.class, () -> PaymentService.requireUsableSetup(false, false, false));
        assertTrue(PaymentService.requireUsableSetup(false, true, false), "dev stack simulates");
        assertFalse(PaymentService.requireUsableSetup(true, true, true));
        assertFalse(PaymentService.requireUsableSetup(true, false, false));
    }
}
