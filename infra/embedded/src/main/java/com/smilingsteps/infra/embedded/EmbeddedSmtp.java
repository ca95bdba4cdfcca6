package com.smilingsteps.infra.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * GreenMail: real SMTP, POP3 and IMAP servers with authentication off, so any mailbox is read
 * with the address as user and password. Tests use it to read back what the services sent.
 */
public final class EmbeddedSmtp implements AutoCloseable {

    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_POP3_PORT = 3110;
    public static final int DEFAULT_IMAP_PORT = 3143;

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int pop3Port;
    private final int imapPort;

    private EmbeddedSmtp(int smtpPort, int pop3Port, int imapPort) {
        this.smtpPort = smtpPort;
        this.pop3Port = pop3Port;
        this.imapPort = imapPort;
        this.greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(pop3Port, "127.0.0.1", ServerSetup.PROTOCOL_POP3),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    /** On free ports, for tests. */
    public static EmbeddedSmtp onFreePorts() {
        return new EmbeddedSmtp(FreePorts.next(), FreePorts.next(), FreePorts.next());
    }

    /** On the given ports. */
    public static EmbeddedSmtp on(int smtpPort, int pop3Port, int imapPort) {
        return new EmbeddedSmtp(smtpPort, pop3Port, imapPort);
    }

    /** On GreenMail's usual ports (SMTP 3025, POP3 3110, IMAP 3143), for the dev stack. */
    public static EmbeddedSmtp onDefaultPorts() {
        return new EmbeddedSmtp(DEFAULT_SMTP_PORT, DEFAULT_POP3_PORT, DEFAULT_IMAP_PORT);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int pop3Port() {
        return pop3Port;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Messages received so far, across all mailboxes. */
    public MimeMessage[] receivedMessages() {
        return greenMail.getReceivedMessages();
    }

    /** Waits until at least {@code count} messages have arrived in total. */
    public boolean waitForMessages(int count, long timeoutMillis) {
        return greenMail.waitForIncomingEmail(timeoutMillis, count);
    }

    /** Empties every mailbox, so a test sees only its own mail. */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("could not purge GreenMail", e);
        }
    }

    /**
     * Stops SMTP, POP3 and IMAP to simulate a mail-server outage; {@link #restart()} brings them
     * back empty (mail received before the stop is gone).
     */
    public void stop() {
        greenMail.stop();
    }

    public void restart() {
        greenMail.start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
