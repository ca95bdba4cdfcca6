package com.smilingsteps.session.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The free slots of one psychologist: working hours per weekday in the practice's zone, minus time
 * off, booked or held sessions (each with a buffer around it), the past and the minimum notice.
 * Slots start at the beginning of each working range and follow each other every slot length plus
 * buffer. Plain Java, no I/O: the API and the booking rules both ask it.
 */
public final class SlotCalculator {

    public record Slot(Instant start, Instant end) {
    }

    /** One working range on a weekday, in local time ({@code end} exclusive; 00:00 as end means midnight). */
    public record TimeRange(LocalTime start, LocalTime end) {
        public Duration length() {
            Duration length = Duration.between(start, end);
            return end.equals(LocalTime.MIDNIGHT) ? Duration.between(start, LocalTime.MAX).plusNanos(1) : length;
        }
    }

    /** Days off, both ends included, in the practice's zone. */
    public record DateRange(LocalDate from, LocalDate to) {
        boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    private final ZoneId zone;
    private final Duration slotLength;
    private final Duration buffer;

    public SlotCalculator(ZoneId zone, Duration slotLength, Duration buffer) {
        this.zone = zone;
        this.slotLength = slotLength;
        this.buffer = buffer;
    }

    /**
     * Free slots starting in [{@code from}, {@code to}) and no earlier than {@code earliest} (now
     * plus the notice for clients). {@code busy} are the start times of sessions holding the slot.
     */
    public List<Slot> freeSlots(Map<DayOfWeek, List<TimeRange>> weekly, List<DateRange> timeOff,
            Collection<Instant> busy, Instant from, Instant to, Instant earliest) {
        List<Slot> slots = new ArrayList<>();
        for (Slot slot : workingSlots(weekly, timeOff, from, to)) {
            if (!slot.start().isBefore(earliest) && !overlapsBusy(slot.start(), busy)) {
                slots.add(slot);
            }
        }
        return slots;
    }

    /** Every slot of the working hours starting in [from, to), ignoring sessions and notice. */
    public List<Slot> workingSlots(Map<DayOfWeek, List<TimeRange>> weekly, List<DateRange> timeOff, Instant from,
            Instant to) {
        List<Slot> slots = new ArrayList<>();
        Duration step = slotLength.plus(buffer);
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            LocalDate day = date;
            if (timeOff.stream().anyMatch(off -> off.contains(day))) {
                continue;
            }
            List<TimeRange> ranges = weekly.getOrDefault(date.getDayOfWeek(), List.of());
            for (TimeRange range : ranges) {
                ZonedDateTime rangeStart = date.atTime(range.start()).atZone(zone);
                Instant rangeEnd = rangeStart.plus(range.length()).toInstant();
                for (Instant start = rangeStart.toInstant(); !start.plus(slotLength).isAfter(rangeEnd); start = start.plus(step)) {
                    if (!start.isBefore(from) && start.isBefore(to)) {
                        slots.add(new Slot(start, start.plus(slotLength)));
                    }
                }
            }
        }
        slots.sort((a, b) -> a.start().compareTo(b.start()));
        return slots;
    }

    /** Whether a session starting at {@code start} would come closer than the buffer to a busy session. */
    public boolean overlapsBusy(Instant start, Collection<Instant> busy) {
        Duration gap = slotLength.plus(buffer);
        for (Instant other : busy) {
            if (start.isBefore(other.plus(gap)) && other.isBefore(start.plus(gap))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code start} begins one of the working slots (whatever is booked). */
    public boolean isWorkingSlot(Map<DayOfWeek, List<TimeRange>> weekly, List<DateRange> timeOff, Instant start) {
        return workingSlots(weekly, timeOff, start, start.plusSeconds(1)).stream().anyMatch(s -> s.start().equals(start));
    }

    public ZoneId zone() {
        return zone;
    }
}
