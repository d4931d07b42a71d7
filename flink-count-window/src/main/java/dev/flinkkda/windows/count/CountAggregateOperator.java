package dev.flinkkda.windows.count;

import dev.flinkkda.windows.core.IncrementalWindowOperator;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@link CountWindows} with incremental aggregation, at a cost per element that does not grow with
 * size or stride: the fast path behind {@link CountWindowedStream}.
 *
 * <p>Elements are aggregated into panes of {@code g = gcd(size, stride)} elements; every window is
 * a run of {@code size / g} consecutive panes. The panes of the current window are a queue kept as
 * two stacks (Hammad et al.'s "two-stacks" sliding aggregation): new panes go to the back, whose
 * aggregate is kept; the front holds, for each of its panes, the aggregate from it to the front's
 * end. A window's aggregate is one merge of the front's oldest entry and the back's aggregate;
 * dropping the oldest pane is one removal; when the front runs empty, the back is turned into a new
 * front with one merge per pane. So each pane is merged a constant number of times. Elements that
 * belong to no window (a sampling window's skipped elements) are only counted.
 *
 * <p>All of it is keyed state, so counts, panes and the numbering survive a restore.
 */
final class CountAggregateOperator<K, T, ACC, V, R>
        extends IncrementalWindowOperator<K, T, ACC, V, R, CountWindow> {

    private static final long serialVersionUID = 1L;

    private final CountWindows windows;
    private final long size;
    private final long stride;
    private final long pane;

    /** Elements in no window before each window of a sampling window (stride above size), or 0. */
    private final long gap;

    private final TypeInformation<ACC> accumulatorType;

    private transient TypeSerializer<ACC> accumulatorSerializer;

    /**
     * Per key, in one state to keep the per-element cost low: n, open pane, its first timestamp,
     * where the current pane or gap ends. On the heap backend the value read is the stored object
     * and is changed in place.
     */
    private transient ValueState<CountProgress<ACC>> progress;

    /** Whether a changed progress must be written back (any backend but the heap). */
    private transient boolean writesBack;

    private transient MapState<Long, ACC> back;
    private transient ValueState<ACC> backAggregate;
    private transient ValueState<Long> backStart;
    private transient MapState<Long, ACC> front;
    private transient ValueState<Long> frontStart;
    private transient ValueState<Long> frontEnd;
    private transient MapState<Long, Long> paneFirstTimestamps;

    CountAggregateOperator(
            CountWindows windows,
            AggregateFunction<T, ACC, V> aggregate,
            TypeInformation<ACC> accumulatorType,
            ProcessWindowFunction<V, R, K, CountWindow> windowFunction) {
        super(aggregate, windowFunction, "CountWindows.window(...), Flink's WindowedStream,");
        this.windows = windows;
        this.size = windows.getSize();
        this.stride = windows.getStride();
        this.pane = gcd(size, stride);
        this.gap = Math.max(0, stride - size);
        this.accumulatorType = accumulatorType;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public void open() throws Exception {
        super.open();
        accumulatorSerializer =
                accumulatorType.createSerializer(getExecutionConfig().getSerializerConfig());
        progress =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "count-progress",
                                        CountProgress.serializer(accumulatorSerializer)));
        writesBack = !(getKeyedStateBackend() instanceof HeapKeyedStateBackend);
        back = map("count-back-panes", accumulatorType);
        backAggregate = value("count-back-aggregate", accumulatorType);
        backStart = value("count-back-start", Types.LONG);
        front = map("count-front-suffixes", accumulatorType);
        frontStart = value("count-front-start", Types.LONG);
        frontEnd = value("count-front-end", Types.LONG);
        paneFirstTimestamps = map("count-pane-first-ts", Types.LONG);
    }

    private <X> ValueState<X> value(String name, TypeInformation<X> type) {
        return getRuntimeContext().getState(new ValueStateDescriptor<>(name, type));
    }

    private <X> MapState<Long, X> map(String name, TypeInformation<X> type) {
        return getRuntimeContext().getMapState(new MapStateDescriptor<>(name, Types.LONG, type));
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        CountProgress<ACC> stored = progress.value();
        CountProgress<ACC> state = stored != null ? stored : CountProgress.start(gap);
        long n = state.countOne();
        long timestamp = element.hasTimestamp() ? element.getTimestamp() : Long.MIN_VALUE;
        ACC accumulator = state.openPane();
        if (accumulator == null) {
            if (n <= state.runEnd()) {
                store(state, stored);
                return; // sampling: this element is in a gap, in no window
            }
            accumulator = aggregate.createAccumulator();
            state.openPane(accumulator, timestamp, n - 1 + pane);
        }
        accumulator = aggregate.add(element.getValue(), accumulator);
        if (n != state.runEnd()) {
            state.setOpenPane(accumulator);
            store(state, stored);
            return;
        }
        long firstTimestamp = state.paneFirstTimestamp();
        // a sampling window's last pane is followed by the gap before the next window
        state.closePane(gap > 0 && n % stride == 0 ? n + gap : n);
        store(state, stored);
        long paneIndex = n / pane - 1;
        if (size == pane) {
            // Windows of exactly one pane (tumbling, or sampling with size dividing stride): a
            // completed pane is a window.
            if (windows.firesAt(n)) {
                emit(new CountWindow(n - size + 1, n, firstTimestamp, timestamp), accumulator);
            }
            return;
        }
        pushPane(paneIndex, accumulator, firstTimestamp);
        if (windows.firesAt(n)) {
            long firstPane = Math.max(0, (n - size) / pane);
            dropPanesBefore(firstPane, paneIndex);
            emit(
                    new CountWindow(
                            Math.max(1, n - size + 1),
                            n,
                            paneFirstTimestamps.get(firstPane),
                            timestamp),
                    windowAggregate());
            // keep only the panes the next window shares with this one
            dropPanesBefore(Math.max(0, (n + stride - size) / pane), paneIndex);
        }
    }

    /** Writes the progress back unless it is the heap backend's stored object, changed in place. */
    private void store(CountProgress<ACC> state, CountProgress<ACC> stored) throws Exception {
        if (writesBack || state != stored) {
            progress.update(state);
        }
    }

    private void pushPane(long index, ACC accumulator, long firstTimestamp) throws Exception {
        back.put(index, accumulator);
        paneFirstTimestamps.put(index, firstTimestamp);
        ACC aggregateSoFar = backAggregate.value();
        // merge may reuse either argument: the stored pane must stay as it is
        backAggregate.update(
                aggregateSoFar == null
                        ? accumulatorSerializer.copy(accumulator)
                        : aggregate.merge(aggregateSoFar, accumulatorSerializer.copy(accumulator)));
        if (backStart.value() == null) {
            backStart.update(index);
        }
    }

    /** Drops panes older than {@code firstKept}; {@code newest} is the newest pane stored. */
    private void dropPanesBefore(long firstKept, long newest) throws Exception {
        while (true) {
            Long oldest = frontStart.value();
            if (oldest == null) {
                Long backOldest = backStart.value();
                if (backOldest == null || backOldest >= firstKept) {
                    return;
                }
                if (newest < firstKept) {
                    clearBack(backOldest, newest); // all of it goes: no need to turn it over
                    return;
                }
                turnBackIntoFront(backOldest, newest);
                continue;
            }
            if (oldest >= firstKept) {
                return;
            }
            front.remove(oldest);
            paneFirstTimestamps.remove(oldest);
            if (oldest.equals(frontEnd.value())) {
                frontStart.clear();
                frontEnd.clear();
            } else {
                frontStart.update(oldest + 1);
            }
        }
    }

    private void clearBack(long oldest, long newest) throws Exception {
        for (long i = oldest; i <= newest; i++) {
            back.remove(i);
            paneFirstTimestamps.remove(i);
        }
        backStart.clear();
        backAggregate.clear();
    }

    /** The front is empty: the back's panes become the front, with their suffix aggregates. */
    private void turnBackIntoFront(long oldest, long newest) throws Exception {
        ACC suffix = null;
        for (long i = newest; i >= oldest; i--) {
            ACC paneAggregate = back.get(i);
            back.remove(i);
            // merge may reuse either argument: the suffix stored for i + 1 must stay as it is
            suffix =
                    suffix == null
                            ? paneAggregate
                            : aggregate.merge(paneAggregate, accumulatorSerializer.copy(suffix));
            front.put(i, suffix);
        }
        frontStart.update(oldest);
        frontEnd.update(newest);
        backStart.clear();
        backAggregate.clear();
    }

    /** The aggregate of all stored panes: the current window's. */
    private ACC windowAggregate() throws Exception {
        Long oldest = frontStart.value();
        ACC frontPart = oldest == null ? null : front.get(oldest);
        ACC backPart = backAggregate.value();
        if (frontPart == null) {
            return backPart;
        }
        if (backPart == null) {
            return frontPart;
        }
        return aggregate.merge(
                accumulatorSerializer.copy(frontPart), accumulatorSerializer.copy(backPart));
    }
}
