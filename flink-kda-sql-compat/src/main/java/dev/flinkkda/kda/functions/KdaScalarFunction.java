package dev.flinkkda.kda.functions;

import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * A flink-kda scalar function: Flink's type inference from its {@code eval} methods, with a failure
 * that names the function and the argument that does not fit ({@link ArgumentErrors}) rather than
 * Flink's bare list of signatures.
 */
public abstract class KdaScalarFunction extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return ArgumentErrors.naming(super.getTypeInference(typeFactory), typeFactory);
    }
}
