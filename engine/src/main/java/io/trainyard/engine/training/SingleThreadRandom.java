package io.trainyard.engine.training;

import java.util.Random;

/**
 * {@link Random}'s own sequence for a seed, every method's, without its atomic update of the state: for a source
 * that one thread draws from, such as a model's initialisation (the reference MLP's 670 000 weights took 40-50 ms of
 * the set-up before the first batch, half of it the compare-and-set of each draw while the code is still cold). The
 * results stay those of {@code new Random(seed)}, bit for bit, so runs recorded before reproduce.
 */
final class SingleThreadRandom extends Random {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    /** Set by {@link #setSeed}, which Random's constructor calls before this class's fields would be initialised. */
    private long state;

    SingleThreadRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed); // which also forgets a pending Gaussian
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }
}
