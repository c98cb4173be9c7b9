package io.imageupdater.gate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard 5-field cron expression ({@code minute hour day-of-month month day-of-week}) as Vixie cron reads it:
 * lists, ranges, steps ({@code *}{@code /15}, {@code 1-5/2}), month and weekday names, Sunday as 0 or 7, and, when
 * both day fields are restricted, a day matching either. Also {@code @yearly}, {@code @monthly}, {@code @weekly},
 * {@code @daily} and {@code @hourly}. Pure: it matches local dates and times; time zones are the window's business.
 *
 * @param text the expression as written
 */
public record CronSchedule(
        String text,
        BitSet minutes,
        BitSet hours,
        BitSet days,
        BitSet months,
        BitSet weekdays,
        boolean dayRestricted,
        boolean weekdayRestricted) {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] WEEKDAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    public CronSchedule {
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        days = (BitSet) days.clone();
        months = (BitSet) months.clone();
        weekdays = (BitSet) weekdays.clone();
    }

    /** @throws InvalidUpdateWindowException naming the expression and the field that is wrong */
    public static CronSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidUpdateWindowException("cron expression is empty");
        }
        String expression = MACROS.getOrDefault(text.strip().toLowerCase(Locale.ROOT), text.strip());
        String[] fields = expression.split("\\s+");
        if (fields.length != 5) {
            throw new InvalidUpdateWindowException("cron expression \"" + text
                    + "\" must have 5 fields (minute hour day-of-month month day-of-week), has " + fields.length);
        }
        BitSet weekdays = field(text, "day-of-week", fields[4], 0, 7, WEEKDAYS);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        return new CronSchedule(
                text.strip(),
                field(text, "minute", fields[0], 0, 59, null),
                field(text, "hour", fields[1], 0, 23, null),
                field(text, "day-of-month", fields[2], 1, 31, null),
                field(text, "month", fields[3], 1, 12, MONTHS),
                weekdays,
                !fields[2].startsWith("*") && !fields[2].equals("?"),
                !fields[4].startsWith("*") && !fields[4].equals("?"));
    }

    /** Whether the schedule fires on this date (at some time). */
    public boolean matches(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean day = days.get(date.getDayOfMonth());
        boolean weekday = weekdays.get(
                date.getDayOfWeek() == DayOfWeek.SUNDAY
                        ? 0
                        : date.getDayOfWeek().getValue());
        if (dayRestricted && weekdayRestricted) {
            return day || weekday;
        }
        return day && weekday;
    }

    /** Whether the schedule fires at this local minute. */
    public boolean matches(LocalDateTime time) {
        return matches(time.toLocalDate()) && hours.get(time.getHour()) && minutes.get(time.getMinute());
    }

    /** The local times of day it fires at, on a day it fires, in order. */
    public List<LocalTime> times() {
        List<LocalTime> times = new ArrayList<>();
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                times.add(LocalTime.of(h, m));
            }
        }
        return times;
    }

    private static BitSet field(String text, String name, String value, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : value.split(",", -1)) {
            try {
                part(part.toUpperCase(Locale.ROOT), min, max, names, bits);
            } catch (IllegalArgumentException e) {
                throw new InvalidUpdateWindowException("cron expression \"" + text + "\": " + name + " field \"" + value
                        + "\" is invalid: " + e.getMessage());
            }
        }
        return bits;
    }

    private static void part(String part, int min, int max, String[] names, BitSet bits) {
        int step = 1;
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            step = number(part.substring(slash + 1), null, 0);
            range = part.substring(0, slash);
            if (step < 1) {
                throw new IllegalArgumentException("step must be at least 1");
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            from = number(dash < 0 ? range : range.substring(0, dash), names, min);
            to = dash < 0 ? (slash >= 0 ? max : from) : number(range.substring(dash + 1), names, min);
        }
        if (from < min || to > max || from > to) {
            throw new IllegalArgumentException("\"" + part + "\" is outside " + min + "-" + max);
        }
        for (int i = from; i <= to; i += step) {
            bits.set(i);
        }
    }

    private static int number(String text, String[] names, int offset) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text)) {
                    return i + offset;
                }
            }
        }
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not a number");
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
