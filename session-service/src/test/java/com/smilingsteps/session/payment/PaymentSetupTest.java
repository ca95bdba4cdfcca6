package com.smilingsteps.session.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void productionRefusesTheDarajaSandboxUnlessTheEnvironmentSaysSandbox() {
        assertThrows(IllegalStateException.class,
                () -> MpesaEnvironment.requireMatchingBaseUrl("https://sandbox.safaricom.co.ke", "production", true));
        assertThrows(IllegalStateException.class,
                () -> MpesaEnvironment.requireMatchingBaseUrl("https://SANDBOX.safaricom.co.ke/", "", true));
        MpesaEnvironment.requireMatchingBaseUrl("https://sandbox.safaricom.co.ke", "sandbox", true);
        MpesaEnvironment.requireMatchingBaseUrl("https://api.safaricom.co.ke", "production", true);
        MpesaEnvironment.requireMatchingBaseUrl("https://sandbox.safaricom.co.ke", "production", false);
    }

    @Test
    void aCallbackMustCarryTheRequestsIdsAndTheSessionPrice() {
        Payment payment = new Payment();
        payment.merchantRequestId = "29115-1";
        payment.amount = 2500;
        assertNull(PaymentService.mismatch(payment, new StkCallback("29115-1", "ws_CO_1", 0, "ok", 2500L, "NLJ7RT61SV", null)));
        assertNull(PaymentService.mismatch(payment, new StkCallback("29115-1", "ws_CO_1", 1032, "cancelled", null, null, null)));
        assertNotNull(PaymentService.mismatch(payment, new StkCallback("29115-1", "ws_CO_1", 0, "ok", 1L, "NLJ7RT61SV", null)));
        assertNotNull(PaymentService.mismatch(payment, new StkCallback("29115-1", "ws_CO_1", 0, "ok", null, "NLJ7RT61SV", null)));
        assertNotNull(PaymentService.mismatch(payment, new StkCallback("other", "ws_CO_1", 0, "ok", 2500L, "NLJ7RT61SV", null)));
        assertNotNull(PaymentService.mismatch(payment, new StkCallback(null, "ws_CO_1", 1032, "cancelled", null, null, null)));
    }

    @Test
    void callbackParsingKeepsWholeShillingsAndPlausibleReceiptsOnly() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        StkCallback parsed = StkCallback.parse(json.readTree(MpesaPaymentTest.callback("m", "c", 0, 2500)));
        assertEquals(2500L, parsed.amount());
        assertEquals("NLJ7RT61SV", parsed.receipt());
        assertEquals("254712345678", parsed.phone());
        // M-Pesa masks most of the number since March 2026; the digits it shows must agree
        assertTrue(UnansweredPrompts.samePhone("254712345678", "254712345678"));
        assertTrue(UnansweredPrompts.samePhone("0712XXX678", "254712345678"));
        assertTrue(UnansweredPrompts.samePhone("254712***678", "254712345678"));
        assertFalse(UnansweredPrompts.samePhone("254712***679", "254712345678"));
        assertFalse(UnansweredPrompts.samePhone("0712XXX67", "254712345678"));
        assertFalse(UnansweredPrompts.samePhone("25XXXXXXXXXX", "254712345678"));
        assertEquals("0712XXX678", StkCallback.parse(json.readTree(MpesaPaymentTest.callback("m", "c", 0, 2500)
                .replace("254712345678", "\"0712XXX678\""))).phone());
        assertEquals("m", parsed.merchantRequestId());
        StkCallback fractional = StkCallback.parse(json.readTree(
                MpesaPaymentTest.callback("m", "c", 0, 2500).replace("\"Value\":2500", "\"Value\":2500.5")));
        assertEquals(-1L, fractional.amount());
        StkCallback decimal = StkCallback.parse(json.readTree(
                MpesaPaymentTest.callback("m", "c", 0, 2500).replace("\"Value\":2500", "\"Value\":2500.00")));
        assertEquals(2500L, decimal.amount());
        StkCallback oddReceipt = StkCallback.parse(json.readTree(
                MpesaPaymentTest.callback("m", "c", 0, 2500).replace("NLJ7RT61SV", "<script>")));
        assertNull(oddReceipt.receipt());
        assertThrows(com.smilingsteps.kit.problem.ProblemException.class, () -> StkCallback.parse(json.readTree("{\"Body\":{}}")));
    }
}
