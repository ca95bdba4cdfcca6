package com.smilingsteps.chaos;

import java.time.Instant;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.smilingsteps.bench.notification.ReminderDispatchBenchmark;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 2: N due reminders, two notification replicas sending them; one replica is SIGKILLed
 * after about a third reached SMTP. The survivor takes over the killed replica's leased jobs once
 * their lease runs out: every reminder arrives. Duplicates are counted; only the sends that were in
 * flight at the kill can repeat (see README: exactly-once does not survive a SIGKILL).
 */
public final class NotificationReplicaKill {

    public record Result(int reminders, int atKill, int delivered, long duplicates, double seconds,
            double windowMeanMillis, double windowMaxMillis) {

        @Override
        public String toString() {
            return String.format("scenario 2 (notification replica SIGKILLed mid-batch): %d due reminders, replica "
                    + "killed at %d delivered; %d of %d delivered (lost %d), %d duplicates, all done in %.1f s "
                    + "(lease 30 s); window from SMTP's acceptance to the delivery record (survivor): mean %.1f ms, "
                    + "max %.1f ms", reminders, atKill, delivered, reminders, reminders - Math.min(delivered, reminders),
                    duplicates, seconds, windowMeanMillis, windowMaxMillis);
        }
    }

    /** Dispatcher's timer of the window in which a crash repeats a send. */
    private static final String WINDOW = "notification_unrecorded_send_seconds";

    /** notification.dispatch.concurrency: how many sends one replica has open at once. */
    private static final int IN_FLIGHT = 8;

    private NotificationReplicaKill() {
    }

    public static Result run(ChaosStack stack, int reminders) {
        stack.ensureRunning(ChaosStack.NOTIFICATION_A);
        stack.smtp().purge();
        try (MongoClient mongo = MongoClients.create(stack.mongoConnectionString())) {
            MongoCollection<Document> jobs = mongo.getDatabase("notifications").getCollection("email_jobs");
            long begin = System.nanoTime();
            ReminderDispatchBenchmark.insertDueReminders(jobs, reminders, Instant.now());
            Chaos.check(Chaos.await(java.time.Duration.ofMinutes(5),
                    () -> stack.smtp().receivedMessages().length >= reminders / 3), "a third never reached SMTP");
            stack.service(ChaosStack.NOTIFICATION_A).kill();
            int atKill = stack.smtp().receivedMessages().length;
            boolean all = Chaos.await(java.time.Duration.ofMinutes(10),
                    () -> Mailbox.byJob(stack.smtp()).size() >= reminders);
            long elapsed = System.nanoTime() - begin;
            Processes.sleep(3000); // a late duplicate would arrive now
            Map<String, Integer> byJob = Mailbox.byJob(stack.smtp());
            int survivor = stack.service(ChaosStack.NOTIFICATION_B).port();
            double windowMean = 1000 * Chaos.metric(survivor, WINDOW + "_sum") / Chaos.metric(survivor, WINDOW + "_count");
            Result result = new Result(reminders, atKill, byJob.size(), Mailbox.duplicates(byJob), Chaos.seconds(elapsed),
                    windowMean, 1000 * Chaos.metric(survivor, WINDOW + "_max"));
            Chaos.check(all && byJob.size() == reminders, "reminders lost: " + result);
            // SMTP has no idempotency: a mail the server accepted just before the SIGKILL, whose SENT
            // mark was never written, is sent again after the lease. At most the sends in flight.
            Chaos.check(result.duplicates() <= IN_FLIGHT, "more duplicates than sends in flight: " + result);
            return result;
        }
    }
}
