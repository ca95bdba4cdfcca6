package com.smilingsteps.session.availability;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.smilingsteps.session.availability.SlotCalculator.DateRange;
import com.smilingsteps.session.availability.SlotCalculator.TimeRange;
import com.smilingsteps.kit.problem.ProblemException;

/**
 * A psychologist's weekly hours and time off as the API carries them ("monday": [{"start":
 * "09:00", "end": "13:00"}], time off as ISO dates), checked and turned into the calculator's types.
 */
public record WorkingHours(Map<String, List<Range>> weekly, List<Off> timeOff) {

    public record Range(String start, String end) {
    }

    public record Off(String from, String to) {
    }

    public static final WorkingHours NONE = new WorkingHours(Map.of(), List.of());
    private static final int MAX_RANGES_PER_DAY = 12;
    private static final int MAX_TIME_OFF = 100;

    /** The weekly ranges by day; refuses unknown days, bad times, empty or overlapping ranges (400 naming the field). */
    public Map<DayOfWeek, List<TimeRange>> weeklyRanges() {
        Map<DayOfWeek, List<TimeRange>> byDay = new EnumMap<>(DayOfWeek.class);
        if (weekly == null) {
            return byDay;
        }
        weekly.forEach((dayName, ranges) -> {
            String field = "weekly." + dayName;
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(dayName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("weekly", "unknown weekday " + dayName);
            }
            if (ranges == null || ranges.size() > MAX_RANGES_PER_DAY) {
                throw ProblemException.badRequest(field, "at most " + MAX_RANGES_PER_DAY + " ranges a day");
            }
            List<TimeRange> parsed = new ArrayList<>();
            for (Range range : ranges) {
                if (range == null) {
                    throw ProblemException.badRequest(field, "a range needs start and end");
                }
                LocalTime start = time(field, range.start(), false);
                LocalTime end = time(field, range.end(), true);
                if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                    throw ProblemException.badRequest(field, "a range must end after it starts");
                }
                parsed.add(new TimeRange(start, end));
            }
            parsed.sort((a, b) -> a.start().compareTo(b.start()));
            for (int i = 1; i < parsed.size(); i++) {
                TimeRange previous = parsed.get(i - 1);
                if (previous.end().equals(LocalTime.MIDNIGHT) || previous.end().isAfter(parsed.get(i).start())) {
                    throw ProblemException.badRequest(field, "ranges of one day must not overlap");
                }
            }
            byDay.put(day, List.copyOf(parsed));
        });
        return byDay;
    }

    public List<DateRange> timeOffRanges() {
        if (timeOff == null) {
            return List.of();
        }
        if (timeOff.size() > MAX_TIME_OFF) {
            throw ProblemException.badRequest("timeOff", "at most " + MAX_TIME_OFF + " time-off ranges");
        }
        List<DateRange> ranges = new ArrayList<>();
        for (Off off : timeOff) {
            if (off == null) {
                throw ProblemException.badRequest("timeOff", "a time-off range needs from and to");
            }
            LocalDate from = date(off.from());
            LocalDate to = date(off.to());
            if (to.isBefore(from)) {
                throw ProblemException.badRequest("timeOff", "time off must not end before it starts");
            }
            ranges.add(new DateRange(from, to));
        }
        return ranges;
    }

    private static LocalTime time(String field, String text, boolean end) {
        if (end && "24:00".equals(text)) {
            return LocalTime.MIDNIGHT;
        }
        try {
            LocalTime time = LocalTime.parse(text == null ? "" : text);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                throw ProblemException.badRequest(field, "times are HH:mm");
            }
            return time;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "times are HH:mm (24:00 allowed as an end)");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("timeOff", "time-off dates are ISO dates (2026-12-24)");
        }
    }
}
