package com.smilingsteps.notification.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;

import com.smilingsteps.infra.testing.JwtResource;
import com.smilingsteps.infra.testing.KafkaResource;
import com.smilingsteps.infra.testing.MongoResource;
import com.smilingsteps.infra.testing.SharedServers;
import com.smilingsteps.infra.testing.SmtpResource;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** quarkus-mailer delivers over real SMTP, and the recipient reads the mail back over POP3. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MongoResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtResource.class, scope = TestResourceScope.GLOBAL)
class SmtpDeliveryTest {

    @Inject
    Mailer mailer;

    @Test
    void mailSentThroughQuarkusMailerArrivesInTheRecipientsMailbox() throws Exception {
        String recipient = "pop-reader-" + System.nanoTime() + "@example.test";
        mailer.send(Mail.withText(recipient, "Smiling Steps check", "Hello from the notification service"));

        Properties props = new Properties();
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("pop3")) {
            // GreenMail runs with authentication off: the address is both user and password.
            store.connect("127.0.0.1", SharedServers.smtp().pop3Port(), recipient, recipient);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertEquals(1, messages.length);
            assertEquals("Smiling Steps check", messages[0].getSubject());
            assertTrue(messages[0].getContent().toString().contains("Hello from the notification service"));
            inbox.close(false);
        }
    }
}
