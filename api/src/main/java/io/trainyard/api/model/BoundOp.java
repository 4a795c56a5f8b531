package io.trainyard.api.model;

import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J operation bound once to fixed arrays, with its own execution context. ND4J builds a native context for
 * every call of {@code Nd4j.exec} or {@code Nd4j.gemm}, a small allocation each time; a bound op reuses one, so a
 * training loop that binds its ops per batch buffer runs them without allocating.
 */
public final class BoundOp {

    private final Runnable execution;

    private BoundOp(Runnable execution) {
        this.execution = execution;
    }

    /** {@code c = alpha * op(a) op(b) + beta * c}, where {@code op} transposes when asked: one BLAS GEMM. */
    public static BoundOp gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
            double alpha, double beta) {
        Mmul op = new Mmul(a, b, c, alpha, beta,
                MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build());
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(a, b);
        context.setOutputArrays(c);
        context.setTArguments(alpha, beta);
        context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
        return of(op, context);
    }

    /** A custom op (most of ND4J's gradient ops) with the given output and inputs, and the op's own arguments. */
    public static BoundOp of(CustomOp op, INDArray output, INDArray... inputs) {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(output);
        if (op.tArgs().length > 0) {
            context.setTArguments(op.tArgs());
        }
        if (op.iArgs().length > 0) {
            context.setIArguments(op.iArgs());
        }
        if (op.bArgs().length > 0) {
            context.setBArguments(op.bArgs());
        }
        return of(op, context);
    }

    /**
     * A custom op of libnd4j by name (e.g. {@code im2col}, {@code maxpool2d_bp}) with its integer arguments, for ops
     * the Java API has no convenient class for.
     */
    public static BoundOp named(String opName, long[] integerArguments, INDArray output, INDArray... inputs) {
        return named(opName, integerArguments, new INDArray[] {output}, inputs);
    }

    /** The same for an op with several outputs, such as {@code conv2d_bp} (input, weight and bias gradients). */
    public static BoundOp named(String opName, long[] integerArguments, INDArray[] outputs, INDArray... inputs) {
        DynamicCustomOp op = DynamicCustomOp.builder(opName).addInputs(inputs).addOutputs(outputs).build();
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
        context.setIArguments(integerArguments);
        return of(op, context);
    }

    private static BoundOp of(CustomOp op, OpContext context) {
        return new BoundOp(() -> Nd4j.getExecutioner().exec(op, context));
    }

    public void run() {
        execution.run();
    }
}
