package io.imageupdater;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as Argo CD Image Updater writes them: {@code 2m}, {@code 30s}, {@code 1h30m}, {@code 500ms}, {@code 0}. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** Parses {@code text}; {@code setting} names what is being parsed in the error message. */
    public static Duration parse(String text, String setting) {
        String value = text == null ? "" : text.strip();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            total = total.plusNanos((long) (amount * nanosPer(matcher.group(2))));
            end = matcher.end();
        }
        if (value.isEmpty() || end != value.length()) {
            throw new ImageUpdaterException(setting + ": \"" + value
                    + "\" is not a duration; write it like 30s, 2m, 1h30m or 500ms");
        }
        return total;
    }

    /** Formats as upstream prints durations ({@code 2m0s} style is avoided: {@code 2m}, {@code 1h30m}). */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int millis = duration.toMillisPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (seconds > 0) {
            text.append(seconds).append('s');
        }
        if (millis > 0) {
            text.append(millis).append("ms");
        }
        return text.isEmpty() ? duration.toNanos() + "ns" : text.toString();
    }

    private static double nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1_000;
            case "ms" -> 1_000_000;
            case "s" -> 1_000_000_000d;
            case "m" -> 60 * 1_000_000_000d;
            default -> 3600 * 1_000_000_000d;
        };
    }
}
