package com.smilingsteps.e2e;

import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * Reads a mailbox of the stack's GreenMail over POP3, as a person's mail client would (GreenMail
 * runs without authentication: the address is the user name and any password opens it).
 */
public final class Inbox implements MailLinks {

    private static final Pattern LINK = Pattern.compile("https?://\\S+#token=[A-Za-z0-9_%-]+");

    private final int pop3Port;

    public Inbox(int pop3Port) {
        this.pop3Port = pop3Port;
    }

    @Override
    public String linkIn(String address, String subject, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String link = find(address, subject);
            if (link != null) {
                return link;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + subject + "' email with a link reached " + address + " within " + timeout);
            }
            Api.sleep(300);
        }
    }

    private String find(String address, String subject) {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", String.valueOf(pop3Port));
        try {
            Store store = Session.getInstance(props).getStore("pop3");
            store.connect("127.0.0.1", pop3Port, address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                try {
                    for (Message message : inbox.getMessages()) {
                        if (subject.equals(message.getSubject())) {
                            Matcher link = LINK.matcher(text(message));
                            if (link.find()) {
                                return link.group();
                            }
                        }
                    }
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read " + address + " over POP3", e);
        }
        return null;
    }

    /** The plain-text part, decoded (quoted-printable would break the link across lines). */
    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
