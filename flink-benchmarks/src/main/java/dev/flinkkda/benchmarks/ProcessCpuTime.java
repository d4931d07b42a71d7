package dev.flinkkda.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;

/**
 * The benchmark JVM's CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}, all threads) spent
 * in a benchmark's invocations, as JMH secondary results {@code ·cpuNanos} and {@code ·records}: on
 * a shared machine wall-clock scores follow the other processes' load, CPU time per record much
 * less. CPU nanoseconds per record = {@code cpuNanos / records}.
 *
 * <pre>{@code
 * long start = cpu.start();
 * … run the job over n records …
 * cpu.stop(start, n);
 * }</pre>
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProcessCpuTime {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long cpuNanos;
    public long records;

    @Setup(Level.Iteration)
    public void clear() {
        cpuNanos = 0;
        records = 0;
    }

    /** The process's CPU time now, to pass to {@link #stop}. */
    long start() {
        return OS.getProcessCpuTime();
    }

    /** Adds the CPU time since {@code start} and the {@code records} of the invocation. */
    void stop(long start, long records) {
        cpuNanos += OS.getProcessCpuTime() - start;
        this.records += records;
    }
}
