package com.smilingsteps.chaos;

import java.time.Instant;
import java.util.Map;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.smilingsteps.bench.notification.ReminderDispatchBenchmark;

/**
 * Scenario 2: N due reminders, two notification replicas sending them; one replica is SIGKILLed
 * after about a third reached SMTP. The survivor takes over the killed replica's leased jobs once
 * their lease runs out: every reminder arrives, none twice.
 */
public final class NotificationReplicaKill {

    public record Result(int reminders, int atKill, int delivered, long duplicates, double seconds) {

        @Override
        public String toString() {
            return String.format("scenario 2 (notification replica SIGKILLed mid-batch): %d due reminders, replica "
                    + "killed at %d delivered; %d of %d delivered (lost %d), %d duplicates, all done in %.1f s "
                    + "(lease 30 s)", reminders, atKill, delivered, reminders, reminders - Math.min(delivered, reminders),
                    duplicates, seconds);
        }
    }

    private NotificationReplicaKill() {
    }

    public static Result run(ChaosStack stack, int reminders) {
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
            Chaos.sleep(3000); // a late duplicate would arrive now
            Map<String, Integer> byJob = Mailbox.byJob(stack.smtp());
            Result result = new Result(reminders, atKill, byJob.size(), Mailbox.duplicates(byJob), Chaos.seconds(elapsed));
            Chaos.check(all && byJob.size() == reminders, "reminders lost: " + result);
            Chaos.check(result.duplicates() == 0, "duplicate reminders: " + result);
            return result;
        } finally {
            stack.restart(ChaosStack.NOTIFICATION_A);
        }
    }
}
