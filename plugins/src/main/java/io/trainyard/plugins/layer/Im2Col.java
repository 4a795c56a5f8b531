package io.trainyard.plugins.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of {@code [channels, height, width]} images unfolded into the columns of one matrix
 * {@code [channels kH kW, batch positions]} (row {@code (c kH + i) kW + j} holds, for every sample and output
 * position, the input value under kernel tap {@code (i, j)} of channel {@code c}, or 0 in the padding), and
 * gradients folded back by summing every column's value into the input it came from.
 *
 * <p>Written here rather than through libnd4j's {@code im2col}: into this batch-wide layout libnd4j takes 7 times as
 * long as into its own per-sample one, and even that is slower than these copies, which move each run of a stride-1
 * row as one memory copy.
 */
final class Im2Col {

    private final ConvolutionAxis height;
    private final ConvolutionAxis width;
    private final int channels;
    private final int batch;
    private final int inHeight;
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final NativeValues image;
    private final NativeValues columns;
    private final Run copyIn;
    private final Padding zeroColumns;
    private final Run addBack;
    private final Padding skip = (column, length) -> { };

    /** Binds {@code image} {@code [batch, channels, inH, inW]} and {@code columns}, both contiguous. */
    Im2Col(INDArray image, INDArray columns, ConvolutionAxis height, ConvolutionAxis width) {
        this.height = height;
        this.width = width;
        this.batch = Math.toIntExact(image.size(0));
        this.channels = Math.toIntExact(image.size(1));
        this.inHeight = Math.toIntExact(image.size(2));
        this.inWidth = Math.toIntExact(image.size(3));
        this.outHeight = Math.toIntExact(height.output(inHeight));
        this.outWidth = Math.toIntExact(width.output(inWidth));
        long rows = (long) channels * height.kernel() * width.kernel();
        if (columns.length() != rows * batch * outHeight * outWidth) {
            throw new IllegalArgumentException("columns for " + rows + " rows of " + batch + " x " + outHeight
                    + " x " + outWidth + " positions, got " + columns.length() + " values");
        }
        this.image = NativeValues.of(image);
        this.columns = NativeValues.of(columns);
        this.copyIn = (column, pixel, length) -> this.columns.copy(this.image, pixel, column, length);
        this.zeroColumns = this.columns::zero;
        this.addBack = (column, pixel, length) -> this.image.add(this.columns, column, pixel, length);
    }

    /** Fills the columns from the image. */
    void unfold() {
        forEachRun(copyIn, zeroColumns);
    }

    /** Sets the image to the sum, for each pixel, of the column values it was unfolded into. */
    void fold() {
        image.zero(0, image.length());
        forEachRun(addBack, skip);
    }

    /** A run of {@code length} columns starting at {@code column} that unfold from pixels at {@code pixel}. */
    private interface Run {

        void apply(int column, int pixel, int length);
    }

    /** A run of {@code length} columns that read padding. */
    private interface Padding {

        void apply(int column, int length);
    }

    /**
     * Visits every (row, sample, output row) of the columns as runs: pixels one input column apart for a stride-1
     * width (one copy), single pixels otherwise, and the padding between.
     */
    private void forEachRun(Run run, Padding padding) {
        int positions = outHeight * outWidth;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < height.kernel(); i++) {
                for (int j = 0; j < width.kernel(); j++) {
                    int row = (c * height.kernel() + i) * width.kernel() + j;
                    int offsetX = j * width.dilation() - width.paddingBefore();
                    int first = Math.min(outWidth, Math.max(0, ceilDiv(-offsetX, width.stride())));
                    int end = Math.max(first, Math.min(outWidth, ceilDiv(inWidth - offsetX, width.stride())));
                    for (int b = 0; b < batch; b++) {
                        int plane = (b * channels + c) * inHeight * inWidth;
                        int base = (row * batch + b) * positions;
                        for (int y = 0; y < outHeight; y++) {
                            int inY = y * height.stride() + i * height.dilation() - height.paddingBefore();
                            int column = base + y * outWidth;
                            if (inY < 0 || inY >= inHeight) {
                                padding.apply(column, outWidth);
                                continue;
                            }
                            int pixel = plane + inY * inWidth + offsetX;
                            padding.apply(column, first);
                            if (width.stride() == 1) {
                                run.apply(column + first, pixel + first, end - first);
                            } else {
                                for (int x = first; x < end; x++) {
                                    run.apply(column + x, pixel + x * width.stride(), 1);
                                }
                            }
                            padding.apply(column + end, outWidth - end);
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
