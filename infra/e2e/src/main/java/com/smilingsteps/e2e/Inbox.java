package com.smilingsteps.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
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

    /** Every link with a token in the emails to {@code address} with {@code subject} so far, oldest first. */
    public List<String> linksIn(String address, String subject) {
        List<String> links = new ArrayList<>();
        read(address, subject, links::add);
        return links;
    }

    private String find(String address, String subject) {
        List<String> first = new ArrayList<>();
        read(address, subject, link -> {
            if (first.isEmpty()) {
                first.add(link);
            }
        });
        return first.isEmpty() ? null : first.get(0);
    }

    private void read(String address, String subject, Consumer<String> link) {
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
                            Matcher found = LINK.matcher(text(message));
                            if (found.find()) {
                                link.accept(found.group());
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
