package com.smilingsteps.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.smilingsteps.bench.notification.ReminderDispatchBenchmark;

/**
 * Scenario 5: the mail server is down for a while. Reminders that fall due meanwhile are sent
 * once it is back (with the services' own retry backoff), each once; reminders of sessions that
 * started during the outage are not sent at all (no reminder after the session started).
 */
public final class SmtpOutage {

    public record Result(Duration outage, int due, int late, int delivered, long duplicates, int lateSent,
            double afterRecoverySeconds) {

        @Override
        public String toString() {
            return String.format("scenario 5 (SMTP down %d s): %d reminders due during the outage, %d delivered after "
                    + "recovery (%d duplicates) within %.1f s; %d reminders of sessions that started during the "
                    + "outage, %d of them sent late", outage.toSeconds(), due, delivered, duplicates,
                    afterRecoverySeconds, late, lateSent);
        }
    }

    private SmtpOutage() {
    }

    public static Result run(ChaosStack stack, int reminders, Duration outage) {
        stack.smtp().purge();
        boolean stopped = false;
        try (MongoClient mongo = MongoClients.create(stack.mongoConnectionString())) {
            MongoCollection<Document> jobs = mongo.getDatabase("notifications").getCollection("email_jobs");
            stack.smtp().stop();
            stopped = true;
            Instant now = Instant.now();
            // sessions in 10 minutes, reminders due now: they must wait for the mail server
            ReminderDispatchBenchmark.insertDueReminders(jobs, reminders, now);
            // sessions that start half-way through the outage: their reminders become pointless
            int late = Math.max(1, reminders / 10);
            Instant lateBase = now.minus(Duration.ofMinutes(10)).plus(outage.dividedBy(2));
            ReminderDispatchBenchmark.insertDueReminders(jobs, late, lateBase);
            Set<String> dueIds = ids(jobs, now);
            Set<String> lateIds = ids(jobs, lateBase);
            Chaos.sleep(outage.toMillis());
            stack.smtp().restart();
            stopped = false;
            long back = System.nanoTime();
            boolean all = Chaos.await(Duration.ofMinutes(15), () -> Mailbox.byJob(stack.smtp()).keySet().stream()
                    .filter(dueIds::contains).count() >= reminders);
            double after = Chaos.seconds(System.nanoTime() - back);
            Chaos.sleep(3000);
            Map<String, Integer> byJob = Mailbox.byJob(stack.smtp());
            byJob.keySet().retainAll(union(dueIds, lateIds));
            int lateSent = (int) byJob.keySet().stream().filter(lateIds::contains).count();
            Result result = new Result(outage, dueIds.size(), lateIds.size(), byJob.size() - lateSent,
                    Mailbox.duplicates(byJob), lateSent, after);
            Chaos.check(all, "reminders lost after the outage: " + result);
            Chaos.check(result.duplicates() == 0, "duplicate reminders: " + result);
            Chaos.check(lateSent == 0, "reminders sent after their session started: " + result);
            return result;
        } finally {
            if (stopped) {
                stack.smtp().restart();
            }
        }
    }

    /** The ids of the jobs {@code insertDueReminders} wrote with {@code createdAt = at}. */
    private static Set<String> ids(MongoCollection<Document> jobs, Instant at) {
        Set<String> ids = new HashSet<>();
        jobs.find(Filters.eq("createdAt", Date.from(at))).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
