package dev.flinkkda.windows.stagger;

import org.apache.flink.streaming.api.windowing.assigners.MergingWindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The merge rule shared by the event-time and processing-time stagger assigners.
 *
 * <p>Every element is first given the candidate window {@code [t, t + size)}. Flink's {@code
 * MergingWindowSet} passes the windows that already exist for the key followed by that candidate as
 * the last one. The candidate joins the existing window that contains {@code t} (the one that
 * started last, if several do); otherwise it stays a window of its own. Existing windows are never
 * merged with each other and never change their bounds, so a window always has exactly the span
 * {@code [start, start + size)}, every element lies inside the window it was counted in, and a
 * merge can never move a window's end behind the watermark.
 *
 * <p>When each key's elements arrive in timestamp order (processing time, or event time after
 * {@link StaggerTimestampOrder}) this rule yields exactly the stagger chain: a window opens at the
 * first element of the key, and the first element at or after {@code start + size} opens the next
 * one.
 */
final class StaggerWindowMerging {

    private StaggerWindowMerging() {}

    static void mergeWindows(
            Collection<TimeWindow> windows, MergingWindowAssigner.MergeCallback<TimeWindow> c) {
        if (windows.size() < 2) {
            return;
        }
        TimeWindow candidate = null;
        for (Iterator<TimeWindow> it = windows.iterator(); it.hasNext(); ) {
            candidate = it.next();
        }
        TimeWindow target = null;
        int seen = 0;
        for (TimeWindow existing : windows) {
            if (++seen == windows.size()) {
                break; // the candidate itself
            }
            if (existing.getStart() <= candidate.getStart()
                    && candidate.getStart() < existing.getEnd()
                    && (target == null || existing.getStart() > target.getStart())) {
                target = existing;
            }
        }
        if (target != null) {
            // the callback's collection must be mutable: MergingWindowSet removes from it
            c.merge(new ArrayList<>(List.of(target, candidate)), target);
        }
    }
}
