package dev.flinkkda.windows.testing;

import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;

/**
 * A task metric group whose operator group keeps the metrics registered on it, so that an operator
 * test harness built on a {@code MockEnvironment} with this group can read the operator's counters.
 */
public final class OneOperatorTaskMetricGroup
        extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {

    private final InterceptingOperatorMetricGroup operatorMetrics;

    public OneOperatorTaskMetricGroup(InterceptingOperatorMetricGroup operatorMetrics) {
        this.operatorMetrics = operatorMetrics;
    }

    @Override
    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name) {
        return operatorMetrics;
    }
}
