package com.smilingsteps.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


/** A client picks a free slot in the week view, pays (simulated), and that slot is gone for the next client. */
@ExtendWith(StackExtension.class)
class SlotBookingIT {

    @Test
    void aPaidSlotDisappearsForTheNextClient(StackExtension.Harness harness) {
        Api api = harness.api();
        Api.Account psychologist = api.newPsychologist(harness.stack().admin(), "Dr Slot " + UUID.randomUUID().toString().substring(0, 6));
        Api.Account first = api.newClient("First Client");
        Api.Account second = api.newClient("Second Client");
        try (Participant client = Participant.open(harness.browser(), harness.stack().baseUrl(), first).login();
                Participant other = Participant.open(harness.browser(), harness.stack().baseUrl(), second).login()) {
            client.openBooking(psychologist);
            assertTrue(client.byTestId("book-price").textContent().contains("KES " + Api.RATE));
            // the first free slot of the week view (working hours 08:00-20:00 every day: there always is one)
            Participant.Booked booked = client.bookFirstFreeSlot();
            String start = booked.start();
            String sessionId = booked.sessionId();
            assertEquals(start, api.session(first, sessionId).path("sessionDate").asText().replace(".000Z", "Z"));

            client.payWithSimulatedMpesa(sessionId);
            client.screenshot(harness.screenshots(), "slot-01-paid");

            other.openBooking(psychologist);
            other.byTestId("book-slot").first().waitFor();
            assertEquals(0, other.page().locator("[data-testid=book-slot][data-start='" + start + "']").count(),
                    "the paid slot " + start + " is no longer offered to another client");
            assertTrue(other.byTestId("book-slot").count() > 0, "other slots still are");
            other.screenshot(harness.screenshots(), "slot-02-gone-for-the-next-client");
        }
    }
}
