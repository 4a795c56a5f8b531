package io.trainyard.api.model;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An ND4J operation bound once to fixed arrays, with its own execution context. ND4J builds a native context for
 * every call of {@code Nd4j.exec} or {@code Nd4j.gemm}, a small allocation each time; a bound op reuses one, so a
 * training loop that binds its ops per batch buffer runs them without allocating.
 *
 * <p>On the CPU backend, a run calls libnd4j directly rather than through the executioner, whose Java path (profiling
 * hooks, a check that no input lives in a closed workspace, a per-op oneDNN switch, a list of the outputs made on every
 * call) does nothing for an op bound this way, whose arrays are the caller's and live as long as the op: a quarter
 * less time for a small op (4.8 us against 6.4 for a 64x1x10 product), no allocation, and none of the executioner's
 * code for the JIT compiler to compile during a run's first epoch. Elsewhere (a GPU backend, profiling or NaN checks
 * switched on) the executioner runs it as before.
 */
public final class BoundOp {

    private final CustomOp op;
    /**
     * Held for as long as the op lives: it holds the bound arrays, and its native context is freed when it is
     * collected, which a run holding only the context's address would not prevent.
     */
    private final OpContext context;
    /** libnd4j, called directly; null where the executioner runs the op. */
    private final NativeOps nativeOps;
    private final long opHash;
    private final Pointer contextPointer;

    private BoundOp(CustomOp op, OpContext context) {
        this.op = op;
        this.context = context;
        OpExecutioner.ProfilingMode checks = Nd4j.getExecutioner().getProfilingMode();
        boolean direct = Nd4j.getEnvironment().isCPU() && (checks == OpExecutioner.ProfilingMode.DISABLED
                || checks == OpExecutioner.ProfilingMode.SCOPE_PANIC);
        this.nativeOps = direct ? NativeOpsHolder.getInstance().getDeviceNativeOps() : null;
        this.opHash = op.opHash();
        this.contextPointer = context.contextPointer();
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
        return new BoundOp(op, context);
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
        return new BoundOp(op, context);
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
        return new BoundOp(op, context);
    }

    public void run() {
        if (nativeOps == null) {
            Nd4j.getExecutioner().exec(op, context);
        } else if (nativeOps.execCustomOp2(null, opHash, contextPointer) != 0) {
            throw new IllegalStateException("ND4J's " + op.opName() + " failed: " + nativeOps.lastErrorMessage());
        }
    }
}
