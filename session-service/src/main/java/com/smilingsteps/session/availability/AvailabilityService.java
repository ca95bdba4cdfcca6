package com.smilingsteps.session.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.smilingsteps.session.availability.SlotCalculator.Slot;
import com.smilingsteps.session.availability.SlotCalculator.TimeRange;
import com.smilingsteps.session.booking.BookingConfig;
import com.smilingsteps.session.booking.Session;
import com.smilingsteps.session.booking.SessionStatus;
import com.smilingsteps.kit.problem.ProblemException;

/** Stores working hours and time off ({@code availability}, one document per psychologist) and answers slot questions. */
@ApplicationScoped
public class AvailabilityService {

    private final BookingConfig config;
    private final SlotCalculator calculator;
    private final MongoCollection<Document> availability;

    public AvailabilityService(BookingConfig config, MongoDatabase database) {
        this.config = config;
        this.calculator = new SlotCalculator(config.timeZone(), config.slotLength(), config.buffer());
        this.availability = database.getCollection("availability");
    }

    public WorkingHours hoursOf(String psychologistId) {
        Document doc = availability.find(Filters.eq("_id", psychologistId)).first();
        if (doc == null) {
            return WorkingHours.NONE;
        }
        Map<String, List<WorkingHours.Range>> weekly = new LinkedHashMap<>();
        Document days = doc.get("weekly", Document.class);
        if (days != null) {
            days.forEach((day, ranges) -> weekly.put(day, ((List<?>) ranges).stream()
                    .map(r -> (Document) r).map(r -> new WorkingHours.Range(r.getString("start"), r.getString("end"))).toList()));
        }
        List<WorkingHours.Off> timeOff = doc.getList("timeOff", Document.class, List.of()).stream()
                .map(o -> new WorkingHours.Off(o.getString("from"), o.getString("to"))).toList();
        return new WorkingHours(weekly, timeOff);
    }

    /** Replaces the psychologist's hours and time off after checking them (400 naming the field). */
    public WorkingHours save(String psychologistId, WorkingHours hours, String changedBy) {
        Map<DayOfWeek, List<TimeRange>> weekly = hours.weeklyRanges();
        hours.timeOffRanges();
        Document days = new Document();
        weekly.forEach((day, ranges) -> days.append(day.name().toLowerCase(java.util.Locale.ROOT), ranges.stream()
                .map(r -> new Document("start", r.start().toString())
                        .append("end", r.end().equals(java.time.LocalTime.MIDNIGHT) ? "24:00" : r.end().toString()))
                .toList()));
        List<Document> timeOff = hours.timeOffRanges().stream()
                .map(o -> new Document("from", o.from().toString()).append("to", o.to().toString())).toList();
        availability.replaceOne(Filters.eq("_id", psychologistId), new Document("_id", psychologistId)
                .append("weekly", days).append("timeOff", timeOff).append("updatedAt", Instant.now())
                .append("updatedBy", changedBy), new ReplaceOptions().upsert(true));
        return hoursOf(psychologistId);
    }

    /** Free slots starting in [from, to): working hours minus time off, sessions holding a slot, the past and the notice. */
    public List<Slot> freeSlots(String psychologistId, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ProblemException.badRequest("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(config.maxAvailabilityWindow()) > 0) {
            throw ProblemException.badRequest("to", "ask for at most " + config.maxAvailabilityWindow().toDays() + " days at once");
        }
        WorkingHours hours = hoursOf(psychologistId);
        return calculator.freeSlots(hours.weeklyRanges(), hours.timeOffRanges(), busyStarts(psychologistId, from, to, null),
                from, to, Instant.now().plus(config.notice()));
    }

    /** The first free slot within the availability window from now, or null. */
    public Slot nextFreeSlot(String psychologistId) {
        Instant now = Instant.now();
        List<Slot> slots = freeSlots(psychologistId, now, now.plus(config.maxAvailabilityWindow()));
        return slots.isEmpty() ? null : slots.get(0);
    }

    /**
     * Refuses a start that is not a free slot: a client's must begin a working slot at least the
     * notice ahead (400 outside-availability); anyone's must keep the buffer to the psychologist's
     * other sessions (409 slot-taken). {@code except} is the session being rescheduled.
     */
    public void requireBookable(String psychologistId, Instant start, ObjectId except, boolean byAdmin) {
        if (!byAdmin) {
            if (start.isBefore(Instant.now().plus(config.notice()))) {
                throw outside("sessions are booked at least " + config.notice().toMinutes() + " minutes ahead");
            }
            WorkingHours hours = hoursOf(psychologistId);
            if (!calculator.isWorkingSlot(hours.weeklyRanges(), hours.timeOffRanges(), start)) {
                throw outside("this time is not one of the psychologist's slots; pick one from their availability");
            }
        }
        if (calculator.overlapsBusy(start, busyStarts(psychologistId, start, start.plusSeconds(1), except))) {
            throw slotTaken();
        }
    }

    public static ProblemException slotTaken() {
        return ProblemException.conflict("slot-taken", "the psychologist already has a session at this time");
    }

    /** Starts of the psychologist's sessions that hold a slot and could touch [from, to). */
    private List<Instant> busyStarts(String psychologistId, Instant from, Instant to, ObjectId except) {
        Duration reach = config.slotLength().plus(config.buffer());
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("psychologist.userId", psychologistId),
                Filters.in("status", SessionStatus.ACTIVE),
                Filters.gt("sessionDate", from.minus(reach)), Filters.lt("sessionDate", to.plus(reach))));
        if (except != null) {
            filters.add(Filters.ne("_id", except));
        }
        List<Instant> starts = new ArrayList<>();
        Session.collection().find(Filters.and(filters)).projection(Projections.include("sessionDate"))
                .forEach(s -> starts.add(s.sessionDate));
        return starts;
    }

    private static ProblemException outside(String detail) {
        return new ProblemException(400, "outside-availability", "Invalid input", detail, "sessionDate");
    }

    public String timeZone() {
        return config.timeZone().getId();
    }
}
