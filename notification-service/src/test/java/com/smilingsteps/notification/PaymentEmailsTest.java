package com.smilingsteps.notification;

import static com.smilingsteps.notification.SessionEmailsTest.single;
import static com.smilingsteps.notification.support.SessionEvents.callStarted;
import static com.smilingsteps.notification.support.SessionEvents.confirmedPaid;
import static com.smilingsteps.notification.support.SessionEvents.expired;
import static com.smilingsteps.notification.support.SessionEvents.paymentFailed;
import static com.smilingsteps.notification.support.SessionEvents.publish;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SmtpResource;
import com.smilingsteps.notification.support.Mailbox;
import com.smilingsteps.notification.support.Mailbox.Email;
import com.smilingsteps.notification.support.NotificationTestBase;
import com.smilingsteps.notification.support.SessionEvents.Session;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Receipts, failed payments and expired bookings reach the client (only the client) through real SMTP. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class PaymentEmailsTest extends NotificationTestBase {

    @Test
    void aPaidConfirmationSendsTheClientAReceiptWithAmountReceiptNumberDateAndPractice() {
        Session session = Session.fresh("Grace Akinyi", "Dr. Njoroge");
        Instant start = t0.plus(Duration.ofDays(2));
        publish(confirmedPaid(session, start, 2500, "NLJ7RT61SV"));

        Email receipt = single(this, session.clientEmail(), "Payment received");
        for (String body : new String[] { receipt.text(), receipt.html() }) {
            assertTrue(body.contains("KES 2500"), body);
            assertTrue(body.contains("NLJ7RT61SV"), body);
            assertTrue(body.contains("Dr. Njoroge"), body);
            assertTrue(body.contains(String.valueOf(start.atZone(java.time.ZoneId.of("Africa/Nairobi")).getYear())), body);
            assertTrue(body.contains("Smiling Steps"), body);
        }
        single(this, session.clientEmail(), "Your session is confirmed");
        single(this, session.psychologistEmail(), "Your session is confirmed");
        assertNoMail(session.psychologistEmail(), "Payment received", session, start);
    }

    @Test
    void aFailedPaymentTellsTheClientWhyAndToTryAgain() {
        Session session = Session.fresh("Hassan Ali", "Dr. Kamau");
        Instant start = t0.plus(Duration.ofDays(3));
        publish(paymentFailed(session, start, 3000, "Request cancelled by user"));

        Email failed = single(this, session.clientEmail(), "Payment failed, please try again");
        assertTrue(failed.text().contains("KES 3000") && failed.text().contains("Request cancelled by user"), failed.text());
        assertTrue(failed.html().contains("Request cancelled by user"), failed.html());
        assertTrue(failed.text().contains("pay again"), failed.text());
        assertNoMail(session.psychologistEmail(), "Payment failed, please try again", session, start);
    }

    @Test
    void anExpiredBookingTellsTheClientTheSlotWasReleased() {
        Session session = Session.fresh("Irene Wambui", "Dr. Odhiambo");
        Instant start = t0.plus(Duration.ofDays(4));
        publish(expired(session, start));

        Email notice = single(this, session.clientEmail(), "Your unpaid booking has expired");
        assertTrue(notice.text().contains("Dr. Odhiambo") && notice.text().contains("not paid in time"), notice.text());
        assertNoMail(session.psychologistEmail(), "Your unpaid booking has expired", session, start);
    }

    /** Once a later event of the same session is handled, the earlier one is too: nothing more is coming. */
    private void assertNoMail(String address, String subject, Session session, Instant start) {
        String later = publish(callStarted(session, start, start));
        assertTrue(Mailbox.await(Duration.ofSeconds(20), () -> processed(later)));
        assertTrue(Mailbox.to(address).stream().noneMatch(e -> e.subject().equals(subject)));
    }
}
