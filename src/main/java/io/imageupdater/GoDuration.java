package io.imageupdater;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as Go writes them ({@code 2m}, {@code 30s}, {@code 1h30m}, {@code 1.5s}, {@code 300ms}), as upstream does. */
public final class GoDuration {

    /** Go's longest duration: the most nanoseconds an int64 holds. */
    private static final BigInteger LONGEST = BigInteger.valueOf(Long.MAX_VALUE);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {}

    /** Parses the value of a setting; the error names the setting and the allowed form. */
    public static Duration parse(String text, String setting) {
        try {
            return parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new ImageUpdaterException(setting + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException when the text is not a Go duration */
    public static Duration parse(String text) {
        String rest = text.strip();
        boolean negative = rest.startsWith("-");
        if (negative || rest.startsWith("+")) {
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < rest.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 30m, 2h or 1h30m");
            }
            nanos = nanos.add(
                    new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPer(matcher.group(2)))));
            position = matcher.end();
        }
        if (position == 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 30m, 2h or 1h30m");
        }
        BigInteger whole = nanos.toBigInteger();
        BigInteger limit = negative ? LONGEST.add(BigInteger.ONE) : LONGEST;
        if (whole.compareTo(limit) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is longer than the longest duration, "
                    + "2562047h47m16.854775807s (about 292 years)");
        }
        return Duration.ofNanos(negative ? whole.negate().longValueExact() : whole.longValueExact());
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
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
}
