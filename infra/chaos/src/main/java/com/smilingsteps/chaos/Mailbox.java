package com.smilingsteps.chaos;

import java.util.HashMap;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.smilingsteps.infra.embedded.EmbeddedSmtp;

/** What GreenMail received, counted by notification job (the header the service stamps on each mail). */
final class Mailbox {

    static final String JOB_HEADER = "X-Smiling-Steps-Notification";

    private Mailbox() {
    }

    /** Mails per job id; a value above 1 is a duplicate. */
    static Map<String, Integer> byJob(EmbeddedSmtp smtp) {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : smtp.receivedMessages()) {
            try {
                String[] job = message.getHeader(JOB_HEADER);
                counts.merge(job == null ? "(no job header)" : job[0], 1, Integer::sum);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    static long duplicates(Map<String, Integer> byJob) {
        return byJob.values().stream().mapToInt(n -> n - 1).sum();
    }
}
