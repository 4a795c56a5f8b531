package io.trainyard.plugins.layer;

/**
 * One axis (height or width) of a convolution's sliding window, as PyTorch's {@code Conv2d} defines it: the kernel's
 * extent, the step between positions, the spacing of the kernel's taps ({@code dilation}) and the zeros added before
 * and after the input. PyTorch's {@code padding='same'} is the one case with more zeros after than before.
 */
public record ConvolutionAxis(int kernel, int stride, int dilation, int paddingBefore, int paddingAfter) {

    public ConvolutionAxis {
        if (kernel < 1 || stride < 1 || dilation < 1 || paddingBefore < 0 || paddingAfter < 0) {
            throw new IllegalArgumentException("a convolution needs kernel, stride and dilation >= 1 and padding"
                    + " >= 0");
        }
    }

    /** {@code padding} zeros on both sides, as an integer {@code padding} in PyTorch. */
    public static ConvolutionAxis padded(int kernel, int stride, int dilation, int padding) {
        return new ConvolutionAxis(kernel, stride, dilation, padding, padding);
    }

    /**
     * PyTorch's {@code padding='same'} (stride 1 only): {@code dilation (kernel - 1)} zeros in all, the odd one
     * after, so that the output is as large as the input.
     */
    public static ConvolutionAxis same(int kernel, int dilation) {
        int total = dilation * (kernel - 1);
        return new ConvolutionAxis(kernel, 1, dilation, total / 2, total - total / 2);
    }

    /** Whether this axis pads more after than before, which libnd4j's {@code im2col} can only do in its same mode. */
    boolean asymmetric() {
        return paddingAfter != paddingBefore;
    }

    /** The number of kernel positions along an input of this length (below 1 when the kernel does not fit). */
    public long output(long input) {
        long span = (long) dilation * (kernel - 1) + 1;
        return Math.floorDiv(input + paddingBefore + paddingAfter - span, stride) + 1;
    }

    /** E.g. {@code k3 s1 p1}, with {@code d2} for a dilated kernel and {@code p1/2} for uneven padding. */
    String describe() {
        return "k" + kernel + " s" + stride + " p" + paddingBefore + (asymmetric() ? "/" + paddingAfter : "")
                + (dilation == 1 ? "" : " d" + dilation);
    }
}
