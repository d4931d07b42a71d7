package dev.flinkkda.windows.predicate;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.InternalTimerService;

import java.util.List;

/**
 * The begin/end rules of {@link PredicateWindows}, shared by the aggregate and the process
 * operators: which window an element is in, when a window opens and closes, the window's numbering,
 * the count of elements outside windows, and the end-of-input flush. What a window holds (an
 * accumulator or its elements) is the operator's, reached through {@link Contents}.
 *
 * <p>Per key it keeps, in keyed state, the open window so far (cleared when it closes) and the
 * number of windows opened; with the flush on, an event-time timer at {@code Long.MAX_VALUE} while
 * a window is open.
 */
final class PredicateWindowTracker<T> {

    /** Long.MAX_VALUE: the watermark a bounded input sends at its end. */
    static final long END_OF_INPUT = Long.MAX_VALUE;

    /** What the operator keeps of the open window. All calls are in the current key's context. */
    interface Contents<T> {

        /** {@code value} joins the key's open window. */
        void add(T value) throws Exception;

        /** The key's window is complete: pass it on, and forget its contents. */
        void fire(PredicateWindow window) throws Exception;
    }

    private final PredicateWindows<T> windows;
    private final Contents<T> contents;
    private final InternalTimerService<VoidNamespace> timers;
    private final ValueState<PredicateWindow> openWindow;
    private final ValueState<Long> windowsOpened;
    private final Counter elementsOutsideWindows;

    /** Opens the predicates, as the operator opens its functions. */
    PredicateWindowTracker(
            PredicateWindows<T> windows,
            Contents<T> contents,
            RuntimeContext runtimeContext,
            MetricGroup metrics,
            InternalTimerService<VoidNamespace> timers)
            throws Exception {
        this.windows = windows;
        this.contents = contents;
        this.timers = timers;
        this.openWindow =
                runtimeContext.getState(
                        new ValueStateDescriptor<>(
                                "predicate-open-window", PredicateWindow.Serializer.INSTANCE));
        this.windowsOpened =
                runtimeContext.getState(
                        new ValueStateDescriptor<>("predicate-windows-opened", Types.LONG));
        this.elementsOutsideWindows =
                metrics.counter(PredicateWindows.ELEMENTS_OUTSIDE_WINDOWS_METRIC);
        for (FilterFunction<T> predicate : predicates()) {
            FunctionUtils.setFunctionRuntimeContext(predicate, runtimeContext);
            FunctionUtils.openFunction(predicate, DefaultOpenContext.INSTANCE);
        }
    }

    /** The predicates, the same one once if {@code begin} is {@code end}. */
    private List<FilterFunction<T>> predicates() {
        FilterFunction<T> begin = windows.getBegin();
        FilterFunction<T> end = windows.getEnd();
        return begin == end ? List.of(begin) : List.of(begin, end);
    }

    void close() throws Exception {
        Exception failure = null;
        for (FilterFunction<T> predicate : predicates()) {
            try {
                FunctionUtils.closeFunction(predicate);
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Places an element of the current key, {@code Long.MIN_VALUE} if it has no timestamp. */
    void processElement(T value, long timestamp) throws Exception {
        PredicateWindow open = openWindow.value();
        if (open == null) {
            if (!windows.getBegin().filter(value)) {
                elementsOutsideWindows.inc();
                return;
            }
            // Opening: the element is the window's first and is not tested against end.
            Long opened = windowsOpened.value();
            long number = opened == null ? 1 : opened + 1;
            windowsOpened.update(number);
            openWindow.update(new PredicateWindow(number, 1, timestamp, timestamp));
            if (windows.isFlushingOnEndOfInput()) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, END_OF_INPUT);
            }
            contents.add(value);
            return;
        }
        PredicateWindow grown = open.withNextElement(timestamp);
        contents.add(value);
        if (windows.getEnd().filter(value)) {
            // Closing: the element is consumed here and is not tested against begin.
            openWindow.clear();
            if (windows.isFlushingOnEndOfInput()) {
                timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, END_OF_INPUT);
            }
            contents.fire(grown);
        } else {
            openWindow.update(grown);
        }
    }

    /** An event-time timer of the current key fired at {@code time}. */
    void onEventTime(long time) throws Exception {
        if (time != END_OF_INPUT || !windows.isFlushingOnEndOfInput()) {
            return; // a timer restored from a job that flushed, into one that does not
        }
        PredicateWindow open = openWindow.value();
        if (open != null) {
            openWindow.clear();
            contents.fire(open);
        }
    }
}
