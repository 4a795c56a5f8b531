package io.trainyard.plugins.layer;

import io.trainyard.api.model.BoundOp;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A convolution pass as GEMMs over the unfolded batch: the batch unfolded ({@link Im2Col}) into columns
 * {@code [in kH kW, batch positions]}; the product starts as the bias broadcast by one GEMM, and one GEMM per group
 * adds {@code W x}; the product {@code [out, batch, positions]} is copied into the {@code [batch, out, positions]}
 * layout of the next layer ({@link BlockTranspose}). Backward is the same GEMMs transposed, then the columns'
 * gradient folded back.
 *
 * <p>On the CNN example's second layer (batch 64, 16 -> 32 channels, 14x14) the unfolding takes 1.4 ms where
 * libnd4j's plain {@code im2col} takes 3.3 ms into its per-sample layout (and 22 ms into this one), and one GEMM
 * 1.8 ms where 64 per-sample GEMMs take 2.3 ms; libnd4j's plain {@code conv2d_bp} takes 97 ms.
 */
final class UnfoldedConvolution implements BoundPasses.Pass {

    private final Conv2d layer;
    private final INDArray input;
    private final INDArray output;
    private final INDArray columns;
    private final INDArray batchOnes;
    private final long batch;
    private final long positions;
    private final Im2Col unfold;
    private final BoundOp broadcastBias;
    private final BoundOp[] multiply;
    private final BlockTranspose reorder;
    private Backward backward;

    UnfoldedConvolution(Conv2d layer, INDArray input) {
        this.layer = layer;
        this.input = input;
        this.batch = input.size(0);
        long[] shape = layer.outputShape(Arrays.copyOfRange(input.shape(), 1, 4));
        this.positions = shape[1] * shape[2];
        long rows = layer.groups() * layer.patch();
        int out = layer.out();
        this.output = layer.outputs.get(input.dataType(), batch, shape);
        this.columns = layer.scratch.get(input.dataType(), batch, rows * positions).reshape(rows, batch * positions);
        INDArray product = layer.products.get(input.dataType(), batch, out * positions)
                .reshape(out, batch * positions);
        this.batchOnes = layer.ones.get(input.dataType(), batch, positions).reshape(1, batch * positions);
        this.unfold = new Im2Col(input, columns, layer.height(), layer.width());
        this.broadcastBias = layer.hasBias() ? BoundOp.gemm(layer.bias(), batchOnes, product, false, false, 1, 0)
                : null;
        this.multiply = new BoundOp[layer.groups()];
        for (int g = 0; g < multiply.length; g++) {
            multiply[g] = BoundOp.gemm(layer.weight(g), rows(columns, g, layer.patch()), rows(product, g,
                    layer.outPerGroup()), false, false, 1, layer.hasBias() ? 1 : 0);
        }
        this.reorder = new BlockTranspose(product, output, out, batch, positions);
    }

    @Override
    public INDArray forward() {
        unfold.unfold();
        if (broadcastBias != null) {
            broadcastBias.run();
        }
        for (BoundOp op : multiply) {
            op.run();
        }
        reorder.run();
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean inputGradient) {
        if (backward == null || backward.gradOutput != gradOutput) {
            backward = new Backward(gradOutput);
        }
        return backward.run(inputGradient);
    }

    /** {@code dW_g += dy_g col_g^T}, {@code db += dy 1}, {@code dcol_g = W_g^T dy_g}, then the fold. */
    private final class Backward {

        private final INDArray gradOutput;
        private final INDArray gradInput;
        private final BlockTranspose reorder;
        private final BoundOp[] weightGradients;
        private final BoundOp[] columnGradients;
        private final BoundOp sumBias;
        private final Im2Col fold;

        Backward(INDArray gradOutput) {
            this.gradOutput = gradOutput;
            int out = layer.out();
            // The forward product's buffer: its values were copied into the output before any backward runs.
            INDArray transposed = layer.products.get(gradOutput.dataType(), batch, out * positions)
                    .reshape(out, batch * positions);
            this.reorder = new BlockTranspose(gradOutput, transposed, batch, out, positions);
            INDArray columnGradient = layer.scratchGradients.get(columns.dataType(), batch, columns.length() / batch)
                    .reshape(columns.shape());
            this.weightGradients = new BoundOp[layer.groups()];
            this.columnGradients = new BoundOp[layer.groups()];
            for (int g = 0; g < layer.groups(); g++) {
                INDArray dy = rows(transposed, g, layer.outPerGroup());
                weightGradients[g] = BoundOp.gemm(dy, rows(columns, g, layer.patch()), layer.weightGradient(g),
                        false, true, 1, 1);
                columnGradients[g] = BoundOp.gemm(layer.weight(g), dy, rows(columnGradient, g, layer.patch()), true,
                        false, 1, 0);
            }
            this.sumBias = layer.hasBias() ? BoundOp.gemm(transposed, batchOnes, layer.biasGradient(), false, true,
                    1, 1) : null;
            this.gradInput = layer.inputGradients.like(input);
            this.fold = new Im2Col(gradInput, columnGradient, layer.height(), layer.width());
        }

        INDArray run(boolean inputGradient) {
            reorder.run();
            for (BoundOp op : weightGradients) {
                op.run();
            }
            if (sumBias != null) {
                sumBias.run();
            }
            if (!inputGradient) {
                return null;
            }
            for (BoundOp op : columnGradients) {
                op.run();
            }
            fold.fold();
            return gradInput;
        }
    }

    /** Rows {@code [g count, (g + 1) count)} of a matrix, as a view. */
    private static INDArray rows(INDArray matrix, int g, long count) {
        return matrix.get(NDArrayIndex.interval(g * count, (g + 1) * count), NDArrayIndex.all());
    }
}
