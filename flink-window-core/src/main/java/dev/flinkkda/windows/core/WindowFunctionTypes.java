package dev.flinkkda.windows.core;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;

/** Type extraction for the window functions of the incremental paths, as Flink's windows do. */
@Internal
public final class WindowFunctionTypes {

    private WindowFunctionTypes() {}

    /** The output type of {@code function} given its input type. */
    public static <V, R> TypeInformation<R> resultType(
            ProcessWindowFunction<V, R, ?, ?> function, TypeInformation<V> inputType) {
        return TypeExtractor.getUnaryOperatorReturnType(
                function,
                ProcessWindowFunction.class,
                0,
                1,
                TypeExtractor.NO_INDEX,
                inputType,
                null,
                false);
    }
}
