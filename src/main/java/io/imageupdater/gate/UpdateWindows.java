package io.imageupdater.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance windows of an image: none means always open; otherwise an update may be written only while one of
 * them is open. Pure: "now" is given.
 *
 * @param windows the windows, in the order written
 */
public record UpdateWindows(List<UpdateWindow> windows) {
    public static final UpdateWindows ALWAYS = new UpdateWindows(List.of());

    public UpdateWindows {
        windows = List.copyOf(windows);
    }

    /**
     * Parses the annotation form: windows separated by {@code ;}, each {@code schedule|duration|timeZone}. Blank means
     * {@link #ALWAYS}.
     *
     * @throws InvalidUpdateWindowException naming the first window that cannot be read
     */
    public static UpdateWindows parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        List<UpdateWindow> windows = new ArrayList<>();
        for (String part : text.split(";")) {
            if (!part.isBlank()) {
                windows.add(UpdateWindow.parse(part.strip()));
            }
        }
        return new UpdateWindows(windows);
    }

    /** Parses each window of a list in the annotation form. */
    public static UpdateWindows parse(List<String> texts) {
        return parse(texts == null ? null : String.join(";", texts));
    }

    /** Whether an update may be written at {@code now}, and if not, when it next may. */
    public Verdict check(Instant now) {
        if (windows.isEmpty()) {
            return new Verdict(true, Optional.empty(), Optional.empty());
        }
        Optional<Instant> open = windows.stream()
                .map(window -> window.openAt(now))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        if (open.isPresent()) {
            return new Verdict(true, open, Optional.empty());
        }
        Optional<Instant> next = windows.stream()
                .map(window -> window.nextStart(now))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        return new Verdict(false, Optional.empty(), next);
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(";", windows.stream().map(UpdateWindow::toString).toList());
    }

    /**
     * @param allowed    whether a window is open (or there are none)
     * @param openedAt   when the open window opened, when one is open
     * @param nextWindow when the next window opens, when none is open (empty if the schedules never fire again)
     */
    public record Verdict(boolean allowed, Optional<Instant> openedAt, Optional<Instant> nextWindow) {}
}
