package com.smilingsteps.chaos;

import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.smilingsteps.e2e.Api;
import com.smilingsteps.infra.embedded.Processes;

/**
 * Scenario 1: bookings and payments through the gateway while the Kafka broker is stopped for a
 * while and started again on its ports. Booking never needs Kafka (the outbox holds the events),
 * so every request is answered; after the restart the outbox drains, each event is on the topic
 * once, and each confirmation and reminder mail (both parties) arrives once.
 */
public final class KafkaOutage {

    public record Result(int bookings, Duration outage, int answered, int confirmed, int events, long duplicateEvents,
            int mails, long duplicateMails, double outboxSeconds, double drainSeconds) {

        @Override
        public String toString() {
            return String.format("scenario 1 (Kafka down %d s during bookings): %d bookings + payments, %d answered, %d "
                    + "confirmed; %d session events on the topic, %d duplicates; %d confirmation + reminder mails, "
                    + "%d duplicates; outbox empty %.1f s after the broker came back, every mail (reminders fall due "
                    + "an outage's length after the first booking) %.1f s after", outage.toSeconds(), bookings, answered, confirmed,
                    events, duplicateEvents, mails, duplicateMails, outboxSeconds, drainSeconds);
        }
    }

    private KafkaOutage() {
    }

    public static Result run(ChaosStack stack, int bookings, Duration outage) {
        Api api = stack.api();
        Api.Account admin = stack.admin();
        stack.smtp().purge();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Api.Account> psychologists = parallel(pool, bookings, i -> api.newPsychologist(admin, "Dr Outage " + i));
            List<Api.Account> clients = parallel(pool, Math.max(1, bookings / 5), i -> api.newClient("Outage client " + i));
            // reminders (15 min before) fall due soon after the bookings, while the outage may still drain:
            // each psychologist's working hours begin then, and the client books the first slot offered
            Instant wanted = Instant.now().plus(Duration.ofMinutes(15)).plus(outage);
            List<Instant> slots = parallel(pool, bookings, i -> firstSlotFrom(api, admin, psychologists.get(i), wanted));
            AtomicInteger answered = new AtomicInteger();
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            Map<String, Api.Account> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                int n = i;
                load.add(pool.submit(() -> {
                    Api.Account client = clients.get(n % clients.size());
                    try {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("psychologistId", psychologists.get(n).id());
                        body.put("sessionDate", slots.get(n).toString());
                        body.put("sessionType", "individual");
                        body.put("price", 2500);
                        String id = api.post("/api/sessions", client.token(), body).path("id").asText();
                        api.post("/api/sessions/" + id + "/payment/mpesa", client.token(), Map.of("phone", "254712345678"));
                        sessions.put(id, client);
                        answered.incrementAndGet();
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e.getMessage());
                    }
                    Processes.sleep(100);
                }));
                if (i == bookings / 3) {
                    Chaos.await(Duration.ofSeconds(60), () -> answered.get() >= bookings / 4);
                    stack.kafka().stop();
                    pool.submit(() -> {
                        Processes.sleep(outage.toMillis());
                        stack.kafka().start();
                    });
                }
            }
            for (Future<?> f : load) {
                f.get();
            }
            Chaos.check(Chaos.await(outage.plusSeconds(60), () -> stack.kafka().isRunning()), "broker did not restart");
            long restarted = System.nanoTime();
            Chaos.check(failures.isEmpty(), failures.size() + " bookings or payments failed during the outage: "
                    + failures.subList(0, Math.min(3, failures.size())));
            int expectedMails = 4 * bookings; // confirmation and reminder, to client and psychologist
            // (besides them: a receipt per payment to the client, and the new clients' verification mails)
            int sessionPort = stack.service(ChaosStack.SESSION).port();
            Chaos.await(Duration.ofMinutes(5), () -> Chaos.metric(sessionPort, "session_outbox_pending_sessions") == 0);
            double outboxSeconds = Chaos.seconds(System.nanoTime() - restarted);
            boolean drained = Chaos.await(Duration.ofMinutes(5), () -> Chaos.metric(
                    stack.service(ChaosStack.SESSION).port(), "session_outbox_pending_sessions") == 0
                    && confirmed(api, sessions) == bookings
                    && sessionMails(stack).size() >= expectedMails);
            double drainSeconds = Chaos.seconds(System.nanoTime() - restarted);
            Processes.sleep(3000); // late duplicates would arrive now
            Map<String, Integer> mails = sessionMails(stack);
            Map<String, Integer> receipts = kind(Mailbox.byJob(stack.smtp()), ":receipt:");
            List<JsonNode> events = SessionEventsTopic.readAll(stack.kafka().bootstrapServers()).stream()
                    .filter(e -> sessions.containsKey(e.path("sessionId").asText())).toList();
            Set<String> eventIds = new HashSet<>();
            Map<String, Set<String>> typesBySession = new HashMap<>();
            events.forEach(e -> {
                eventIds.add(e.path("eventId").asText());
                typesBySession.computeIfAbsent(e.path("sessionId").asText(), k -> new HashSet<>()).add(e.path("type").asText());
            });
            Result result = new Result(bookings, outage, answered.get(), confirmed(api, sessions), eventIds.size(),
                    events.size() - eventIds.size(), mails.size(), Mailbox.duplicates(mails), outboxSeconds, drainSeconds);
            Chaos.check(drained, "not drained within 5 minutes: " + result);
            Chaos.check(sessions.keySet().stream().allMatch(id -> typesBySession.getOrDefault(id, Set.of())
                    .containsAll(Set.of("SessionBooked", "SessionConfirmed"))), "session events lost: " + result);
            Chaos.check(result.duplicateEvents() == 0 && result.duplicateMails() == 0 && mails.size() == expectedMails,
                    "duplicates or missing mails: " + result);
            Chaos.check(receipts.size() == bookings && Mailbox.duplicates(receipts) == 0,
                    receipts.size() + " payment receipts (" + Mailbox.duplicates(receipts) + " twice) for " + bookings
                            + " payments: " + result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            if (!stack.kafka().isRunning()) {
                stack.kafka().start();
            }
        }
    }

    /**
     * Sets the psychologist's working hours (as the SPA's working-hours page does) to begin at the
     * first whole minute from {@code from}, Nairobi time, every day, and returns the first slot the
     * availability API then offers a client: main books only slots the API offers.
     */
    static Instant firstSlotFrom(Api api, Api.Account admin, Api.Account psychologist, Instant from) {
        String id = psychologist.id();
        ZoneId zone = ZoneId.of(api.get("/api/psychologists/" + id + "/working-hours", admin.token()).path("timeZone").asText());
        LocalTime begin = from.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Chaos.check(begin.isBefore(LocalTime.of(22, 0)) && begin.isAfter(LocalTime.of(0, 1)),
                "run scenario 1 between 00:01 and 22:00 " + zone + " (a slot must fit before midnight), not at " + begin);
        Map<String, Object> weekly = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.put(day.name().toLowerCase(Locale.ROOT), List.of(Map.of("start", begin.toString(), "end", "24:00")));
        }
        api.put("/api/psychologists/" + id + "/working-hours", admin.token(), Map.of("weekly", weekly, "timeOff", List.of()));
        JsonNode offered = api.get("/api/psychologists/" + id + "/availability?from=" + from.truncatedTo(ChronoUnit.SECONDS)
                + "&to=" + from.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), admin.token()).path("slots");
        Chaos.check(offered.size() > 0, "no slot offered for " + id + " from " + from);
        return Instant.parse(offered.get(0).path("start").asText());
    }

    /** The confirmation and reminder mails, by job (their ids name the kind: see notification-service's EmailJob). */
    private static Map<String, Integer> sessionMails(ChaosStack stack) {
        Map<String, Integer> all = Mailbox.byJob(stack.smtp());
        Map<String, Integer> mails = kind(all, ":booking_confirmed:");
        all.forEach((job, count) -> {
            if (job.startsWith("reminder:")) {
                mails.put(job, count);
            }
        });
        return mails;
    }

    private static Map<String, Integer> kind(Map<String, Integer> byJob, String marker) {
        Map<String, Integer> of = new HashMap<>();
        byJob.forEach((job, count) -> {
            if (job.contains(marker)) {
                of.put(job, count);
            }
        });
        return of;
    }

    private static int confirmed(Api api, Map<String, Api.Account> sessions) {
        int confirmed = 0;
        for (Map.Entry<String, Api.Account> s : Map.copyOf(sessions).entrySet()) {
            if ("Confirmed".equals(api.session(s.getValue(), s.getKey()).path("status").asText())) {
                confirmed++;
            }
        }
        return confirmed;
    }

    static <T> List<T> parallel(ExecutorService pool, int count, java.util.function.IntFunction<T> make)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> make.apply(n)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }
}
