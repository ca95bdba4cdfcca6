package com.smilingsteps.session.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.smilingsteps.session.availability.SlotCalculator.DateRange;
import com.smilingsteps.session.availability.SlotCalculator.Slot;
import com.smilingsteps.session.availability.SlotCalculator.TimeRange;

class SlotCalculatorTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final SlotCalculator CALCULATOR = new SlotCalculator(NAIROBI, Duration.ofHours(1), Duration.ofMinutes(10));
    /** Monday 2026-03-02 (no DST in Nairobi: always UTC+3). */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    private static Instant nairobi(LocalDate date, String time) {
        return date.atTime(LocalTime.parse(time)).atZone(NAIROBI).toInstant();
    }

    private static List<String> starts(List<Slot> slots) {
        return slots.stream().map(s -> s.start().atZone(NAIROBI).toLocalDateTime().toString()).toList();
    }

    private static Map<DayOfWeek, List<TimeRange>> mornings(DayOfWeek... days) {
        Map<DayOfWeek, List<TimeRange>> weekly = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            weekly.put(day, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                    new TimeRange(LocalTime.of(14, 0), LocalTime.of(15, 30))));
        }
        return weekly;
    }

    @Test
    void slotsFollowEachRangeWithTheBufferBetweenThemInNairobiTime() {
        List<Slot> slots = CALCULATOR.freeSlots(mornings(DayOfWeek.MONDAY), List.of(), List.of(),
                nairobi(MONDAY, "00:00"), nairobi(MONDAY.plusDays(1), "00:00"), LONG_AGO);
        // 09:00, 10:10 fit before 12:00 (11:20 would end 12:20); 14:00 fits before 15:30
        assertEquals(List.of("2026-03-02T09:00", "2026-03-02T10:10", "2026-03-02T14:00"), starts(slots));
        assertEquals(Instant.parse("2026-03-02T06:00:00Z"), slots.get(0).start(), "09:00 in Nairobi is 06:00 UTC");
        assertEquals(Duration.ofHours(1), Duration.between(slots.get(0).start(), slots.get(0).end()));
    }

    @Test
    void weekdayBoundariesFollowNairobiNotUtc() {
        // Monday 01:00-03:00 in Nairobi is Sunday 22:00-24:00 UTC: the slots belong to Monday's hours
        Map<DayOfWeek, List<TimeRange>> weekly = Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(1, 0), LocalTime.of(3, 0))),
                DayOfWeek.SUNDAY, List.of(new TimeRange(LocalTime.of(23, 0), LocalTime.MIDNIGHT)));
        List<Slot> slots = CALCULATOR.freeSlots(weekly, List.of(), List.of(), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z"), LONG_AGO);
        assertEquals(List.of("2026-03-01T23:00", "2026-03-02T01:00"), starts(slots));
        assertEquals(Instant.parse("2026-03-01T20:00:00Z"), slots.get(0).start());
        assertEquals(Instant.parse("2026-03-01T22:00:00Z"), slots.get(1).start());
    }

    @Test
    void timeOffRemovesWholeDaysBothEndsIncluded() {
        List<Slot> slots = CALCULATOR.freeSlots(mornings(DayOfWeek.values()), List.of(new DateRange(MONDAY.plusDays(1), MONDAY.plusDays(2))),
                List.of(), nairobi(MONDAY, "00:00"), nairobi(MONDAY.plusDays(4), "00:00"), LONG_AGO);
        assertEquals(List.of(MONDAY, MONDAY.plusDays(3)), slots.stream()
                .map(s -> s.start().atZone(NAIROBI).toLocalDate()).distinct().toList());
    }

    @Test
    void bookedSessionsBlockTheirSlotAndTheBufferAroundThem() {
        Map<DayOfWeek, List<TimeRange>> weekly = Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(8, 0), LocalTime.of(18, 0))));
        // grid 08:00, 09:10, 10:20, 11:30, 12:40; an admin's off-grid booking at 10:30 (to 11:30, plus
        // the 10-minute buffer) blocks 10:20 and 11:30, while 09:10 ends exactly 10 minutes before it
        List<Slot> slots = CALCULATOR.freeSlots(weekly, List.of(), List.of(nairobi(MONDAY, "10:30")),
                nairobi(MONDAY, "00:00"), nairobi(MONDAY, "13:00"), LONG_AGO);
        assertEquals(List.of("2026-03-02T08:00", "2026-03-02T09:10", "2026-03-02T12:40"), starts(slots));
        assertTrue(CALCULATOR.overlapsBusy(nairobi(MONDAY, "11:39"), List.of(nairobi(MONDAY, "10:30"))));
        assertFalse(CALCULATOR.overlapsBusy(nairobi(MONDAY, "11:40"), List.of(nairobi(MONDAY, "10:30"))));
        assertFalse(CALCULATOR.overlapsBusy(nairobi(MONDAY, "09:20"), List.of(nairobi(MONDAY, "10:30"))));
        assertTrue(CALCULATOR.overlapsBusy(nairobi(MONDAY, "09:21"), List.of(nairobi(MONDAY, "10:30"))));
    }

    @Test
    void slotsBeforeTheNoticeAreNotOffered() {
        Map<DayOfWeek, List<TimeRange>> weekly = Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(8, 0), LocalTime.of(18, 0))));
        Instant now = nairobi(MONDAY, "09:30");
        List<Slot> slots = CALCULATOR.freeSlots(weekly, List.of(), List.of(), nairobi(MONDAY, "00:00"),
                nairobi(MONDAY, "14:00"), now.plus(Duration.ofHours(2)));
        // 11:30 is the earliest allowed start; the grid offers 11:30 (08:00 + 3 × 70 min) onwards
        assertEquals(List.of("2026-03-02T11:30", "2026-03-02T12:40", "2026-03-02T13:50"), starts(slots));
    }

    @Test
    void theRequestedWindowCutsSlotsByTheirStart() {
        Map<DayOfWeek, List<TimeRange>> weekly = Map.of(DayOfWeek.MONDAY, List.of(new TimeRange(LocalTime.of(8, 0), LocalTime.of(18, 0))));
        List<Slot> slots = CALCULATOR.freeSlots(weekly, List.of(), List.of(), nairobi(MONDAY, "09:00"),
                nairobi(MONDAY, "10:10"), LONG_AGO);
        assertEquals(List.of("2026-03-02T09:10"), starts(slots));
        assertTrue(CALCULATOR.isWorkingSlot(weekly, List.of(), nairobi(MONDAY, "09:10")));
        assertFalse(CALCULATOR.isWorkingSlot(weekly, List.of(), nairobi(MONDAY, "09:00")));
    }
}
