package io.imageupdater.gate;

import io.imageupdater.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A maintenance window: it opens whenever its cron schedule fires, in its time zone's local time, and stays open for
 * its duration (elapsed time, so a window opening on a DST change day lasts exactly as long as on any other day). A
 * start time that does not exist locally (skipped by a spring-forward change) opens the window right after the gap,
 * as cron does; a start time that exists twice (a fall-back change) opens it once, at the first.
 *
 * @param schedule when it opens
 * @param duration how long it stays open (positive)
 * @param zone     the time zone of the schedule
 */
public record UpdateWindow(CronSchedule schedule, Duration duration, ZoneId zone) {
    /** How far to look ahead for the next start: a Feb 29 schedule fires at least once in 8 years. */
    private static final int HORIZON_DAYS = 366 * 8 + 2;

    public UpdateWindow {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidUpdateWindowException(
                    "update window \"" + schedule + "\": duration must be positive, is " + duration);
        }
    }

    /**
     * Parses {@code schedule|duration|timeZone}, e.g. {@code 0 22 * * 1-5|4h|Europe/Berlin}; the time zone may be
     * left out (UTC).
     *
     * @throws InvalidUpdateWindowException naming the window and what is wrong with it
     */
    public static UpdateWindow parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\|", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidUpdateWindowException("update window \"" + text
                    + "\" is not \"<cron schedule>|<duration>|<time zone>\" (e.g. \"0 22 * * 1-5|4h|Europe/Berlin\")");
        }
        return of(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** A window from its three settings, as an ImageUpdater resource gives them. */
    public static UpdateWindow of(String schedule, String duration, String timeZone) {
        CronSchedule cron = CronSchedule.parse(schedule);
        Duration length;
        try {
            length = GoDuration.parse(duration == null ? "" : duration.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidUpdateWindowException("update window \"" + cron + "\": duration \"" + duration
                    + "\" is not a duration such as 30m, 4h or 1h30m");
        }
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidUpdateWindowException("update window \"" + cron + "\": time zone \"" + timeZone
                    + "\" is not an IANA time zone such as Europe/Berlin");
        }
        return new UpdateWindow(cron, length, zone);
    }

    /** The start of the window that is open at {@code now}, if one is. */
    public Optional<Instant> openAt(Instant now) {
        Optional<Instant> start = latestStart(now);
        return start.filter(s -> now.isBefore(s.plus(duration)));
    }

    /** The first start after {@code now}, if the schedule ever fires again. */
    public Optional<Instant> nextStart(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < HORIZON_DAYS; i++, day = day.plusDays(1)) {
            if (!schedule.matches(day)) {
                continue;
            }
            Instant best = null;
            for (LocalTime time : schedule.times()) {
                Instant start = start(day, time);
                if (start.isAfter(now) && (best == null || start.isBefore(best))) {
                    best = start;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** The last start at or before {@code now} that could still be open (no earlier than now minus the duration). */
    private Optional<Instant> latestStart(Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate().plusDays(1);
        LocalDate earliest = now.minus(duration).atZone(zone).toLocalDate().minusDays(1);
        for (; !day.isBefore(earliest); day = day.minusDays(1)) {
            if (!schedule.matches(day)) {
                continue;
            }
            Instant best = null;
            for (LocalTime time : schedule.times()) {
                Instant start = start(day, time);
                if (!start.isAfter(now) && (best == null || start.isAfter(best))) {
                    best = start;
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    /** The instant a local start time means: after a gap for a skipped time, the first of two for a repeated one. */
    private Instant start(LocalDate day, LocalTime time) {
        LocalDateTime local = day.atTime(time);
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(offsets.get(0));
    }

    /** {@code schedule|duration|timeZone}, the annotation form. */
    @Override
    public String toString() {
        return schedule + "|" + GoDuration.format(duration) + "|" + zone.getId();
    }
}
